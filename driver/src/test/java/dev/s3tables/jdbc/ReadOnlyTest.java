package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A read-only connection (readOnly=true, or setReadOnly(true)) refuses every statement that could
 * write with SQLState 25006, whatever its form and however it is executed, before any request:
 * the stand-in sees no request but GET and HEAD, and the bucket is unchanged. A connection made
 * read-only by its properties stays read-only.
 */
@StandIn(demo = true, shared = true)
class ReadOnlyTest {
  private static final String TABLE = "read_only.guarded";
  private static final List<String> WRITES = List.of(
      "insert into read_only.guarded values (9, 'x')",
      "INSERT INTO READ_ONLY.GUARDED VALUES (9, 'x')",
      "InSeRt InTo \"read_only\".\"guarded\" (id) VaLuEs (9)",
      "  \n\t insert into read_only.guarded values (9, 'x')",
      "/* a comment */ insert into read_only.guarded values (9, 'x')",
      "-- select\ninsert into read_only.guarded values (9, 'x')",
      "/* select 1; */\n  -- x\n  insert into read_only.guarded values (9, 'x')",
      "insert into read_only.guarded (values (9, 'x'))",
      "insert into read_only.guarded (select id + 100, name from read_only.guarded)",
      "insert into read_only.guarded select id + 100, name from read_only.guarded",
      "insert into read_only.guarded with x as (select 9 as id, 'x' as name) select * from x",
      "upsert into read_only.guarded values (9, 'x')",
      "create schema read_only_new",
      "create schema if not exists read_only_new",
      "drop schema read_only",
      "drop schema if exists read_only_absent",
      "create table read_only.created (a int)",
      "create table if not exists read_only.created (a int)",
      "create table read_only.copied as select * from read_only.guarded",
      "CREATE TABLE read_only.copied AS (SELECT * FROM read_only.guarded)",
      "drop table read_only.guarded",
      "drop table if exists read_only.guarded",
      "alter table read_only.guarded add column note varchar",
      "alter table read_only.guarded drop column name",
      "alter table read_only.guarded rename column name to label",
      "alter table read_only.guarded rename to read_only.renamed",
      "delete from read_only.guarded",
      "delete from read_only.guarded where id = 1",
      "update read_only.guarded set name = 'z'",
      "merge into read_only.guarded t using read_only.guarded s on t.id = s.id when matched then update set name = 'q'");

  private static Connection byProperty;
  private static Connection bySetter;
  private final LocalS3Tables s3tables;
  private String snapshotBefore;
  private RequestsSince requests;

  ReadOnlyTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeAll
  static void connect(LocalS3Tables s3tables) throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s.execute("create schema if not exists read_only");
      s.execute("create table if not exists " + TABLE + " (id int not null, name varchar)");
      s.executeUpdate("insert into " + TABLE + " values (1, 'a'), (2, 'b')");
    }
    Properties readOnly = s3tables.jdbcProperties();
    readOnly.setProperty("readOnly", "true");
    byProperty = DriverManager.getConnection(s3tables.jdbcUrl(), readOnly);
    bySetter = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    bySetter.setReadOnly(true);
  }

  @AfterAll
  static void close() throws SQLException {
    byProperty.close();
    bySetter.close();
  }

  @BeforeEach
  void remember() {
    snapshotBefore = bucketState();
    requests = RequestsSince.now(s3tables);
  }

  @AfterEach
  void nothingWritten() {
    assertThat(requests.writes()).as("requests that could write").isEmpty();
    assertThat(bucketState()).isEqualTo(snapshotBefore);
  }

  /** Namespaces, tables and the guarded table's snapshot, as the stand-in's catalog has them. */
  private String bucketState() {
    Catalog catalog = s3tables.bucket("demo").catalog();
    return ((SupportsNamespaces) catalog).listNamespaces() + " " + catalog.listTables(Namespace.of("read_only"))
        + " " + Oracle.table(s3tables, "read_only", "guarded").currentSnapshot().snapshotId();
  }

  /** How a statement reaches the driver. */
  enum Execution {
    EXECUTE_UPDATE, EXECUTE, EXECUTE_QUERY, STATEMENT_BATCH, PREPARE, PREPARED_BATCH
  }

  static Stream<Arguments> writes() {
    List<Arguments> cases = new ArrayList<>();
    for (String connection : List.of("readOnly=true", "setReadOnly(true)")) {
      for (String sql : WRITES) {
        for (Execution execution : Execution.values()) {
          cases.add(Arguments.of(connection, execution, sql));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("writes")
  void everyFormOfWriteIsRefusedWith25006(String connection, Execution execution, String sql) {
    Connection c = connection.equals("readOnly=true") ? byProperty : bySetter;
    Throwable refused = catchThrowable(() -> run(c, execution, sql));
    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(((SQLException) refused).getSQLState()).as(String.valueOf(refused)).isEqualTo("25006");
    assertThat(refused).hasMessageContaining("read-only");
  }

  private static void run(Connection c, Execution execution, String sql) throws SQLException {
    switch (execution) {
      case EXECUTE_UPDATE -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate(sql);
        }
      }
      case EXECUTE -> {
        try (Statement s = c.createStatement()) {
          s.execute(sql);
        }
      }
      case EXECUTE_QUERY -> {
        try (Statement s = c.createStatement()) {
          s.executeQuery(sql).close();
        }
      }
      case STATEMENT_BATCH -> {
        try (Statement s = c.createStatement()) {
          s.addBatch("select 1 from read_only.guarded");
          s.addBatch(sql);
          s.executeBatch();
        }
      }
      case PREPARE -> c.prepareStatement(sql).close();
      case PREPARED_BATCH -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.addBatch();
          p.executeBatch();
        }
      }
    }
  }

  @Test
  void statementsPreparedBeforeTheConnectionBecameReadOnlyAreRefusedToo() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        PreparedStatement insert = c.prepareStatement("insert into read_only.guarded values (?, ?)");
        PreparedStatement batch = c.prepareStatement("insert into read_only.guarded values (?, ?)")) {
      c.setReadOnly(true);
      insert.setInt(1, 9);
      insert.setString(2, "x");
      assertThat(stateOf(insert::executeUpdate)).isEqualTo("25006");
      assertThat(stateOf(insert::execute)).isEqualTo("25006");
      batch.setInt(1, 9);
      batch.setString(2, "x");
      batch.addBatch();
      assertThat(stateOf(batch::executeBatch)).isEqualTo("25006");
    }
  }

  @Test
  void parameterizedInsertsAreRefusedWhenPrepared() {
    for (Connection c : List.of(byProperty, bySetter)) {
      assertThat(stateOf(() -> c.prepareStatement("insert into read_only.guarded values (?, ?)"))).isEqualTo("25006");
      assertThat(stateOf(() -> c.prepareStatement("insert into read_only.guarded (id) values (?)"))).isEqualTo("25006");
    }
  }

  @Test
  void textThatIsNoStatementFailsAsSyntaxAndWritesNothing() throws SQLException {
    try (Statement s = byProperty.createStatement()) {
      for (String sql : List.of(
          "(insert into read_only.guarded values (9, 'x'))",
          "with x as (select 9, 'x') insert into read_only.guarded select * from x",
          "select 1; insert into read_only.guarded values (9, 'x')",
          "insert into read_only.guarded values (9, 'x');")) {
        assertThat(stateOf(() -> s.execute(sql))).as(sql).isEqualTo("42000");
      }
    }
  }

  @Test
  void queriesAndExplainStillRun() throws SQLException {
    try (Statement s = byProperty.createStatement()) {
      assertThat(Oracle.rows(s.executeQuery("select count(*) from read_only.guarded"))).containsExactly("2");
      assertThat(Oracle.rows(s.executeQuery("explain plan for insert into read_only.guarded values (9, 'x')")).get(0))
          .contains("EnumerableIcebergAppend");
      assertThat(Oracle.rows(s.executeQuery("/* insert */ (select id from read_only.guarded where id = 1)")))
          .containsExactly("1");
    }
  }

  @Test
  void readOnlyFromThePropertiesCannotBeLifted() throws SQLException {
    byProperty.clearWarnings();
    byProperty.setReadOnly(false);
    assertThat(byProperty.isReadOnly()).isTrue();
    SQLWarning warning = byProperty.getWarnings();
    assertThat((Throwable) warning).isNotNull();
    assertThat(warning.getMessage()).contains("readOnly=true").contains("setReadOnly(false)");
    try (Statement s = byProperty.createStatement()) {
      assertThat(stateOf(() -> s.executeUpdate(WRITES.get(0)))).isEqualTo("25006");
    }
    byProperty.clearWarnings();
    assertThat((Throwable) byProperty.getWarnings()).isNull();
  }

  @Test
  void readOnlyBySetterIsLiftedBySetter() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
      c.setReadOnly(true);
      try (Statement s = c.createStatement()) {
        assertThat(stateOf(() -> s.execute("create schema read_only_new"))).isEqualTo("25006");
        c.setReadOnly(false);
        assertThat(c.isReadOnly()).isFalse();
        assertThat((Throwable) c.getWarnings()).isNull();
        try (ResultSet rs = s.executeQuery("select count(*) from read_only.guarded")) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
  }

  /** A call expected to fail: the SQLState of its SQLException. */
  private static String stateOf(SqlCall call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(SQLException.class);
    return ((SQLException) thrown).getSQLState();
  }
}
