package dev.s3tables.calcite.types;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.types.TypesTestSupport.EnumerableRecordsTable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types.BinaryType;
import org.apache.iceberg.types.Types.BooleanType;
import org.apache.iceberg.types.Types.DateType;
import org.apache.iceberg.types.Types.DecimalType;
import org.apache.iceberg.types.Types.DoubleType;
import org.apache.iceberg.types.Types.FixedType;
import org.apache.iceberg.types.Types.FloatType;
import org.apache.iceberg.types.Types.IntegerType;
import org.apache.iceberg.types.Types.ListType;
import org.apache.iceberg.types.Types.LongType;
import org.apache.iceberg.types.Types.MapType;
import org.apache.iceberg.types.Types.StringType;
import org.apache.iceberg.types.Types.StructType;
import org.apache.iceberg.types.Types.TimeType;
import org.apache.iceberg.types.Types.TimestampType;
import org.apache.iceberg.types.Types.UUIDType;
import org.apache.iceberg.types.Types.VariantType;
import org.junit.jupiter.api.Test;

class JdbcColumnFactsTest {
  private static final int MAX = Integer.MAX_VALUE;
  private static final int NO = DatabaseMetaData.columnNoNulls;
  private static final int YES = DatabaseMetaData.columnNullable;

  private static final Schema SCHEMA = new Schema(
      required(1, "id", IntegerType.get()),
      optional(2, "b", BooleanType.get()),
      optional(3, "l", LongType.get()),
      optional(4, "f", FloatType.get()),
      optional(5, "d", DoubleType.get()),
      required(6, "dec", DecimalType.of(38, 10)),
      optional(7, "dt", DateType.get()),
      optional(8, "tm", TimeType.get()),
      optional(9, "ts", TimestampType.withoutZone()),
      optional(10, "tstz", TimestampType.withZone()),
      optional(11, "s", StringType.get()),
      optional(12, "u", UUIDType.get()),
      optional(13, "fx", FixedType.ofLength(4)),
      optional(14, "bin", BinaryType.get()),
      optional(15, "st", StructType.of(
          required(16, "a", IntegerType.get()),
          optional(17, "x y", DecimalType.of(10, 2)),
          optional(18, "inner", StructType.of(optional(19, "ts", TimestampType.withoutZone()))))),
      optional(20, "dates", ListType.ofOptional(21, DateType.get())),
      optional(22, "ints", ListType.ofRequired(23, IntegerType.get())),
      optional(24, "mp", MapType.ofOptional(25, 26, StringType.get(), DateType.get())),
      optional(27, "ls", ListType.ofOptional(28, StructType.of(
          required(29, "x", IntegerType.get()),
          optional(30, "at", TimestampType.withZone())))),
      optional(31, "v", VariantType.get()));

  private static final Object[][] EXPECTED = {
      // name, DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NUM_PREC_RADIX,
      // CHAR_OCTET_LENGTH, NULLABLE
      {"id", Types.INTEGER, "INTEGER", 10, 0, 10, null, NO},
      {"b", Types.BOOLEAN, "BOOLEAN", 1, null, null, null, YES},
      {"l", Types.BIGINT, "BIGINT", 19, 0, 10, null, YES},
      {"f", Types.REAL, "REAL", 7, null, 10, null, YES},
      {"d", Types.DOUBLE, "DOUBLE", 15, null, 10, null, YES},
      {"dec", Types.DECIMAL, "DECIMAL", 38, 10, 10, null, NO},
      {"dt", Types.DATE, "DATE", 10, null, null, null, YES},
      {"tm", Types.TIME, "TIME", 12, 3, null, null, YES},
      {"ts", Types.TIMESTAMP, "TIMESTAMP", 23, 3, null, null, YES},
      {"tstz", Types.TIMESTAMP, "TIMESTAMP_WITH_LOCAL_TIME_ZONE", 23, 3, null, null, YES},
      {"s", Types.VARCHAR, "VARCHAR", MAX, null, null, MAX, YES},
      {"u", Types.VARCHAR, "VARCHAR", 36, null, null, 144, YES},
      {"fx", Types.BINARY, "BINARY", 4, null, null, null, YES},
      {"bin", Types.VARBINARY, "VARBINARY", MAX, null, null, null, YES},
      {"st", Types.STRUCT,
          "ROW(a INTEGER NOT NULL, \"x y\" DECIMAL(10, 2), inner ROW(ts TIMESTAMP(3)))",
          null, null, null, null, YES},
      {"dates", Types.ARRAY, "DATE ARRAY", null, null, null, null, YES},
      {"ints", Types.ARRAY, "INTEGER NOT NULL ARRAY", null, null, null, null, YES},
      {"mp", Types.OTHER, "MAP<VARCHAR NOT NULL, DATE>", null, null, null, null, YES},
      {"ls", Types.ARRAY,
          "ROW(x INTEGER NOT NULL, at TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)) ARRAY",
          null, null, null, null, YES},
      {"v", Types.JAVA_OBJECT, "UNSUPPORTED(variant)", null, null, null, null, YES},
  };

