package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL through the driver against the stand-in: schemas, tables with every type and partition
 * transform, CREATE TABLE AS in one commit, drops, ALTER TABLE, S3 Tables' naming rules checked
 * before any request, and read-only connections. Every result is checked with Iceberg's own API.
 */
@StandIn(demo = true)
class DdlTest {
  private final LocalS3Tables s3tables;
  private Connection connection;
  private Statement statement;

  DdlTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    statement = connection.createStatement();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private Catalog catalog() {
    return s3tables.bucket("demo").catalog();
  }

  private SupportsNamespaces namespaces() {
    return (SupportsNamespaces) catalog();
  }

  private Table table(String namespace, String name) {
    return catalog().loadTable(TableIdentifier.of(namespace, name));
  }

  private void execute(String sql) throws SQLException {
    statement.execute(sql);
  }

  private static void assertFails(ThrowingCallable call, String sqlState, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
        .hasMessageContaining(message);
  }

  @Test
  void createAndDropSchema() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    assertThat(Oracle.column(md.getSchemas(), "TABLE_SCHEM")).doesNotContain("ddl_schema");
    assertThat(statement.executeUpdate("create schema ddl_schema")).isZero();
    assertThat(namespaces().namespaceExists(Namespace.of("ddl_schema"))).isTrue();
    assertThat(Oracle.column(md.getSchemas(), "TABLE_SCHEM")).contains("ddl_schema");

    assertFails(() -> execute("create schema ddl_schema"), "42P06", "Schema ddl_schema already exists");
    execute("create schema if not exists ddl_schema");

