package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import dev.s3tables.jdbc.BadInputs.Entry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the bad-input corpus fails with its SQLState and message, as a SQLException,
 * within a hang guard, and leaves the connection answering and the bucket as it was: the same
 * namespaces, tables and snapshots. SQL entries run on one connection, executed and prepared, and
 * a query's rows are read to the end. (A statement that fails while writing rows leaves the files
 * it wrote unreferenced, as the README says; DDL the service refuses was sent to it.)
 */
@StandIn(demo = true, shared = true)
class BadInputsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static Connection connection;
  /** The bucket as the last entry left it, which is as the first one found it while all pass. */
  private static String bucket;

  private final LocalS3Tables s3tables;

  BadInputsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeAll
  static void createTables(LocalS3Tables s3tables) throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    try (Statement s = connection.createStatement()) {
      s.execute("create schema if not exists bad_inputs");
      s.execute("create table if not exists bad_inputs.sentinel (id int not null, label varchar)");
      s.execute("create table if not exists bad_inputs.strict (id int not null, name varchar not null,"
          + " amount decimal(5, 2), big bigint, small smallint, flag boolean, d date, ts timestamp, bin binary(4),"
          + " note varchar, price double, t time)");
      s.executeUpdate("insert into bad_inputs.sentinel values (1, 'a'), (2, 'b'), (3, 'c')");
    }
    bucket = bucketState(s3tables);
  }

  @AfterAll
  static void sentinelIntact() throws SQLException {
    try (Connection c = connection; Statement s = c.createStatement()) {
      assertThat(Oracle.rows(s.executeQuery("select id, label from bad_inputs.sentinel order by id")))
          .containsExactly("1|a", "2|b", "3|c");
    }
  }

  static Stream<Entry> connectEntries() {
    return BadInputs.read(BadInputs.CONNECT).stream();
  }

  static Stream<Entry> parameterEntries() {
    return BadInputs.read(BadInputs.PARAMETERS).stream();
  }

  static Stream<Entry> sqlEntries() {
    return BadInputs.SQL.stream().flatMap(file -> BadInputs.read(file).stream());
  }

  @AfterEach
  void nothingChangedAndTheConnectionAnswers() throws SQLException {
    String before = bucket;
    bucket = bucketState(s3tables);
    assertThat(bucket).isEqualTo(before);
    try (Statement s = connection.createStatement()) {
      assertThat(Oracle.rows(s.executeQuery("select 1"))).containsExactly("1");
    }
  }

  /** Namespaces, the corpus namespace's tables and its tables' snapshots, as the stand-in has them. */
  private static String bucketState(LocalS3Tables s3tables) {
    Catalog catalog = s3tables.bucket("demo").catalog();
    Snapshot sentinel = Oracle.table(s3tables, "bad_inputs", "sentinel").currentSnapshot();
    Snapshot strict = Oracle.table(s3tables, "bad_inputs", "strict").currentSnapshot();
    return ((SupportsNamespaces) catalog).listNamespaces() + " " + catalog.listTables(Namespace.of("bad_inputs"))
        + " sentinel@" + sentinel.snapshotId() + " rows " + sentinel.summary().get("total-records")
        + " strict@" + (strict == null ? "none" : strict.snapshotId());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectEntries")
  void connectingFails(Entry entry) {
    String url = entry.input()
        .replace("${arn}", s3tables.bucketArn())
        .replace("${rest}", encode(s3tables.restUri()))
        .replace("${s3}", encode(s3tables.s3Endpoint()))
        .replace("${s3tables}", encode(s3tables.s3tablesEndpoint()))
        .replace("${user}", encode(s3tables.accessKeyId()))
        .replace("${password}", encode(s3tables.secretAccessKey()));
    Properties login = entry.login() ? s3tables.jdbcProperties() : new Properties();
    assertFails(entry, () -> DriverManager.getConnection(url, login).close());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sqlEntries")
  void statementFails(Entry entry) {
    assertFails(entry, () -> {
      try (Statement s = connection.createStatement()) {
        readToTheEnd(s, s.execute(entry.input()));
      }
    });
    assertFails(entry, () -> {
      try (PreparedStatement p = connection.prepareStatement(entry.input())) {
        readToTheEnd(p, p.execute());
      }
    });
  }

  /** Parameter entries run prepared, with the value bound; INSERTs also as a batch of one row. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterEntries")
  void parameterFails(Entry entry) {
    assertFails(entry, () -> {
      try (PreparedStatement p = connection.prepareStatement(entry.input())) {
        BadInputs.bind(p, 1, entry.parameter());
        readToTheEnd(p, p.execute());
      }
    });
    if (entry.input().startsWith("insert")) {
      assertFails(entry, () -> {
        try (PreparedStatement p = connection.prepareStatement(entry.input())) {
          BadInputs.bind(p, 1, entry.parameter());
          p.addBatch();
          p.executeBatch();
        }
      });
    }
  }

  private static void readToTheEnd(Statement statement, boolean hasRows) throws SQLException {
    if (hasRows) {
      try (ResultSet rows = statement.getResultSet()) {
        while (rows.next()) {
          rows.getObject(1);
        }
      }
    }
  }

  private static void assertFails(Entry entry, SqlCall call) {
    Throwable thrown = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(call::run), entry::toString);
    assertThat(thrown).as("what %s throws", entry).isInstanceOf(SQLException.class);
    String message = String.valueOf(thrown.getMessage());
    String shown = message.length() > 2000 ? message.substring(0, 2000) + "..." : message;
    assertThat(((SQLException) thrown).getSQLState()).as(shown).isEqualTo(entry.sqlState());
    assertThat(message.contains(entry.fragment())).as("message has '%s': %s", entry.fragment(), shown).isTrue();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
