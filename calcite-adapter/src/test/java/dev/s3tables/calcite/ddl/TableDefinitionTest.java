package dev.s3tables.calcite.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import dev.s3tables.calcite.types.S3TablesTypeSystem;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** CREATE TABLE statements to Iceberg schemas, partition specs and properties, without a catalog. */
class TableDefinitionTest {
  private static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withParserFactory(S3TablesParser.FACTORY)
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.TO_LOWER)
          .withQuotedCasing(Casing.UNCHANGED);

  private static SqlCreateIcebergTable parse(String sql) throws SqlParseException {
    return (SqlCreateIcebergTable) SqlParser.create(sql, CONFIG).parseStmt();
  }

  @Test
  void everySqlTypeMapsToItsIcebergType() throws SqlParseException {
    Schema schema = TableDefinition.schema("t", parse("create table t ("
        + " c_boolean boolean, c_tinyint tinyint, c_smallint smallint, c_int int, c_integer integer, c_bigint bigint,"
        + " c_real real, c_float float, c_double double, c_decimal decimal(10, 3), c_decimal_p decimal(7),"
        + " c_decimal_default decimal, c_date date, c_time time, c_timestamp timestamp(6),"
        + " c_timestamptz timestamp with local time zone, c_char char(3), c_varchar varchar(10), c_varchar_any varchar,"
        + " c_string string, c_binary binary(16), c_binary_any binary, c_varbinary varbinary, c_uuid uuid)").columns());
    assertThat(schema.columns()).extracting(f -> f.name() + " " + f.type()).containsExactly(
        "c_boolean boolean", "c_tinyint int", "c_smallint int", "c_int int", "c_integer int", "c_bigint long",
        "c_real float", "c_float double", "c_double double", "c_decimal decimal(10, 3)", "c_decimal_p decimal(7, 0)",
        "c_decimal_default decimal(38, 0)", "c_date date", "c_time time", "c_timestamp timestamp",
        "c_timestamptz timestamptz", "c_char string", "c_varchar string", "c_varchar_any string", "c_string string",
        "c_binary fixed[16]", "c_binary_any binary", "c_varbinary binary", "c_uuid uuid");
  }

  @Test
  void notNullIsRequiredAndCommentsAreDocs() throws SqlParseException {
    Schema schema = TableDefinition.schema("t",
        parse("create table t (id bigint not null comment 'the key', name varchar null, note varchar)").columns());
    assertThat(schema.findField("id").isRequired()).isTrue();
    assertThat(schema.findField("id").doc()).isEqualTo("the key");
    assertThat(schema.findField("name").isOptional()).isTrue();
    assertThat(schema.findField("note").doc()).isNull();
  }

  @Test
  void unsupportedTypesAndBadDecimalsAreRefused() {
    assertThatThrownBy(() -> TableDefinition.schema("t", parse("create table t (a money)").columns()))
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"))
        .hasMessageContaining("Column a has type money, which s3tables-jdbc cannot create; use one of BOOLEAN");
    assertThatThrownBy(() -> TableDefinition.schema("t", parse("create table t (a int array)").columns()))
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    assertThatThrownBy(() -> TableDefinition.schema("t", parse("create table t (a decimal(39, 2))").columns()))
        .hasMessageContaining("precision of 1 to 38");
    assertThatThrownBy(() -> TableDefinition.schema("t", parse("create table t (a int, a bigint)").columns()))
        .hasMessageContaining("Column a is given twice");
  }

  @Test
  void partitionedByBecomesTheSpec() throws SqlParseException {
    SqlCreateIcebergTable create = parse("create table t (id bigint, name varchar, y date, m date, d timestamp,"
        + " h timestamp with local time zone)"
        + " partitioned by (name, bucket(16, id), truncate(4, name), year(y), month(m), day(d), hour(h))");
    Schema schema = TableDefinition.schema("t", create.columns());
    PartitionSpec spec = TableDefinition.spec("t", schema, create.partitionFields());
    assertThat(spec.fields()).extracting(f -> f.transform() + "(" + schema.findColumnName(f.sourceId()) + ")")
        .containsExactly("identity(name)", "bucket[16](id)", "truncate[4](name)", "year(y)", "month(m)", "day(d)",
            "hour(h)");
    assertThat(TableDefinition.spec("t", schema, parse("create table t (a int)").partitionFields()).isUnpartitioned())
        .isTrue();
  }

  @Test
  void partitionsOfMissingOrUnfitColumnsAreRefused() throws SqlParseException {
    SqlCreateIcebergTable missing = parse("create table t (a int) partitioned by (day(b))");
    assertThatThrownBy(() -> TableDefinition.spec("t", TableDefinition.schema("t", missing.columns()), missing.partitionFields()))
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("42S22"))
        .hasMessageContaining("Column b (named in PARTITIONED BY) does not exist in table t");
    SqlCreateIcebergTable unfit = parse("create table t (a boolean) partitioned by (day(a))");
    assertThatThrownBy(() -> TableDefinition.spec("t", TableDefinition.schema("t", unfit.columns()), unfit.partitionFields()))
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("42000"))
        .hasMessageContaining("Cannot partition table t as PARTITIONED BY says: Invalid source type boolean");
  }

  @Test
  void propertiesCarryTheComment() throws SqlParseException {
    assertThat(TableDefinition.properties("t", parse("create table t (a int) comment 'c' with ('k' = 'v')")))
        .containsExactly(Map.entry("k", "v"), Map.entry("comment", "c"));
    assertThatThrownBy(() -> TableDefinition.properties("t", parse("create table t (a int) comment 'c' with ('comment' = 'd')")))
        .hasMessageContaining("has a COMMENT and a WITH ('comment' = ...)");
  }

  @Test
  void aQuerysColumnsAreOptionalAndNamed() {
    RelDataTypeFactory types = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);
    RelDataType row = types.builder()
        .add("i", types.createSqlType(SqlTypeName.SMALLINT))
        .add("f", types.createSqlType(SqlTypeName.FLOAT))
        .add("r", types.createSqlType(SqlTypeName.REAL))
        .add("c", types.createSqlType(SqlTypeName.CHAR, 3))
        .add("b", types.createSqlType(SqlTypeName.BINARY, 4))
        .add("ts", types.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3))
        .add("arr", types.createArrayType(types.createSqlType(SqlTypeName.INTEGER), -1))
        .build();
    Schema schema = TableDefinition.schema("t", row);
    assertThat(schema.columns()).allMatch(Types.NestedField::isOptional);
    assertThat(schema.columns()).extracting(f -> f.name() + " " + f.type()).containsExactly(
        "i int", "f double", "r float", "c string", "b fixed[4]", "ts timestamptz", "arr list<int>");
    RelDataType unnamed = types.builder().add("EXPR$0", types.createSqlType(SqlTypeName.INTEGER)).build();
    assertThatThrownBy(() -> TableDefinition.schema("t", unnamed)).hasMessageContaining("Column 1 of the query for table t has no name");
  }
}
