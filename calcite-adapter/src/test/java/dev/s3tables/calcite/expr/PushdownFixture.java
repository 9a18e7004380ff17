package dev.s3tables.calcite.expr;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.config.Lex;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Table {@code t}: an id and one nullable column per Iceberg primitive type, typed in Calcite the
 * way the adapter types them (IcebergTypes), with rows holding NULL, NaN, -0.0, infinities, the
 * extremes and sub-millisecond times. Answers predicates the way Calcite itself evaluates them.
 */
final class PushdownFixture implements AutoCloseable {

  /** A column: Iceberg and Calcite types, values as Iceberg stores them, Calcite's view of one. */
  private record Column(String name, Type iceberg,
      Function<RelDataTypeFactory, RelDataType> calcite, Function<Object, Object> toCalcite,
      List<Object> values) {}

  private static final List<Column> COLUMNS = new ArrayList<>();

  private static void column(String name, Type iceberg,
      Function<RelDataTypeFactory, RelDataType> calcite, Function<Object, Object> toCalcite,
      Object... values) {
    List<Object> list = new ArrayList<>();
    list.add(null);
    list.addAll(Arrays.asList(values));
    COLUMNS.add(new Column(name, iceberg,
        f -> f.createTypeWithNullability(calcite.apply(f), true), toCalcite, list));
  }

  private static void plain(String name, Type iceberg, SqlTypeName type, Object... values) {
    column(name, iceberg, f -> f.createSqlType(type), Function.identity(), values);
  }

  private static Function<RelDataTypeFactory, RelDataType> sql(SqlTypeName type, int precision) {
    return f -> f.createSqlType(type, precision);
  }

  static final int ROWS = 14;

