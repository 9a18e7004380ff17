package dev.s3tables.calcite.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.ddl.sql.PartitionTransform;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableAddColumn;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableDropColumn;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableRename;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableRenameColumn;
import dev.s3tables.calcite.ddl.sql.SqlColumnDefinition;
import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import dev.s3tables.calcite.ddl.sql.SqlPartitionField;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.ddl.SqlCreateSchema;
import org.apache.calcite.sql.ddl.SqlDropSchema;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** The connection's grammar: every DDL form to its node with its parts, and Calcite's queries unchanged. */
class S3TablesParserTest {
  private static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withParserFactory(S3TablesParser.FACTORY)
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.TO_LOWER)
          .withQuotedCasing(Casing.UNCHANGED);

  private static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, CONFIG).parseStmt();
  }

  /** Parses, then checks that the node's own SQL parses to the same SQL again. */
  private static <T extends SqlNode> T parse(String sql, Class<T> type) throws SqlParseException {
    SqlNode node = parse(sql);
    assertThat(node).isInstanceOf(type);
    assertThat(node.getKind().belongsTo(SqlKind.DDL)).as("DDL kind of %s", node.getKind()).isTrue();
    String unparsed = node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    assertThat(parse(unparsed).toSqlString(CalciteSqlDialect.DEFAULT).getSql()).isEqualTo(unparsed);
    return type.cast(node);
  }

  @Test
  void queriesParseAsWithCalcitesGrammar() throws SqlParseException {
    SqlNode query = parse("select comment, rename, partitioned, \"if\", count(*) over (partition by a order by b)"
        + " from ns.t where x in (select y from u) group by 1, 2, 3, 4, a, b order by 1 limit 5");
    assertThat(query.getKind()).isEqualTo(SqlKind.ORDER_BY);
    assertThat(parse("insert into ns.t (a, b) values (1, 'x')").getKind()).isEqualTo(SqlKind.INSERT);
    assertThat(parse("explain plan for select 1").getKind()).isEqualTo(SqlKind.EXPLAIN);
    assertThat(parse("select year(d), month(d), hour(ts) from t")).isInstanceOf(SqlSelect.class);
    assertThat(parse("alter session set x = 1").getKind()).isEqualTo(SqlKind.SET_OPTION);
  }

  @Test
  void createAndDropSchema() throws SqlParseException {
    SqlCreateSchema create = parse("CREATE SCHEMA Sales", SqlCreateSchema.class);
    assertThat(create.name.names).containsExactly("sales");
    assertThat(create.ifNotExists).isFalse();
    assertThat(parse("create schema if not exists sales", SqlCreateSchema.class).ifNotExists).isTrue();

    SqlDropSchema drop = parse("drop schema sales", SqlDropSchema.class);
    assertThat(drop.name.names).containsExactly("sales");
    assertThat(drop.ifExists).isFalse();
    assertThat(parse("drop schema if exists sales", SqlDropSchema.class).ifExists).isTrue();
  }

  @Test
  void createTableWithEveryPart() throws SqlParseException {
    SqlCreateIcebergTable create = parse("create table if not exists sales.orders ("
        + " id bigint not null comment 'order id',"
        + " customer varchar(20),"
        + " amount decimal(12, 2) null,"
        + " placed timestamp with local time zone,"
        + " note string comment 'free text')"
        + " comment 'All orders'"
        + " partitioned by (customer, bucket(16, id), truncate(4, customer), year(placed), month(placed),"
        + " day(placed), hour(placed))"
        + " with ('write.parquet.compression-codec' = 'snappy', format_version = '2')", SqlCreateIcebergTable.class);
    assertThat(create.ifNotExists).isTrue();
    assertThat(create.getReplace()).isFalse();
    assertThat(create.name().names).containsExactly("sales", "orders");
    assertThat(create.query()).isNull();
    List<SqlColumnDefinition> columns = create.columns();
    assertThat(columns).extracting(SqlColumnDefinition::name).containsExactly("id", "customer", "amount", "placed", "note");
    assertThat(columns).extracting(SqlColumnDefinition::isNullable).containsExactly(false, true, true, true, true);
    assertThat(columns).extracting(SqlColumnDefinition::comment).containsExactly("order id", null, null, null, "free text");
    assertThat(columns.get(2).type().toString()).isEqualTo("DECIMAL(12, 2)");
    assertThat(create.comment()).isEqualTo("All orders");
    assertThat(create.partitionFields()).extracting(SqlPartitionField::transformKind).containsExactly(
        PartitionTransform.IDENTITY, PartitionTransform.BUCKET, PartitionTransform.TRUNCATE, PartitionTransform.YEAR,
        PartitionTransform.MONTH, PartitionTransform.DAY, PartitionTransform.HOUR);
    assertThat(create.partitionFields()).extracting(SqlPartitionField::column)
        .containsExactly("customer", "id", "customer", "placed", "placed", "placed", "placed");
    assertThat(create.partitionFields().get(1).argument()).hasValue(16);
    assertThat(create.partitionFields().get(2).argument()).hasValue(4);
    assertThat(create.partitionFields().get(3).argument()).isEmpty();
    assertThat(create.properties()).containsExactly(
        Map.entry("write.parquet.compression-codec", "snappy"), Map.entry("format_version", "2"));
  }

  @Test
  void createTableWithColumnsOnly() throws SqlParseException {
    SqlCreateIcebergTable create = parse("create table t (a int)", SqlCreateIcebergTable.class);
    assertThat(create.name().names).containsExactly("t");
    assertThat(create.ifNotExists).isFalse();
    assertThat(create.comment()).isNull();
    assertThat(create.partitionFields()).isEmpty();
    assertThat(create.properties()).isEmpty();
  }

  @Test
  void partitionTransformsBySparksPluralNamesToo() throws SqlParseException {
    SqlCreateIcebergTable create =
        parse("create table t (d date, ts timestamp) partitioned by (years(d), days(d), hours(ts))", SqlCreateIcebergTable.class);
    assertThat(create.partitionFields()).extracting(SqlPartitionField::transformKind)
        .containsExactly(PartitionTransform.YEAR, PartitionTransform.DAY, PartitionTransform.HOUR);
  }

  @Test
  void createTableAsSelect() throws SqlParseException {
    SqlCreateIcebergTable create = parse("create table ns.copy comment 'a copy' partitioned by (day(d))"
        + " with ('k' = 'v') as select a, d from ns.t where a > 1", SqlCreateIcebergTable.class);
    assertThat(create.columns()).isEmpty();
    assertThat(create.comment()).isEqualTo("a copy");
    assertThat(create.partitionFields()).hasSize(1);
    assertThat(create.properties()).containsExactly(Map.entry("k", "v"));
    assertThat(create.query()).isInstanceOf(SqlSelect.class);
    assertThat(parse("create table if not exists c as select 1 as x union all select 2", SqlCreateIcebergTable.class)
        .query().getKind()).isEqualTo(SqlKind.UNION);
  }

  @Test
  void dropTable() throws SqlParseException {
    SqlDropTable drop = parse("drop table ns.t", SqlDropTable.class);
    assertThat(drop.name.names).containsExactly("ns", "t");
    assertThat(drop.ifExists).isFalse();
    assertThat(parse("drop table if exists t", SqlDropTable.class).ifExists).isTrue();
  }

  @Test
  void alterTable() throws SqlParseException {
    SqlAlterTableAddColumn add = parse("alter table ns.t add column c varchar comment 'new'", SqlAlterTableAddColumn.class);
    assertThat(add.table().names).containsExactly("ns", "t");
    assertThat(add.column().name()).isEqualTo("c");
    assertThat(add.column().comment()).isEqualTo("new");
    assertThat(parse("alter table t add c int", SqlAlterTableAddColumn.class).column().name()).isEqualTo("c");

    assertThat(parse("alter table t drop column c", SqlAlterTableDropColumn.class).column()).isEqualTo("c");
    assertThat(parse("alter table t drop c", SqlAlterTableDropColumn.class).column()).isEqualTo("c");

    SqlAlterTableRenameColumn renameColumn = parse("alter table t rename column a to b", SqlAlterTableRenameColumn.class);
    assertThat(renameColumn.from()).isEqualTo("a");
    assertThat(renameColumn.to()).isEqualTo("b");

    SqlAlterTableRename rename = parse("alter table ns.t rename to other.u", SqlAlterTableRename.class);
    assertThat(rename.table().names).containsExactly("ns", "t");
    assertThat(rename.newName().names).containsExactly("other", "u");
  }

  @Test
  void wrongDefinitionsAreSyntaxErrors() {
    assertParseError("create table t (a int) partitioned by (week(a))", "Unknown partition transform 'week'");
    assertParseError("create table t (a int) partitioned by (bucket(a))", "bucket needs a number");
    assertParseError("create table t (a date) partitioned by (year(3, a))", "year takes only a column");
    assertParseError("create table t (a int) partitioned by (bucket(0, a))", "must be positive");
    assertParseError("create table t", "needs a column list or AS query");
    assertParseError("create table t (a int) as select 1 as a", "takes its columns from the query");
    assertParseError("create table t (a int) with ('k' = 'v', 'k' = 'w')", "'k' is given twice");
    assertParseError("create table t (a int not null default 1)", "Encountered \"default\" at line 1, column 32");
    assertParseError("alter table t rename c to d", "Encountered \"c\" at line 1, column 22");
  }

  private static void assertParseError(String sql, String message) {
    assertThatThrownBy(() -> parse(sql)).isInstanceOf(SqlParseException.class).hasMessageContaining(message);
  }
}