    execute("drop schema ddl_schema");
    assertThat(namespaces().namespaceExists(Namespace.of("ddl_schema"))).isFalse();
    assertThat(Oracle.column(md.getSchemas(), "TABLE_SCHEM")).doesNotContain("ddl_schema");
    assertFails(() -> execute("drop schema ddl_schema"), "3F000", "Schema ddl_schema does not exist");
    execute("drop schema if exists ddl_schema");
  }

  @Test
  void aSchemaWithTablesIsNotDropped() throws SQLException {
    execute("create schema ddl_full");
    execute("create table ddl_full.kept (a int)");
    assertFails(() -> execute("drop schema ddl_full"), "2BP01", "Schema ddl_full is not empty, it holds tables (kept)");
    assertThat(namespaces().namespaceExists(Namespace.of("ddl_full"))).isTrue();
    execute("drop table ddl_full.kept");
    execute("drop schema ddl_full");
  }

  @Test
  void createTableWithEveryTypeCommentPartitionAndProperty() throws SQLException {
    execute("create schema ddl_create");
    execute("create table ddl_create.everything ("
        + " id bigint not null comment 'the key',"
        + " flag boolean, small smallint, i int, r real, f float, d double,"
        + " amount decimal(12, 2) comment 'in euros',"
        + " day_col date, t time, ts timestamp, ts_tz timestamp with local time zone,"
        + " name varchar(20), code char(3), note string,"
        + " digest binary(16), payload varbinary, u uuid,"
        + " y date, m date, h timestamp)"
        + " comment 'Every type there is'"
        + " partitioned by (code, bucket(16, id), truncate(4, name), year(y), month(m), day(day_col), hour(h))"
        + " with ('write.parquet.compression-codec' = 'snappy', 'owner' = 'ddl test')");

    Table table = table("ddl_create", "everything");
    assertThat(table.schema().columns()).extracting(f -> f.name() + " " + f.type() + (f.isRequired() ? " required" : ""))
        .containsExactly("id long required", "flag boolean", "small int", "i int", "r float", "f double", "d double",
            "amount decimal(12, 2)", "day_col date", "t time", "ts timestamp", "ts_tz timestamptz", "name string",
            "code string", "note string", "digest fixed[16]", "payload binary", "u uuid", "y date", "m date",
            "h timestamp");
    assertThat(table.schema().findField("id").doc()).isEqualTo("the key");
    assertThat(table.schema().findField("amount").doc()).isEqualTo("in euros");
    assertThat(table.schema().findField("flag").doc()).isNull();
    assertThat(table.spec().fields()).extracting(f -> f.transform() + "(" + table.schema().findColumnName(f.sourceId()) + ")")
        .containsExactly("identity(code)", "bucket[16](id)", "truncate[4](name)", "year(y)", "month(m)", "day(day_col)",
            "hour(h)");
    assertThat(table.properties())
        .containsEntry("write.parquet.compression-codec", "snappy")
        .containsEntry("owner", "ddl test")
        .containsEntry("comment", "Every type there is");

    // Visible at once on the same connection, with the column comments as REMARKS.
    DatabaseMetaData md = connection.getMetaData();
    assertThat(Oracle.column(md.getTables(null, "ddl_create", "%", null), "TABLE_NAME")).containsExactly("everything");
    assertThat(Oracle.column(md.getColumns(null, "ddl_create", "everything", "%"), "COLUMN_NAME")).hasSize(21).startsWith("id", "flag");
    assertThat(Oracle.column(md.getColumns(null, "ddl_create", "everything", "amount"), "REMARKS")).containsExactly("in euros");
    assertThat(Oracle.column(md.getTables(null, "ddl_create", "everything", null), "REMARKS"))
        .containsExactly("Every type there is");
  }

  @Test
  void aCreatedTableTakesInsertsAndReadsThemBack() throws SQLException {
    execute("create schema ddl_rows");
    execute("create table ddl_rows.events (id bigint not null, kind varchar, at_day date, amount decimal(9, 2))"
        + " partitioned by (kind, month(at_day))");
    assertThat(statement.executeUpdate("insert into ddl_rows.events values"
        + " (1, 'a', date '2024-01-05', 1.50), (2, 'b', date '2024-02-05', null), (3, 'a', date '2024-02-06', -2.25)"))
        .isEqualTo(3);
    assertThat(Oracle.rows(statement.executeQuery("select id, kind, at_day, amount from ddl_rows.events order by id")))
        .containsExactly("1|a|2024-01-05|1.50", "2|b|2024-02-05|null", "3|a|2024-02-06|-2.25");
    Table table = table("ddl_rows", "events");
    assertThat(Oracle.rows(table, List.of("id", "kind", "at_day", "amount"), r -> true))
        .containsExactlyInAnyOrder("1|a|2024-01-05|1.50", "2|b|2024-02-05|null", "3|a|2024-02-06|-2.25");
    assertThat(table.currentSnapshot().addedDataFiles(table.io())).hasSize(3);
  }

  @Test
  void createTableAsSelectCommitsOnceWithTheQuerysRows() throws SQLException {
    execute("create schema ddl_ctas");
    execute("create table ddl_ctas.early_orders comment 'orders below 1000' partitioned by (month(o_orderdate))"
        + " with ('write.parquet.compression-codec' = 'snappy')"
        + " as select o_orderkey, o_orderpriority, o_totalprice * 2 as doubled, o_orderdate,"
        + " cast(o_shippriority as smallint) as ship"
        + " from tpch.orders where o_orderkey < 1000");

    Table table = table("ddl_ctas", "early_orders");
    int snapshots = 0;
    for (var ignored : table.snapshots()) {
      snapshots++;
    }
    assertThat(snapshots).isEqualTo(1);
    assertThat(table.schema().columns()).extracting(f -> f.name() + " " + f.type() + (f.isRequired() ? " required" : ""))
        .containsExactly("o_orderkey long", "o_orderpriority string", "doubled decimal(25, 2)", "o_orderdate date",
            "ship int");
    assertThat(table.spec().fields()).extracting(PartitionField::name).containsExactly("o_orderdate_month");
    assertThat(table.properties()).containsEntry("comment", "orders below 1000")
        .containsEntry("write.parquet.compression-codec", "snappy");

    List<String> expected = Oracle.rows(statement.executeQuery("select o_orderkey, o_orderpriority, o_totalprice * 2,"
        + " o_orderdate, o_shippriority from tpch.orders where o_orderkey < 1000"));
    assertThat(expected).isNotEmpty();
    assertThat(Oracle.rows(table, List.of("o_orderkey", "o_orderpriority", "doubled", "o_orderdate", "ship"), r -> true))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Oracle.rows(statement.executeQuery("select count(*) from ddl_ctas.early_orders")))
        .containsExactly(String.valueOf(expected.size()));
  }

  @Test
  void createTableAsSelectOfOneColumnAndOfNoRows() throws SQLException {
    execute("create schema ddl_ctas_small");
    execute("create table ddl_ctas_small.keys as select o_orderkey from tpch.orders where o_orderkey < 10");
    assertThat(Oracle.rows(table("ddl_ctas_small", "keys"), List.of("o_orderkey"), r -> true)).isNotEmpty()
        .allMatch(k -> Long.parseLong(k) < 10);

    execute("create table ddl_ctas_small.no_rows as select o_orderkey, o_comment from tpch.orders where 1 = 0");
    Table none = table("ddl_ctas_small", "no_rows");
    assertThat(none.currentSnapshot()).isNull();
    assertThat(none.schema().columns()).extracting(Types.NestedField::name).containsExactly("o_orderkey", "o_comment");
  }

  @Test
  void createTableAsSelectCopiesEveryTypeTheDriverReads() throws SQLException {
    execute("create schema ddl_ctas_types");
    execute("create table ddl_ctas_types.copy as select * from demo.all_types");
    Table copy = table("ddl_ctas_types", "copy");
    assertThat(copy.schema().columns())
        .extracting(f -> f.name() + " " + (f.type().isStructType() ? "struct" + f.type().asStructType().fields().stream()
            .map(n -> n.name() + ":" + n.type()).toList() : f.type()))
        .containsExactly(
        "id long", "col_boolean boolean", "col_int int", "col_long long", "col_float float", "col_double double",
        "col_decimal_38_10 decimal(38, 10)", "col_decimal_9_2 decimal(9, 2)", "col_date date", "col_time time",
        "col_timestamp timestamp", "col_timestamptz timestamptz", "col_string string", "col_uuid string",
        "col_fixed fixed[16]", "col_binary binary", "col_struct struct[a:int, b:string]",
        "col_list list<string>", "col_map map<string, int>");
    // Values the driver delivers exactly (time values reach it in milliseconds).
    List<String> exact = List.of("id", "col_boolean", "col_int", "col_long", "col_float", "col_double",
        "col_decimal_38_10", "col_decimal_9_2", "col_date", "col_string", "col_uuid", "col_struct", "col_list", "col_map");
    assertThat(Oracle.rows(copy, exact, r -> true))
        .containsExactlyInAnyOrderElementsOf(Oracle.rows(table("demo", "all_types"), exact, r -> true));
    assertThat(Oracle.rows(statement.executeQuery("select id, col_fixed, col_binary, col_timestamp from ddl_ctas_types.copy")))
        .containsExactlyInAnyOrderElementsOf(Oracle.rows(statement.executeQuery(
            "select id, col_fixed, col_binary, col_timestamp from demo.all_types")));
  }

  @Test
  void aFailingCreateTableAsSelectLeavesNoTable() throws SQLException {
    execute("create schema ddl_ctas_fail");
    assertThatThrownBy(() -> execute("create table ddl_ctas_fail.broken as"
        + " select o_orderkey, 1 / (o_orderkey - 5) as boom from tpch.orders where o_orderkey < 100"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"))
        .hasMessageContaining("/ by zero");
    assertThat(catalog().tableExists(TableIdentifier.of("ddl_ctas_fail", "broken"))).isFalse();

    s3tables.counters().reset();
    assertFails(() -> execute("create table ddl_ctas_fail.unnamed as select o_orderkey + 1 from tpch.orders"),
        "42000", "Column 1 of the query for table ddl_ctas_fail.unnamed has no name; name it with AS");
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "createTable")).isZero();
  }

  @Test
  void createTableThatExists() throws SQLException {
    execute("create schema ddl_exists");
    execute("create table ddl_exists.t (a int)");
    assertFails(() -> execute("create table ddl_exists.t (b int)"), "42S01", "Table ddl_exists.t already exists");
    assertFails(() -> execute("create table ddl_exists.t as select 1 as a"), "42S01", "Table ddl_exists.t already exists");
    execute("create table if not exists ddl_exists.t (b int)");
    execute("create table if not exists ddl_exists.t as select 1 as b");
    // On an existing table the query is not even run.
    execute("create table if not exists ddl_exists.t as select 1 / (n_nationkey - n_nationkey) as boom from tpch.nation");
    assertThat(table("ddl_exists", "t").schema().columns()).extracting(Types.NestedField::name).containsExactly("a");
    assertFails(() -> execute("create table no_such_schema.t (a int)"), "3F000", "Schema no_such_schema does not exist");
  }

  @Test
  void createTableInTheConnectionsSchema() throws SQLException {
    execute("create schema ddl_default");
    connection.setSchema("ddl_default");
    execute("create table plain (a int)");
    assertThat(catalog().tableExists(TableIdentifier.of("ddl_default", "plain"))).isTrue();
  }

  @Test
  void dropTable() throws SQLException {
    execute("create schema ddl_drop");
    execute("create table ddl_drop.gone (a int)");
    statement.executeUpdate("insert into ddl_drop.gone values (1)");
    assertThat(Oracle.column(connection.getMetaData().getTables(null, "ddl_drop", "%", null), "TABLE_NAME")).containsExactly("gone");

    execute("drop table ddl_drop.gone");
    assertThat(catalog().tableExists(TableIdentifier.of("ddl_drop", "gone"))).isFalse();
    assertThat(Oracle.column(connection.getMetaData().getTables(null, "ddl_drop", "%", null), "TABLE_NAME")).isEmpty();
    assertFails(() -> execute("drop table ddl_drop.gone"), "42S02", "Table ddl_drop.gone does not exist");
    execute("drop table if exists ddl_drop.gone");
    execute("drop table if exists no_such_schema.gone");
  }

  @Test
  void alterTableColumns() throws SQLException {
    execute("create schema ddl_alter");
    execute("create table ddl_alter.t (id bigint, old_name varchar, dropped int)");
    statement.executeUpdate("insert into ddl_alter.t values (1, 'x', 7)");

    execute("alter table ddl_alter.t add column added decimal(5, 1) comment 'new one'");
    execute("alter table ddl_alter.t drop column dropped");
    execute("alter table ddl_alter.t rename column old_name to new_name");

    Table table = table("ddl_alter", "t");
    assertThat(table.schema().columns()).extracting(f -> f.name() + " " + f.type())
        .containsExactly("id long", "new_name string", "added decimal(5, 1)");
    assertThat(table.schema().findField("added").doc()).isEqualTo("new one");
    assertThat(Oracle.column(connection.getMetaData().getColumns(null, "ddl_alter", "t", "%"), "COLUMN_NAME"))
        .containsExactly("id", "new_name", "added");

    statement.executeUpdate("insert into ddl_alter.t values (2, 'y', 2.5)");
    assertThat(Oracle.rows(statement.executeQuery("select id, new_name, added from ddl_alter.t order by id")))
        .containsExactly("1|x|null", "2|y|2.5");

    assertFails(() -> execute("alter table ddl_alter.t add column id int"), "42S21", "Column id already exists in table ddl_alter.t");
    assertFails(() -> execute("alter table ddl_alter.t drop column nope"), "42S22", "Column nope does not exist in table ddl_alter.t");
    assertFails(() -> execute("alter table ddl_alter.t rename column nope to x"), "42S22", "Column nope does not exist");
    assertFails(() -> execute("alter table ddl_alter.t rename column id to added"), "42S21", "Column added already exists");
    assertFails(() -> execute("alter table ddl_alter.t add column must int not null"), "0A000", "add it nullable");
    assertFails(() -> execute("alter table ddl_alter.missing add column c int"), "42S02", "Table ddl_alter.missing does not exist");
  }

  @Test
  void renameTable() throws SQLException {
    execute("create schema ddl_rename");
    execute("create schema ddl_rename_to");
    execute("create table ddl_rename.before (a int)");
    statement.executeUpdate("insert into ddl_rename.before values (1), (2)");

    execute("alter table ddl_rename.before rename to after");
    assertThat(catalog().tableExists(TableIdentifier.of("ddl_rename", "before"))).isFalse();
    assertThat(Oracle.rows(table("ddl_rename", "after"), List.of("a"), r -> true)).containsExactlyInAnyOrder("1", "2");
    assertThat(Oracle.column(connection.getMetaData().getTables(null, "ddl_rename", "%", null), "TABLE_NAME")).containsExactly("after");
    assertThat(Oracle.rows(statement.executeQuery("select a from ddl_rename.after order by a"))).containsExactly("1", "2");

    execute("alter table ddl_rename.after rename to ddl_rename_to.moved");
    assertThat(catalog().tableExists(TableIdentifier.of("ddl_rename_to", "moved"))).isTrue();
    assertFails(() -> execute("alter table ddl_rename.after rename to other"), "42S02", "Table ddl_rename.after does not exist");
    assertFails(() -> execute("alter table ddl_rename_to.moved rename to \"Bad\""), "42602", "Invalid table name 'Bad'");
  }

  @Test
  void namesBreakingTheRulesFailBeforeAnyRequest() {
    s3tables.counters().reset();
    assertFails(() -> execute("create schema \"Sales\""), "42602",
        "Invalid schema name 'Sales': an S3 Tables namespace name has 1 to 255 characters of lowercase letters");
    assertFails(() -> execute("create schema aws_logs"), "42602", "may not start with 'aws'");
    assertFails(() -> execute("create schema \"sales-eu\""), "42602", "Invalid schema name 'sales-eu'");
    assertFails(() -> execute("create schema a.b"), "42602", "S3 Tables namespaces have one level");
    assertFails(() -> execute("create table tpch.\"Orders2\" (a int)"), "42602",
        "Invalid table name 'Orders2': an S3 Tables table name has 1 to 255 characters");
    assertFails(() -> execute("create table tpch._hidden (a int)"), "42602", "Invalid table name '_hidden'");
    assertFails(() -> execute("create table \"Bad\".t as select 1 as a"), "42602", "Invalid schema name 'Bad'");
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "createNamespace")).isZero();
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "createTable")).isZero();
    assertThat(s3tables.counters().total(Endpoint.CATALOG)).isZero();
  }

  @Test
  void aReadOnlyConnectionRefusesDdl() throws SQLException {
    execute("create schema ddl_guarded");
    execute("create table ddl_guarded.t (a int)");
    Properties readOnly = s3tables.jdbcProperties();
    readOnly.setProperty("readOnly", "true");
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), readOnly); Statement s = c.createStatement()) {
      for (String ddl : List.of("create schema ddl_guarded_2", "drop schema ddl_guarded", "drop table ddl_guarded.t",
          "create table ddl_guarded.u (a int)", "create table ddl_guarded.v as select 1 as a",
          "alter table ddl_guarded.t add column b int", "alter table ddl_guarded.t rename to w")) {
        assertFails(() -> s.execute(ddl), "25006", "read-only");
        // Calcite runs DDL while preparing it: the refusal comes before.
        assertFails(() -> c.prepareStatement(ddl), "25006", "read-only");
      }
      assertThat(Oracle.rows(s.executeQuery("select count(*) from ddl_guarded.t"))).containsExactly("0");
    }
    assertThat(namespaces().namespaceExists(Namespace.of("ddl_guarded_2"))).isFalse();
    assertThat(table("ddl_guarded", "t").schema().columns()).hasSize(1);
  }
}
