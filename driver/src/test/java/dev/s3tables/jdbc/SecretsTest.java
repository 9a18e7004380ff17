package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.jdbc.config.ConnectionConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secret access key, the session token and the password never show: not in any exception
 * (message, causes, suppressed, stack traces Avatica keeps as text), not in what the process logs
 * with the driver's libraries at TRACE, not in toString of the JDBC objects, not in getURL,
 * getUserName or getPropertyInfo. Runs against a stand-in that accepts only distinctive keys.
 */
class SecretsTest {
  private static final String KEY_ID = "AKIASECRETSTEST00001";
  // Mixed case and symbols throughout, so that no 8 characters of them turn up in a log by chance.
  private static final String SECRET = "sEcReT/Only+Here-kqZwXvJmNpQrStUvWxYz";
  private static final String TOKEN = "ToKeN//Only+Here-IQoJb3JpZ2luX2VjEXAMPLEzYxWvUtS";
  private static final String WRONG_SECRET = "wRoNgSeCrEt/Only+Here-gHjKlMnBvCxZ";
  /** Every 8 characters of each secret, as given and URL-encoded: no part of a secret may show. */
  private static final List<String> NEVER_SHOWN = Stream.of(SECRET, TOKEN, WRONG_SECRET)
      .flatMap(secret -> Stream.of(secret, encode(secret)))
      .flatMap(secret -> IntStream.rangeClosed(0, secret.length() - 8).mapToObj(i -> secret.substring(i, i + 8)))
      .distinct()
      .toList();

  private static LocalS3Tables s3tables;
  private LogCapture logs;

  @BeforeAll
  static void start() {
    s3tables = LocalS3Tables.builder().credentials(KEY_ID, SECRET).start();
  }

  @AfterAll
  static void stop() {
    s3tables.close();
  }

  @BeforeEach
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void nothingLogged() {
    logs.close();
    assertHidden("the log output", logs.text());
  }

