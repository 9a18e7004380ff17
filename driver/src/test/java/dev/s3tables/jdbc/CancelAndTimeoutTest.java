package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scan blocked on slow storage stops on Statement.cancel() and at the query timeout, a scan
 * whose storage fails fails its statement, and the connection answers the next statement.
 */
@StandIn(demo = true)
class CancelAndTimeoutTest {
  private static final String LONG_SCAN = "select l_comment from tpch.lineitem where l_comment like '%never matches%'";

  private final LocalS3Tables s3tables;

  CancelAndTimeoutTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @AfterEach
  void clearLatency() {
    s3tables.faults().clear();
  }

  @Test
  void cancelStopsAScanBlockedOnStorage() throws Exception {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(400));
      CompletableFuture<Object> scan =
          CompletableFuture.supplyAsync(() -> {
            try (ResultSet rs = s.executeQuery(LONG_SCAN)) {
              while (rs.next()) {
                // drain
              }
              return "finished";
            } catch (SQLException e) {
              return e;
            }
          });
      Thread.sleep(1500);
      assertThat(scan).isNotDone();
      long cancelledAt = System.nanoTime();
      s.cancel();
      Object outcome = scan.get(5, TimeUnit.SECONDS);
      // A hang guard, not a timing: the scan alone would run for tens of seconds at this latency.
      assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(3));
      assertThat(outcome).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getMessage()).containsIgnoringCase("cancel"));

      s3tables.faults().clear();
      try (Statement next = c.createStatement(); ResultSet rs = next.executeQuery("select count(*) from tpch.nation")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(25);
      }
    }
  }

  @Test
  void aStorageFailureWhileFilesAreReadAheadFailsTheStatementAndNotTheConnection() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s3tables.faults().internalErrorRate(Endpoint.STORAGE, 1.0);
      assertThatThrownBy(() -> {
        try (ResultSet rs = s.executeQuery("select l_orderkey from tpch.lineitem")) {
          while (rs.next()) {
            // drain
          }
        }
      }).isInstanceOf(SQLException.class);
      s3tables.faults().clear();
      try (ResultSet rs = s.executeQuery("select count(l_comment) from tpch.lineitem")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(Oracle.rows(Oracle.table(s3tables, "tpch", "lineitem"), List.of("l_orderkey"), r -> true).size());
      }
    }
  }

  @Test
  void theQueryTimeoutStopsAScanBlockedOnStorage() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(400));
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> {
        try (ResultSet rs = s.executeQuery(LONG_SCAN)) {
          while (rs.next()) {
            // drain
          }
        }
      }).isInstanceOf(SQLException.class).hasMessageContaining("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
      s3tables.faults().clear();
      s.setQueryTimeout(0);
      try (ResultSet rs = s.executeQuery("select count(*) from tpch.region")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(5);
      }
    }
  }

  @Test
  void theQueryTimeoutStopsAMetadataTableScanBlockedOnStorage() throws Exception {
    // Ten appends are ten manifests, each one storage read for the files table.
    Table table = IcebergTestTables.createWithRows(s3tables, "slow_meta", "many", 0);
    for (long id = 1; id < 10; id++) {
      table.newAppend().appendFile(IcebergTestTables.dataFile(table, IcebergTestTables.row(table, "id", id))).commit();
    }
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      // Loads the table without reading its manifests, which the connection would then keep in memory.
      assertThat(Oracle.rows(s.executeQuery("select count(*) from slow_meta.\"many$snapshots\""))).containsExactly("10");
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(400));
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> Oracle.rows(s.executeQuery("select file_path from slow_meta.\"many$files\"")))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"))
          .hasMessageContaining("timed out");
      s3tables.faults().clear();
      s.setQueryTimeout(0);
      assertThat(Oracle.rows(s.executeQuery("select count(*) from slow_meta.\"many$files\""))).containsExactly("10");
    }
  }
}