  @Test void factsPerColumn() {
    final RelDataTypeFactory f = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);
    final List<RelDataTypeField> fields = IcebergTypes.toRowType(SCHEMA, f).getFieldList();
    assertThat(fields).hasSize(EXPECTED.length);
    for (int i = 0; i < EXPECTED.length; i++) {
      final Object[] e = EXPECTED[i];
      assertThat(fields.get(i).getName()).isEqualTo(e[0]);
      final JdbcColumnFacts facts = JdbcColumnFacts.of(fields.get(i).getType());
      assertThat(facts).as("column " + e[0]).isEqualTo(new JdbcColumnFacts((Integer) e[1],
          (String) e[2], (Integer) e[3], (Integer) e[4], (Integer) e[5], (Integer) e[6],
          (Integer) e[7], (Integer) e[7] == YES ? "YES" : "NO"));
    }
  }

  @Test void metaColumn() {
    final RelDataTypeFactory f = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);
    final JdbcColumnFacts facts = JdbcColumnFacts.of(
        IcebergTypes.toRelDataType(DecimalType.of(12, 3), true, f));
    final org.apache.calcite.avatica.MetaImpl.MetaColumn m =
        facts.toMetaColumn(null, "ns", "t", "price", 4);
    assertThat(m.dataType).isEqualTo(Types.DECIMAL);
    assertThat(m.typeName).isEqualTo("DECIMAL");
    assertThat(m.columnSize).isEqualTo(12);
    assertThat(m.decimalDigits).isEqualTo(3);
    assertThat(m.numPrecRadix).isEqualTo(10);
    assertThat(m.nullable).isEqualTo(YES);
    assertThat(m.isNullable).isEqualTo("YES");
    assertThat(m.ordinalPosition).isEqualTo(4);
    assertThat(m.isAutoincrement).isEqualTo("NO");
  }

  @Test void timePrecisionZeroHasNoFraction() {
    final RelDataTypeFactory f = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);
    final RelDataType t = f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP, 0);
    assertThat(JdbcColumnFacts.of(t).columnSize()).isEqualTo(19);
    assertThat(JdbcColumnFacts.of(t).decimalDigits()).isEqualTo(0);
  }

  /** DATA_TYPE and TYPE_NAME agree with ResultSetMetaData for scalar columns. */
  @Test void agreesWithResultSetMetaData() throws Exception {
    final Schema readable = new Schema(SCHEMA.columns().subList(0, SCHEMA.columns().size() - 1));
    try (Connection c = TypesTestSupport.connect(
             Map.of("t", new EnumerableRecordsTable(readable, List.of())));
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from s.t")) {
      final ResultSetMetaData md = rs.getMetaData();
      final RelDataType row = IcebergTypes.toRowType(readable,
          new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE));
      for (int i = 1; i <= md.getColumnCount(); i++) {
        final JdbcColumnFacts facts = JdbcColumnFacts.of(row.getFieldList().get(i - 1).getType());
        assertThat(facts.dataType()).as(md.getColumnLabel(i)).isEqualTo(md.getColumnType(i));
        assertThat(facts.nullable()).as(md.getColumnLabel(i)).isEqualTo(md.isNullable(i));
        if (facts.dataType() != Types.STRUCT && facts.dataType() != Types.ARRAY
            && facts.dataType() != Types.OTHER) {
          assertThat(facts.typeName()).as(md.getColumnLabel(i))
              .isEqualTo(md.getColumnTypeName(i));
        }
        if (facts.dataType() == Types.DECIMAL) {
          assertThat(facts.columnSize()).isEqualTo(md.getPrecision(i));
          assertThat(facts.decimalDigits()).isEqualTo(md.getScale(i));
        }
      }
    }
  }

  /** What Calcite's own getColumns reports for the same table, for comparison. */
  @Test void calcitesOwnGetColumnsIsWrongForTools() throws Exception {
    try (Connection c = TypesTestSupport.connect(
        Map.of("t", new EnumerableRecordsTable(SCHEMA, List.of())))) {
      try (ResultSet rs = c.getMetaData().getColumns(null, "s", "t", "%")) {
        int n = 0;
        while (rs.next()) {
          final String name = rs.getString("COLUMN_NAME");
          if (name.equals("id")) {
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("INTEGER NOT NULL");
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(-1);
            assertThat(rs.getInt("NUM_PREC_RADIX")).isEqualTo(10);
          } else if (name.equals("dt")) {
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(-1);
          } else if (name.equals("ts")) {
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("TIMESTAMP(3)");
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(3);
            assertThat(rs.getObject("DECIMAL_DIGITS")).isNull();
            assertThat(rs.getInt("CHAR_OCTET_LENGTH")).isEqualTo(3);
          } else if (name.equals("s")) {
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(-1);
          } else if (name.equals("v")) {
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.JAVA_OBJECT);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("UNSUPPORTED(variant)");
            assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(Integer.MIN_VALUE);
          }
          n++;
        }
        assertThat(n).isEqualTo(SCHEMA.columns().size());
      }
    }
  }
}