  private static Properties login(String secret) {
    Properties p = new Properties();
    p.setProperty("user", KEY_ID);
    p.setProperty("password", secret);
    p.setProperty("sessionToken", TOKEN);
    return p;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), login(SECRET));
  }

  @Test
  void aWorkingConnectionShowsNoSecretAnywhere() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create schema if not exists shown");
      s.execute("create table if not exists shown.t (id int not null, name varchar)");
      assertThat(s.executeUpdate("insert into shown.t values (1, 'a'), (2, null)")).isEqualTo(2);
      try (PreparedStatement insert = c.prepareStatement("insert into shown.t values (?, ?)")) {
        insert.setInt(1, 3);
        insert.setString(2, "c");
        insert.addBatch();
        insert.executeBatch();
        assertHidden("a prepared statement", insert.toString());
      }
      try (ResultSet rs = s.executeQuery("select count(*) from shown.t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
        assertHidden("a result set", rs.toString());
      }
      DatabaseMetaData md = c.getMetaData();
      assertThat(Oracle.column(md.getTables(null, "shown", "%", null), "TABLE_NAME")).containsExactly("t");
      assertThat(Oracle.column(md.getColumns(null, "shown", "t", "%"), "COLUMN_NAME")).containsExactly("id", "name");
      assertThat(md.getURL()).isEqualTo("jdbc:s3tables:" + s3tables.bucketArn());
      assertHidden("getUserName", String.valueOf(md.getUserName()));
      assertHidden("the connection, statement and metadata",
          c + " " + s + " " + md + " " + c.getClientInfo() + " " + c.getWarnings());
      assertThat(c.isValid(5)).isTrue();
    }
    assertThat(s3tables.counters().byStatus(Endpoint.STORAGE)).doesNotContainKey(403);
    assertThat(logs.text()).as("the capture sees the libraries' debug output")
        .contains("DEBUG org.apache.iceberg.rest").contains("DEBUG software.amazon.awssdk.request")
        .contains("DEBUG org.apache.calcite");
  }

  @Test
  void refusedCredentialsSay28000AndNameTheKeyButNoSecret() {
    SQLException refused = failure(() -> DriverManager.getConnection(s3tables.jdbcUrl(), login(WRONG_SECRET)));
    assertThat(refused.getSQLState()).isEqualTo("28000");
    assertThat(refused.getMessage()).contains(KEY_ID);

    Properties noToken = login(WRONG_SECRET);
    noToken.remove("sessionToken");
    assertThat(failure(() -> DriverManager.getConnection(s3tables.jdbcUrl(), noToken)).getSQLState()).isEqualTo("28000");

    String secretsInUrl = s3tables.jdbcUrl() + "&user=" + KEY_ID + "&password=" + encode(WRONG_SECRET)
        + "&sessionToken=" + encode(TOKEN);
    assertThat(failure(() -> DriverManager.getConnection(secretsInUrl, new Properties())).getSQLState())
        .isEqualTo("28000");
  }

  @Test
  void malformedAndConflictingPropertiesEchoNoSecret() {
    String arn = s3tables.bucketArn();
    List<String> urls = List.of(
        "jdbc:s3tables:" + arn + ";password=" + SECRET,
        "jdbc:s3tables:" + arn + "&password=" + SECRET,
        "jdbc:s3tables:" + arn + "?password=" + encode(SECRET) + "&sessionToken=" + encode(TOKEN),
        "jdbc:s3tables:" + arn + "?password=" + encode(WRONG_SECRET),
        "jdbc:s3tables:" + arn + "?user=" + KEY_ID + "&password=" + encode(SECRET) + "&profile=dev",
        "jdbc:s3tables:" + arn + "?sessionToken=" + encode(TOKEN),
        "jdbc:s3tables:" + arn + "?user=" + KEY_ID + "&password=" + encode(SECRET) + "&colour=" + encode(SECRET),
        "jdbc:s3tables:" + arn + "?password=" + encode(SECRET) + "%ZZ",
        "jdbc:s3tables:" + arn + "?" + encode(SECRET),
        "jdbc:s3tables:" + SECRET,
        "jdbc:s3tables:" + encode(SECRET) + "?user=" + KEY_ID);
    for (String url : urls) {
      Properties conflicting = login(WRONG_SECRET);
      assertThat(failure(() -> DriverManager.getConnection(url, conflicting)).getSQLState()).as(url).isEqualTo("08001");
      assertThat(failure(() -> DriverManager.getConnection(url, new Properties())).getSQLState()).as(url).startsWith("08");
    }
  }

  @Test
  void failingStatementsAndWritesShowNoSecret() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("create schema if not exists failing");
      s.execute("create table if not exists failing.t (id int not null)");
      List<String> states = new ArrayList<>();
      for (String sql : List.of(
          "selec 1",
          "select * from failing.nosuch",
          "select nosuch from failing.t",
          "insert into failing.t values (3000000000)",
          "insert into failing.t values (null)",
          "insert into failing.t select cast(null as int) from failing.t union all select cast(null as int)",
          "create table failing.\"Bad\" (a int)",
          "drop schema failing",
          "select 1/0",
          "merge into failing.t t using (select 9 as id) s on t.id = s.id when not matched then insert values (s.id)")) {
        states.add(failure(() -> s.execute(sql)).getSQLState());
      }
      assertThat(states).containsExactly("42000", "42S02", "42S22", "22003", "23502", "23502", "42602", "2BP01",
          "22012", "0A000");

      s3tables.faults().unavailableRate(Endpoint.STORAGE, 1.0);
      try {
        assertThat(failure(() -> s.executeUpdate("insert into failing.t values (1)")).getSQLState()).isEqualTo("08006");
      } finally {
        s3tables.faults().unavailableRate(Endpoint.STORAGE, 0);
      }
      s3tables.faults().failNextCommits(10);
      try {
        assertThat(failure(() -> s.executeUpdate("insert into failing.t values (2)")).getSQLState()).isEqualTo("40001");
      } finally {
        s3tables.faults().failNextCommits(0);
      }
      s3tables.faults().unavailableRate(Endpoint.CATALOG, 1.0);
      try {
        assertThat(c.isValid(2)).isFalse();
        assertThat(failure(() -> s.execute("create table failing.u (a int)")).getSQLState()).isEqualTo("08006");
      } finally {
        s3tables.faults().unavailableRate(Endpoint.CATALOG, 0);
      }
      c.setReadOnly(true);
      assertThat(failure(() -> s.executeUpdate("insert into failing.t values (4)")).getSQLState()).isEqualTo("25006");
    }
  }

  @Test
  void configCredentialsAndPropertyInfoShowNoSecret() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse(s3tables.jdbcUrl(), login(SECRET));
    assertHidden("ConnectionConfig", config.toString());
    assertHidden("the credentials source", config.credentials().toString());
    assertHidden("the display URL", config.displayUrl());

    String urlWithSecrets = s3tables.jdbcUrl() + "&password=" + encode(SECRET) + "&sessionToken=" + encode(TOKEN);
    Properties given = login(SECRET);
    given.setProperty("secretAccessKey", SECRET);
    for (DriverPropertyInfo p : new S3TablesDriver().getPropertyInfo(urlWithSecrets, given)) {
      assertHidden("getPropertyInfo " + p.name, p.name + "=" + p.value + " " + p.description);
    }
  }

  /** The SQLException the call throws, after checking that nothing it carries shows a secret. */
  private static SQLException failure(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertHidden("an exception", everythingShown(thrown));
    return (SQLException) thrown;
  }

  /** Message, causes and suppressed with their stack traces, Avatica's server traces, next exceptions. */
  private static String everythingShown(Throwable thrown) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    for (Throwable t = thrown; t != null; t = t instanceof SQLException sql ? sql.getNextException() : null) {
      t.printStackTrace(out);
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof AvaticaSqlException avatica) {
          avatica.getStackTraces().forEach(out::println);
        }
      }
    }
    out.flush();
    return text.toString();
  }

  private static void assertHidden(String where, String text) {
    for (String part : NEVER_SHOWN) {
      assertThat(text.contains(part))
          .as("%s shows a secret: %s", where,
              where.equals("the log output") ? new LogLines(text, part) : text.replace(part, "<SECRET>"))
          .isFalse();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The lines of a long log that show the secret, masked. */
  private record LogLines(String log, String secret) {
    @Override
    public String toString() {
      List<String> lines = new ArrayList<>();
      for (String line : log.split("\n")) {
        if (line.contains(secret)) {
          lines.add(line.replace(secret, "<SECRET>"));
        }
      }
      return String.join("\n", lines.subList(0, Math.min(20, lines.size())));
    }
  }
}
