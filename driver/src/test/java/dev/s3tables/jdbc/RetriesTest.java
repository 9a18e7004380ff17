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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failing endpoints are retried a bounded number of times, then the statement fails with a
 * transient SQLState and the connection goes on: storage errors as the AWS SDK and Iceberg's
 * S3FileIO retry them, catalog errors as Iceberg's REST client does, commit conflicts as Iceberg's
 * commit retries do.
 */
@StandIn(demo = true)
class RetriesTest {
  private final LocalS3Tables s3tables;

  RetriesTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @AfterEach
  void clearFaults() {
    s3tables.faults().clear();
  }

  @Test
  void storageThatKeepsFailingIsRetriedABoundedNumberOfTimes() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      // A filter on the rows: a count the manifests answer would not read storage once they are cached.
      String sql = "select count(*) from tpch.nation where n_comment like '%a%'";
      long rows = count(s, sql);
      assertThat(rows).isPositive();
      s3tables.counters().reset();
      s3tables.faults().unavailableRate(Endpoint.STORAGE, 1.0);
      long start = System.nanoTime();
      assertThatThrownBy(() -> count(s, sql))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
      long attempts = s3tables.counters().count(Endpoint.STORAGE, "GetObject");
      System.out.printf("storage failing: %d GetObject attempts, failed after %d ms%n",
          attempts, (System.nanoTime() - start) / 1_000_000);
      assertThat(attempts).isBetween(2L, 12L);
      s3tables.faults().clear();
      assertThat(count(s, sql)).isEqualTo(rows);
    }
  }

  @Test
  void aCatalogThatKeepsFailingIsRetriedABoundedNumberOfTimes() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s3tables.counters().reset();
      s3tables.faults().unavailableRate(Endpoint.CATALOG, 1.0);
      assertThatThrownBy(() -> s.execute("create schema never_created"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
      long attempts = s3tables.counters().total(Endpoint.CATALOG);
      System.out.printf("catalog failing: %d requests%n", attempts);
      assertThat(attempts).isBetween(1L, 12L);
      s3tables.faults().clear();
      assertThat(count(s, "select count(*) from tpch.region")).isEqualTo(5);
    }
  }

  @Test
  void commitConflictsAreRetriedByIcebergAndTheRowsLandOnce() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s.execute("create schema retried");
      s.execute("create table retried.t (id int)");
      s3tables.faults().failNextCommits(2);
      assertThat(s.executeUpdate("insert into retried.t values (1), (2), (3)")).isEqualTo(3);
      assertThat(count(s, "select count(*) from retried.t")).isEqualTo(3);
      s3tables.faults().failNextCommits(100);
      assertThatThrownBy(() -> s.executeUpdate("insert into retried.t values (4)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
      s3tables.faults().clear();
      assertThat(count(s, "select count(*) from retried.t")).isEqualTo(3);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
