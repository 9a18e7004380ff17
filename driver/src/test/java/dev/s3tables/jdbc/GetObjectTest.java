package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * getObject gives JDBC's class for each SQL type, equal to what the typed getters give, NULL as
 * null. DATE columns, through getObject and getDate, by index and by label, give the java.sql.Date
 * of the day at the JVM zone's midnight, for thousands of distinct days, days that are whole
 * multiples of the driver's remembered days apart, and NULL.
 */
@StandIn(demo = true, shared = true)
class GetObjectTest {
  private final LocalS3Tables s3tables;

  GetObjectTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void eachTypeHasJdbcsClassAndTheTypedGettersValue() throws SQLException {
    String sql = "select l_orderkey, l_linenumber, l_extendedprice, cast(l_discount as double), l_comment,"
        + " l_returnflag, l_quantity > 20, cast(l_linenumber as smallint), cast(l_tax as real),"
        + " case when l_linenumber = 1 then null else l_partkey end from tpch.lineitem where l_orderkey < 200";
    int rows = 0;
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
        assertThat(rs.getObject(1)).isEqualTo(rs.getLong(1));
        assertThat(rs.getObject(2)).isEqualTo(rs.getInt(2));
        assertThat(rs.getObject(3)).isEqualTo(rs.getBigDecimal(3));
        assertThat(rs.getObject(4)).isEqualTo(rs.getDouble(4));
        assertThat(rs.getObject(5)).isEqualTo(rs.getString(5));
        // CHAR(1): Avatica's padded string.
        assertThat(rs.getObject(6)).isEqualTo(rs.getString(6)).asString().hasSize(1);
        assertThat(rs.getObject(7)).isEqualTo(rs.getBoolean(7));
        assertThat(rs.getObject(8)).isEqualTo(rs.getShort(8));
        assertThat(rs.getObject(9)).isEqualTo(rs.getFloat(9));
        Object partkey = rs.getObject(10);
        boolean wasNull = rs.wasNull();
        if (rs.getInt(2) == 1) {
          assertThat(partkey).isNull();
          assertThat(wasNull).isTrue();
        } else {
          assertThat(partkey).isEqualTo(rs.getLong(10));
        }
      }
    }
    assertThat(rows).isGreaterThan(100);
  }

  @Test
  void datesAreTheDaysAtMidnightWhateverTheOrderTheyComeIn() throws SQLException {
    String sql = "select l_shipdate, l_shipdate + interval '4096' day as later, l_commitdate - interval '8192' day,"
        + " case when l_linenumber = 1 then null else l_receiptdate end as receipt from tpch.lineitem";
    int rows = 0;
    int nulls = 0;
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
        for (int column = 1; column <= 4; column++) {
          LocalDate day = rs.getObject(column, LocalDate.class);
          Object value = rs.getObject(column);
          if (day == null) {
            nulls++;
            assertThat(value).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getDate(column)).isNull();
            continue;
          }
          assertThat(value).as("column %d, row %d", column, rows).isEqualTo(Date.valueOf(day));
          assertThat(rs.getDate(column)).isEqualTo(value).isNotSameAs(value);
        }
        assertThat(rs.getObject("later")).isEqualTo(rs.getObject(2));
        assertThat(rs.getDate("receipt")).isEqualTo(rs.getDate(4));
        assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(rs.getObject(1, LocalDate.class).plusDays(4096));
      }
    }
    assertThat(rows).isGreaterThan(1000);
    assertThat(nulls).isGreaterThan(0);
  }
}
