package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GROUP BY with DECIMAL sums over a scan is aggregated per data file on the reader threads and
 * combined above: the answers equal Calcite's own aggregate of the same rows (kept by a filter
 * that is true for every row but not pushed into the scan), with NULL keys and values, several
 * files, position deletes, sums and products a long cannot hold, empty input and overflow errors.
 */
@StandIn
class PartialAggregateTest {
  /** True for every row (id is never NULL), but not pushed: Calcite's own aggregate runs, as an oracle. */
  private static final String NOT_PUSHED = "char_length(cast(id as varchar)) > 0";
  private static final String SUMS = "k, g, sum(a), sum(a * (1 - b)), sum(a * (1 - b) * (1 + b)), count(*), count(a),"
      + " avg(a), sum(big), sum(big * b), sum(a * g), sum(g * 2.5)";

  private final LocalS3Tables s3tables;
  private Connection connection;

  PartialAggregateTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void fill() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    execute("create schema if not exists partials");
    execute("create table partials.t (id bigint not null, k varchar, g int, a decimal(12, 2), b decimal(5, 3),"
        + " big decimal(38, 2))");
    // Three statements, three data files; values chosen so that some sums and products leave a long.
    for (int file = 0; file < 3; file++) {
      try (PreparedStatement insert = connection.prepareStatement("insert into partials.t values (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 400; i++) {
          int id = file * 400 + i;
          insert.setLong(1, id);
          insert.setString(2, id % 7 == 0 ? null : "k" + id % 3);
          if (id % 11 == 0) {
            insert.setNull(3, Types.INTEGER);
          } else {
            insert.setInt(3, id % 4 - 1);
          }
          insert.setBigDecimal(4, id % 5 == 0 ? null : new BigDecimal((id * 7_919L % 200_000L - 100_000L) + ".25"));
          insert.setBigDecimal(5, new BigDecimal("0.0" + id % 10 + "5"));
          insert.setBigDecimal(6, id % 13 == 0 ? null
              : new BigDecimal((id % 2 == 0 ? "" : "-") + "9" + "0".repeat(12) + id + ".99"));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    execute("delete from partials.t where id between 380 and 420 or id = 1000");
  }

  @AfterEach
  void drop() throws SQLException {
    execute("drop table if exists partials.t");
    connection.close();
  }

  @Test
  void groupedSumsEqualCalcitesOwnAggregate() throws SQLException {
    String pushed = "select " + SUMS + " from partials.t group by k, g";
    String oracle = "select " + SUMS + " from partials.t where " + NOT_PUSHED + " group by k, g";
    assertThat(plan(pushed)).contains("EnumerableIcebergPartialAggregate");
    assertThat(plan(oracle)).doesNotContain("EnumerableIcebergPartialAggregate");
    List<String> rows = query(pushed);
    assertThat(rows).hasSizeGreaterThan(10).containsExactlyInAnyOrderElementsOf(query(oracle));
    assertThat(String.join("\n", rows)).contains("null|").contains("|null|");
  }

  @Test
  void filteredAndUngroupedSumsEqualCalcitesOwnAggregate() throws SQLException {
    for (String where : List.of("id >= 200 and g = 1", "k = 'k2'", "id > 100000")) {
      String pushed = "select sum(a * (1 - b)), count(*), sum(big), count(a) from partials.t where " + where;
      String oracle = pushed + " and " + NOT_PUSHED;
      assertThat(plan(pushed)).contains("EnumerableIcebergPartialAggregate");
      assertThat(query(pushed)).isEqualTo(query(oracle));
    }
    assertThat(query("select sum(a), count(*), count(a) from partials.t where id > 100000"))
        .containsExactly("null|0|0");
  }

  @Test
  void aSumOutsideItsTypeFailsAsCalcitesOwnAggregateFails() throws SQLException {
    String pushed = "select k, sum(big * big * big) from partials.t group by k";
    assertThat(plan(pushed)).contains("EnumerableIcebergPartialAggregate");
    SQLException own = catchSqlException("select k, sum(big * big * big) from partials.t where " + NOT_PUSHED + " group by k");
    assertThatThrownBy(() -> query(pushed)).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(own.getSQLState()).isEqualTo("22003"));
  }

  private SQLException catchSqlException(String sql) {
    try {
      query(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no error from " + sql);
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", query("explain plan for " + sql));
  }

  private List<String> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