  static {
    Function<Object, Object> micros = v -> Math.floorDiv((Long) v, 1_000L);
    Function<Object, Object> bytes = v -> new ByteString(((ByteBuffer) v).array());
    plain("b", Types.BooleanType.get(), SqlTypeName.BOOLEAN,
        true, false, true, false, true, false, true, false, true, false, true, false, true);
    plain("i", Types.IntegerType.get(), SqlTypeName.INTEGER,
        5, -5, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 6, 7, 100, -1, 2, 3, 4);
    plain("l", Types.LongType.get(), SqlTypeName.BIGINT,
        5L, -5L, 0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 6L, 9_007_199_254_740_993L, 100L, -1L, 2L,
        3L, 4L);
    plain("f", Types.FloatType.get(), SqlTypeName.REAL,
        1.5f, -1.5f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.1f,
        0.0f, Float.MAX_VALUE, Float.MIN_VALUE, 100f, -Float.MIN_VALUE, 5f);
    plain("d", Types.DoubleType.get(), SqlTypeName.DOUBLE,
        1.5, -1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.1, 0.0,
        Double.MAX_VALUE, Double.MIN_VALUE, 100.0, 0.1 + 0.2, 5.0);
    column("dc", Types.DecimalType.of(9, 2), f -> f.createSqlType(SqlTypeName.DECIMAL, 9, 2),
        Function.identity(),
        dec("1.23"), dec("-1.23"), dec("0.00"), dec("1.24"), dec("9999999.99"),
        dec("-9999999.99"), dec("1.20"), dec("0.01"), dec("100.00"), dec("-0.01"), dec("1.25"),
        dec("5.00"), dec("1.22"));
    plain("dt", Types.DateType.get(), SqlTypeName.DATE,
        18262, -1, 0, 18263, 2_932_896, -719_162, 18262, 18261, 10_000, -10_000, 19_000, 18264, 1);
    column("tm", Types.TimeType.get(), sql(SqlTypeName.TIME, 3), v -> (int) ((Long) v / 1_000L),
        3_600_000_000L, 0L, 3_600_000_500L, 86_399_999_999L, 1L, 999L, 3_600_001_000L,
        43_200_000_000L, 3_599_999_999L, 1_000L, 86_399_999_000L, 3_600_000_999L, 60_000_000L);
    Object[] timestamps = {1_577_836_800_000_000L, -1L, 1_577_836_800_000_999L,
        1_577_836_800_001_000L, 0L, -1_000L, -1_001L, 253_402_300_799_999_999L,
        -62_135_596_800_000_000L, 1_577_836_799_999_999L, 1_577_836_800_000_500L, 1_000L,
        946_684_800_000_000L};
    column("ts", Types.TimestampType.withoutZone(), sql(SqlTypeName.TIMESTAMP, 3), micros,
        timestamps);
    column("tz", Types.TimestampType.withZone(),
        sql(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3), micros, timestamps);
    column("tn", Types.TimestampNanoType.withoutZone(), sql(SqlTypeName.TIMESTAMP, 3),
        v -> Math.floorDiv((Long) v, 1_000_000L),
        1_577_836_800_000_000_000L, -1L, 1_577_836_800_000_999_999L, 1_577_836_800_001_000_000L,
        0L, -1_000_000L, -1_000_001L, Long.MAX_VALUE, Long.MIN_VALUE,
        1_577_836_799_999_999_999L, 1_577_836_800_000_500_000L, 1_000_000L,
        946_684_800_000_000_000L);
    Object[] strings = {"abc", "ab", "", "ab\ncd", "\uFFFF", "\uD83D\uDE00", "abd", "a%b", "a_b",
        "AB", "abc ", "b", "\u00e9"};
    plain("s", Types.StringType.get(), SqlTypeName.VARCHAR, strings);
    // Literals beyond ISO-8859-1 (U&'...') only compare with a UTF-16 column.
    column("su", Types.StringType.get(), f -> f.createTypeWithCharsetAndCollation(
        f.createSqlType(SqlTypeName.VARCHAR), StandardCharsets.UTF_16LE, SqlCollation.IMPLICIT),
        Function.identity(), strings);
    column("bin", Types.BinaryType.get(), f -> f.createSqlType(SqlTypeName.VARBINARY), bytes,
        buf(1, 2), buf(), buf(0), buf(0xff), buf(1, 2, 3), buf(1), buf(0x7f), buf(0x80),
        buf(1, 2, 0), buf(0, 0), buf(1, 3), buf(2), buf(0xff, 0xff));
    column("fx", Types.FixedType.ofLength(3), sql(SqlTypeName.BINARY, 3), bytes,
        buf(1, 2, 3), buf(0, 0, 0), buf(1, 2, 0), buf(0xff, 0xff, 0xff), buf(1, 2, 4),
        buf(0x7f, 0, 0), buf(0x80, 0, 0), buf(1, 3, 0), buf(1, 2, 3), buf(0, 0, 1),
        buf(1, 1, 0xff), buf(2, 0, 0), buf(1, 2, 2));
    column("u", Types.UUIDType.get(), sql(SqlTypeName.VARCHAR, 36), Object::toString,
        uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), uuid("00000000-0000-0000-0000-000000000000"),
        uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"), uuid("80000000-0000-0000-0000-000000000000"),
        uuid("7fffffff-ffff-ffff-ffff-ffffffffffff"), uuid("123e4567-e89b-12d3-a456-426614174000"),
        uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), uuid("00000000-0000-0000-0000-000000000001"),
        uuid("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        uuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), uuid("00000000-0000-0001-0000-000000000000"),
        uuid("c232ab00-9414-11ec-b3c8-9e6bdeced846"));
  }

  static final Schema SCHEMA = icebergSchema();
  static final List<String> NAMES = names();

  private final Connection connection;

  PushdownFixture() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("lex", "JAVA");
    connection = DriverManager.getConnection("jdbc:calcite:", properties);
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    root.add("t", new Table());
  }

  @Override public void close() throws SQLException {
    connection.close();
  }

  /** What Calcite answered for one statement, and the condition and parameters it evaluated. */
  record Answer(TreeSet<Integer> ids, RexNode condition, RexBuilder rexBuilder, RelDataType rowType,
      @Nullable Object[] parameters) {}

  /**
   * Runs {@code SELECT id FROM t WHERE predicate} through {@code jdbc:calcite:} with the
   * parameters bound; returns the ids, the filter condition of the plan Calcite executed, and the
   * parameter values the scan saw in its DataContext.
   */
  Answer ask(String predicate, @Nullable Object... parameters) throws SQLException {
    RelNode[] plan = new RelNode[1];
    Table.lastParameters = new Object[parameters.length];
    PreparedStatement statement;
    try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(
        (RelRoot root) -> {
          plan[0] = root.rel;
        })) {
      statement = connection.prepareStatement("SELECT id FROM t WHERE " + predicate);
    }
    try (PreparedStatement s = statement) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      TreeSet<Integer> ids = new TreeSet<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
      return condition(plan[0], ids, Table.lastParameters.clone());
    }
  }

  /** The filter condition of a plan that is a Calc or Filter over the scan (or no scan at all). */
  private static Answer condition(RelNode plan, TreeSet<Integer> ids, @Nullable Object[] params) {
    RexBuilder rexBuilder = plan.getCluster().getRexBuilder();
    RelDataType rowType = rowType(rexBuilder.getTypeFactory());
    RexNode condition = rexBuilder.makeLiteral(true);
    RelNode node = plan;
    if (node instanceof EnumerableCalc) {
      RexProgram program = ((EnumerableCalc) node).getProgram();
      if (program.getCondition() != null) {
        condition = program.expandLocalRef(program.getCondition());
      }
      node = node.getInput(0);
    }
    if (node instanceof Filter) {
      condition = ((Filter) node).getCondition();
      node = node.getInput(0);
    }
    if (node instanceof EnumerableValues && ids.isEmpty()) {
      condition = rexBuilder.makeLiteral(false);
    } else {
      requireScan(node);
    }
    return new Answer(ids, condition, rexBuilder, rowType, params);
  }

  private static void requireScan(RelNode node) {
    if (!(node instanceof TableScan)) {
      throw new AssertionError("not a filter over the scan:\n" + RelOptUtil.toString(node));
    }
  }

  /**
   * The condition {@code SqlToRelConverter} makes of the predicate, before any rule or RelBuilder
   * simplification (so NOT, IS TRUE and the like stay as written), with the rows for which
   * Calcite's generated code evaluates it to TRUE.
   */
  Answer unsimplified(String predicate, @Nullable Object... parameters) throws Exception {
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add("t", new Table());
    FrameworkConfig config = Frameworks.newConfigBuilder().defaultSchema(root)
        .parserConfig(SqlParser.config().withLex(Lex.JAVA)).build();
    try (Hook.Closeable ignored = Hook.REL_BUILDER_SIMPLIFY.addThread(Hook.propertyJ(false))) {
      Planner planner = Frameworks.getPlanner(config);
      RelNode rel = planner.rel(planner.validate(planner.parse(
          "SELECT id FROM t WHERE " + predicate))).project();
      while (!(rel instanceof Filter)) {
        rel = rel.getInput(0);
      }
      RexNode condition = ((Filter) rel).getCondition();
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      return new Answer(calciteRows(condition, rexBuilder, parameters), condition, rexBuilder,
          rowType(rexBuilder.getTypeFactory()), parameters);
    }
  }

  /** The ids of the rows for which Calcite's generated code evaluates the condition to TRUE. */
  static TreeSet<Integer> calciteRows(RexNode condition, RexBuilder rexBuilder,
      @Nullable Object[] parameters) {
    RexExecutable executable = RexExecutorImpl.getExecutable(rexBuilder, List.of(condition),
        rowType(rexBuilder.getTypeFactory()));
    TreeSet<Integer> ids = new TreeSet<>();
    for (int r = 0; r < ROWS; r++) {
      Object[] row = calciteRow(r);
      executable.setDataContext(new Context((JavaTypeFactory) rexBuilder.getTypeFactory(), row,
          parameters));
      if (Boolean.TRUE.equals(executable.execute()[0])) {
        ids.add(r);
      }
    }
    return ids;
  }

  /** The ids of the rows Iceberg's Evaluator accepts, bound to {@link #SCHEMA}. */
  static TreeSet<Integer> icebergRows(Expression expression) {
    Evaluator evaluator = new Evaluator(SCHEMA.asStruct(), expression, true);
    return rowsWhere(r -> evaluator.eval(new Row(icebergRow(r))));
  }

  static TreeSet<Integer> rowsWhere(Predicate<Integer> predicate) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (int r = 0; r < ROWS; r++) {
      if (predicate.test(r)) {
        ids.add(r);
      }
    }
    return ids;
  }

  static IntFunction<@Nullable Object> parameters(@Nullable Object[] values) {
    return i -> values[i];
  }

  /** The value of a column in a row as Calcite sees it. */
  static @Nullable Object calciteValue(int row, String column) {
    return calciteRow(row)[NAMES.indexOf(column)];
  }

  private static Object[] icebergRow(int r) {
    Object[] row = new Object[COLUMNS.size() + 1];
    row[0] = r;
    for (int c = 0; c < COLUMNS.size(); c++) {
      row[c + 1] = COLUMNS.get(c).values().get(r);
    }
    return row;
  }

  private static Object[] calciteRow(int r) {
    Object[] row = icebergRow(r);
    for (int c = 0; c < COLUMNS.size(); c++) {
      if (row[c + 1] != null) {
        row[c + 1] = COLUMNS.get(c).toCalcite().apply(row[c + 1]);
      }
    }
    return row;
  }

  private static RelDataType rowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder().add("id", SqlTypeName.INTEGER);
    COLUMNS.forEach(c -> builder.add(c.name(), c.calcite().apply(factory)));
    return builder.build();
  }

  private static Schema icebergSchema() {
    List<Types.NestedField> fields = new ArrayList<>();
    fields.add(Types.NestedField.required(1, "id", Types.IntegerType.get()));
    for (Column c : COLUMNS) {
      fields.add(Types.NestedField.optional(fields.size() + 1, c.name(), c.iceberg()));
    }
    return new Schema(fields);
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add("id");
    COLUMNS.forEach(c -> names.add(c.name()));
    return List.copyOf(names);
  }

  private static BigDecimal dec(String text) {
    return new BigDecimal(text);
  }

  private static ByteBuffer buf(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return ByteBuffer.wrap(b);
  }

  private static UUID uuid(String text) {
    return UUID.fromString(text);
  }

  /** The table Calcite scans; remembers the parameter values the last scan saw. */
  private static final class Table extends AbstractTable implements ScannableTable {
    static @Nullable Object[] lastParameters = new Object[0];

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType(typeFactory);
    }

    @Override public Enumerable<@Nullable Object[]> scan(DataContext root) {
      for (int i = 0; i < lastParameters.length; i++) {
        lastParameters[i] = root.get("?" + i);
      }
      List<@Nullable Object[]> rows = new ArrayList<>();
      for (int r = 0; r < ROWS; r++) {
        rows.add(calciteRow(r));
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /** The DataContext RexExecutorImpl's code reads the input row and parameters from. */
  private record Context(JavaTypeFactory typeFactory, Object[] row, @Nullable Object[] parameters)
      implements DataContext {
    @Override public @Nullable SchemaPlus getRootSchema() {
      return null;
    }

    @Override public JavaTypeFactory getTypeFactory() {
      return typeFactory;
    }

    @Override public QueryProvider getQueryProvider() {
      throw new UnsupportedOperationException();
    }

    @Override public @Nullable Object get(String name) {
      if (name.equals("inputRecord")) {
        return row;
      }
      return name.startsWith("?") ? parameters[Integer.parseInt(name.substring(1))] : null;
    }
  }

  /** An Iceberg row over values in Iceberg's internal representation. */
  private record Row(Object[] values) implements StructLike {
    @Override public int size() {
      return values.length;
    }

    @Override public <T> T get(int pos, Class<T> javaClass) {
      return javaClass.cast(values[pos]);
    }

    @Override public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException();
    }
  }
}
