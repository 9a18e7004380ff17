package dev.s3tables.calcite.types;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/** Tiny tables over Iceberg {@link Record}s and a {@code jdbc:calcite:} connection to them. */
final class TypesTestSupport {
  /** Sub-schema the tables live in (Calcite's getColumns does not list root-level tables). */
  static final String SCHEMA = "s";

  private TypesTestSupport() {}

  /** Connection with lex=JAVA (case kept), {@link S3TablesTypeSystem}, tables in {@link #SCHEMA}. */
  static Connection connect(Map<String, ? extends Table> tables) throws SQLException {
    return connect(tables, new Properties());
  }

  static Connection connect(Map<String, ? extends Table> tables, Properties extra)
      throws SQLException {
    final Properties p = new Properties();
    p.setProperty("lex", "JAVA");
    p.setProperty("typeSystem", S3TablesTypeSystem.CONNECTION_PROPERTY_VALUE);
    p.putAll(extra);
    final Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    final SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    final SchemaPlus s = root.add(SCHEMA, new AbstractSchema());
    tables.forEach(s::add);
    return c;
  }

  /**
   * The plainest adapter: a {@link ScannableTable} whose rows come from {@link RowConverter}.
   * Calcite reads it through {@code EnumerableTableScan}; that class cannot compile a scan of a
   * table with an ARRAY of ROW column (see {@code CalciteRepresentationFindingsTest}).
   */
  static final class ScannableRecordsTable extends AbstractTable implements ScannableTable {
    final Schema schema;
    final List<Record> records;

    ScannableRecordsTable(Schema schema, List<Record> records) {
      this.schema = schema;
      this.records = records;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return IcebergTypes.toRowType(schema, typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      final RowConverter converter = RowConverter.of(schema);
      return Linq4j.asEnumerable(records).select(converter::convert);
    }
  }

  /**
   * Like the real adapter: only the projected columns are converted, so a query that leaves an
   * unsupported column out does not touch it.
   */
  static final class ProjectingRecordsTable extends AbstractTable
      implements ProjectableFilterableTable {
    final Schema schema;
    final List<Record> records;
    final UnsupportedTypePolicy policy;

    ProjectingRecordsTable(Schema schema, List<Record> records, UnsupportedTypePolicy policy) {
      this.schema = schema;
      this.records = records;
      this.policy = policy;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return IcebergTypes.toRowType(schema, typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters,
        int[] projects) {
      int[] positions = projects;
      if (positions == null) {
        positions = new int[schema.columns().size()];
        for (int i = 0; i < positions.length; i++) {
          positions[i] = i;
        }
      }
      final RowConverter converter = RowConverter.of(schema.asStruct(), positions, policy);
      return Linq4j.asEnumerable(records).select(converter::convert);
    }
  }

  /**
   * A table scanned by an own {@link EnumerableRel} that hands {@code Object[]} rows straight to
   * the generated code (as the adapter's EnumerableIcebergScan does), so no
   * EnumerableTableScan conversion runs.
   */
  public static final class EnumerableRecordsTable extends AbstractTable
      implements TranslatableTable {
    final Schema schema;
    final List<Record> records;

    EnumerableRecordsTable(Schema schema, List<Record> records) {
      this.schema = schema;
      this.records = records;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return IcebergTypes.toRowType(schema, typeFactory);
    }

    /** Called from generated code. */
    public Enumerable<Object[]> rows() {
      final RowConverter converter = RowConverter.of(schema);
      final List<Object[]> rows = new ArrayList<>();
      for (Record r : records) {
        rows.add(converter.convert(r));
      }
      return Linq4j.asEnumerable(rows);
    }

    @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      final RelOptCluster cluster = context.getCluster();
      return new Scan(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), relOptTable,
          this);
    }
  }

  /** The scan rel of {@link EnumerableRecordsTable}. */
  static final class Scan extends TableScan implements EnumerableRel {
    private final EnumerableRecordsTable table;

    Scan(RelOptCluster cluster, RelTraitSet traits, RelOptTable relOptTable,
        EnumerableRecordsTable table) {
      super(cluster, traits, List.of(), relOptTable);
      this.table = table;
    }

    @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new Scan(getCluster(), traitSet, getTable(), table);
    }

    @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
          JavaRowFormat.ARRAY, false);
      final Expression t = implementor.stash(table, EnumerableRecordsTable.class);
      return implementor.result(physType,
          Blocks.toBlock(Expressions.call(t, "rows")));
    }
  }

  /** A table with a hand-made Calcite row type and hand-made rows, for experiments. */
  static final class RawRowsTable extends AbstractTable implements ScannableTable {
    final Function<RelDataTypeFactory, RelDataType> rowType;
    final List<Object[]> rows;

    RawRowsTable(Function<RelDataTypeFactory, RelDataType> rowType, List<Object[]> rows) {
      this.rowType = rowType;
      this.rows = rows;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType.apply(typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }
}
