package dev.s3tables.jdbc.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HikariCP pooling the driver: the pool's setup calls on every new connection, validation through
 * {@link Connection#isValid} (no connectionTestQuery), read-only pools, concurrent borrowers and
 * shutdown.
 */
@StandIn(demo = true)
class HikariPoolTest {
  /** Hikari skips validation of a connection used within this window; -1 validates every borrow. */
  private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

  private final LocalS3Tables s3tables;

  HikariPoolTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @AfterEach
  void clear() {
    System.clearProperty(ALIVE_BYPASS_WINDOW);
    s3tables.faults().clear();
  }

  private HikariConfig config(String poolName, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(s3tables.jdbcUrl());
    config.setUsername(s3tables.accessKeyId());
    config.setPassword(s3tables.secretAccessKey());
    config.setMaximumPoolSize(size);
    // Fail a pool start that cannot open a connection instead of retrying in the background.
    config.setInitializationFailTimeout(1);
    return config;
  }

  private static String nationName(Connection connection, int key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("select n_name from tpch.nation where n_nationkey = ?")) {
      ps.setInt(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  @Test
  void poolStartsQueriesAndShutsDown() throws Exception {
    HikariDataSource pool = new HikariDataSource(config("start", 2));
    try (Connection connection = pool.getConnection()) {
      // Hikari's defaults, set on the connection by the pool and read back through its proxy.
      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(connection.isReadOnly()).isFalse();
      assertThat(connection.isValid(5)).isTrue();
      assertThat(connection.getCatalog()).isEqualTo("demo");
      assertThat(nationName(connection, 7)).isEqualTo("GERMANY");
      // What Hikari asks of each new connection, where it would swallow a failure: asked here directly.
      Connection physical = connection.unwrap(Connection.class);
      physical.setNetworkTimeout(Runnable::run, 5_000);
      assertThat(physical.getNetworkTimeout()).isEqualTo(5_000);
      assertThat(physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      physical.clearWarnings();
      assertThat((Object) physical.getWarnings()).isNull();
    }
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isBetween(1, 2);

    pool.close();
    assertThat(pool.isClosed()).isTrue();
    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
  }

  @Test
  void withoutATestQueryEveryBorrowIsValidatedByIsValid() throws Exception {
    System.setProperty(ALIVE_BYPASS_WINDOW, "-1");
    HikariConfig config = config("validated", 1);
    config.setValidationTimeout(1_000);
    config.setConnectionTimeout(2_000);
    assertThat(config.getConnectionTestQuery()).isNull();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Connection physical;
      try (Connection connection = pool.getConnection()) {
        physical = connection.unwrap(Connection.class);
      }
      long probes = s3tables.counters().count(Endpoint.CATALOG, "listNamespaces");
      for (int i = 0; i < 3; i++) {
        try (Connection connection = pool.getConnection()) {
          assertThat(connection.unwrap(Connection.class)).isSameAs(physical);
        }
      }
      // Connection.isValid asks the catalog for its namespaces: one probe a borrow.
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "listNamespaces") - probes).isGreaterThanOrEqualTo(3);

      // A catalog that fails every request: the connection fails validation, and no new one opens.
      s3tables.faults().internalErrorRate(Endpoint.CATALOG, 1.0);
      assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      s3tables.faults().clear();

      try (Connection connection = pool.getConnection()) {
        assertThat(connection.unwrap(Connection.class)).isNotSameAs(physical);
        assertThat(nationName(connection, 0)).isEqualTo("ALGERIA");
      }
    }
  }

  @Test
  void readOnlyPoolRefusesWritesAndStaysHealthy() throws Exception {
    HikariConfig config = config("read-only", 1);
    config.setReadOnly(true);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Connection physical;
      try (Connection connection = pool.getConnection()) {
        physical = connection.unwrap(Connection.class);
        assertThat(connection.isReadOnly()).isTrue();
        assertThat(nationName(connection, 1)).isEqualTo("ARGENTINA");
        try (Statement s = connection.createStatement()) {
          assertThatThrownBy(() -> s.executeUpdate("insert into demo.points values (true, 4, 'd')"))
              .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
        assertThatThrownBy(() -> connection.prepareStatement("insert into demo.points values (?, ?, ?)"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      }
      // The refusal is no reason to evict: the same connection comes back, still read-only and usable.
      try (Connection connection = pool.getConnection();
          Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from demo.points")) {
        assertThat(connection.unwrap(Connection.class)).isSameAs(physical);
        assertThat(connection.isReadOnly()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
    }
  }

  @Test
  void concurrentBorrowersShareTheConnections() throws Exception {
    List<String> expected = new ArrayList<>();
    try (HikariDataSource pool = new HikariDataSource(config("concurrent", 3))) {
      try (Connection connection = pool.getConnection()) {
        for (int key = 0; key < 25; key++) {
          expected.add(nationName(connection, key));
        }
      }
      ExecutorService threads = Executors.newFixedThreadPool(6);
      try {
        List<Future<List<String>>> borrowers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          borrowers.add(
              threads.submit(
                  () -> {
                    List<String> names = new ArrayList<>();
                    for (int key = 0; key < 25; key++) {
                      try (Connection connection = pool.getConnection()) {
                        names.add(nationName(connection, key));
                      }
                    }
                    return names;
                  }));
        }
        for (Future<List<String>> borrower : borrowers) {
          assertThat(borrower.get()).containsExactlyElementsOf(expected);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isBetween(1, 3);
    }
  }
}
