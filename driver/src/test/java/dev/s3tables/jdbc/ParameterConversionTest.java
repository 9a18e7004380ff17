package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parameters set with java.time values, text and numbers of another type, in INSERT, SELECT
 * ... WHERE, DELETE and UPDATE: converted as SQL assigns a value to the parameter's type, exactly
 * at the type's limits, and failing with 22003, 22018, 22007 or 22008 rather than storing or
 * matching a wrapped value.
 */
@StandIn(demo = true)
class ParameterConversionTest {
  private static final String COLUMNS = "id, num, dt, tm, ts, tsz, amount";

  private final DmlTables tables;
  private final String name;

  ParameterConversionTest(LocalS3Tables s3tables) {
    this.tables = new DmlTables(s3tables, "params");
    this.name = "params.t" + Long.toHexString(System.nanoTime());
  }

  @BeforeEach
  void table() throws SQLException {
    tables.run("create table " + name + " (id int not null, num int, dt date, tm time, ts timestamp,"
        + " tsz timestamp with local time zone, amount decimal(9, 2))");
  }

  @Test
  void javaTimeValuesAreStoredExactlyAndReadBackAsJavaTime() throws SQLException {
    try (Connection c = tables.connect();
        PreparedStatement ps = c.prepareStatement("insert into " + name + " (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, 1);
      ps.setLong(2, Integer.MAX_VALUE);
      ps.setObject(3, LocalDate.of(1969, 12, 31));
      ps.setObject(4, LocalTime.of(23, 59, 59, 999_999_999));
      ps.setObject(5, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
      ps.setObject(6, OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.ofHours(2)));
      ps.setString(7, " -1.005 ");
      assertThat(ps.executeUpdate()).isEqualTo(1);
      ps.setInt(1, 2);
      ps.setString(2, "-2147483648");
      ps.setString(3, "2024-02-29");
      ps.setString(4, "00:00:00.001");
      ps.setString(5, "2024-02-29 01:02:03.456789");
      ps.setObject(6, Instant.parse("1970-01-01T00:00:00Z"));
      ps.setDouble(7, 0.1);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    // Sub-millisecond digits are dropped (TIME(3), TIMESTAMP(3)); decimals round half up to their scale.
    assertThat(tables.oracle(name.substring("params.".length()), "id", "num", "dt", "tm", "ts", "tsz", "amount"))
        .containsExactlyInAnyOrder(
            "1|2147483647|1969-12-31|23:59:59.999|1969-12-31T23:59:59.999|2024-02-29T10:34:56.789Z|-1.01",
            "2|-2147483648|2024-02-29|00:00:00.001|2024-02-29T01:02:03.456|1970-01-01T00:00Z|0.10");
    try (Connection c = tables.connect();
        ResultSet rs = c.createStatement().executeQuery("select dt, tm, ts from " + name + " where id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1969, 12, 31));
      assertThat(rs.getObject(2, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 59, 999_000_000));
      assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
    }
  }

  @Test
  void javaTimeValuesAndTextSelectDeleteAndUpdateTheRowsTheyName() throws SQLException {
    tables.run("insert into " + name + " (" + COLUMNS + ") values"
        + " (1, -2147483648, date '2024-02-29', time '12:00:00', timestamp '2024-02-29 01:02:03.456',"
        + " cast(timestamp '2024-06-01 08:00:00' as timestamp with local time zone), 1.50),"
        + " (2, 12, date '1969-12-31', time '00:00:00', timestamp '1969-12-31 23:59:59.999', null, 2.00),"
        + " (3, 3, date '2000-01-01', null, null, null, null)");
    assertThat(ids("dt = ?", LocalDate.of(2024, 2, 29))).containsExactly(1);
    assertThat(ids("dt = ?", "1969-12-31")).containsExactly(2);
    assertThat(ids("dt <= ?", LocalDateTime.of(2000, 1, 1, 12, 0))).containsExactly(2, 3);
    assertThat(ids("tm = ?", LocalTime.NOON)).containsExactly(1);
    assertThat(ids("ts = ?", LocalDateTime.of(2024, 2, 29, 1, 2, 3, 456_000_000))).containsExactly(1);
    assertThat(ids("ts = ?", "1969-12-31 23:59:59.999")).containsExactly(2);
    assertThat(ids("tsz = ?", OffsetDateTime.parse("2024-06-01T10:00:00+02:00"))).containsExactly(1);
    assertThat(ids("tsz = ?", Instant.parse("2024-06-01T08:00:00Z"))).containsExactly(1);
    assertThat(ids("num = ?", "12")).containsExactly(2);
    assertThat(ids("num = ?", (long) Integer.MIN_VALUE)).containsExactly(1);
    assertThat(ids("amount = ?", "1.5")).containsExactly(1);
    try (Connection c = tables.connect()) {
      try (PreparedStatement update = c.prepareStatement("update " + name + " set ts = ?, tm = ? where dt = ?")) {
        update.setObject(1, LocalDateTime.of(2001, 2, 3, 4, 5, 6));
        update.setString(2, "13:14:15");
        update.setObject(3, LocalDate.of(2000, 1, 1));
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement delete = c.prepareStatement("delete from " + name + " where ts < ?")) {
        delete.setObject(1, LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(delete.executeUpdate()).isEqualTo(1);
      }
    }
    assertThat(tables.oracle(name.substring("params.".length()), "id", "tm", "ts"))
        .containsExactlyInAnyOrder("1|12:00|2024-02-29T01:02:03.456", "3|13:14:15|2001-02-03T04:05:06");
  }

  /** A value past the parameter's type fails; before, it wrapped and could match another row. */
  @Test
  void valuesThatDoNotFitTheParameterFailInsteadOfMatchingAWrappedValue() throws SQLException {
    tables.run("insert into " + name + " (id, num) values (1, -2147483648)");
    assertState("num = ?", (long) Integer.MAX_VALUE + 1, "22003");
    assertState("num = ?", 1L << 32, "22003");
    assertState("num = ?", new BigDecimal("1e30"), "22003");
    assertState("num = ?", "abc", "22018");
    assertState("dt = ?", "2024-13-01", "22008");
    assertState("dt = ?", "yesterday", "22007");
    assertState("ts = ?", "2024-02-29 25:00:00", "22008");
    assertState("dt = ?", 20240229, "22018");
    assertState("amount = ?", new BigDecimal("10000000"), "22003");
    assertState("amount = ?", Double.NaN, "22003");
    assertThat(ids("num = ?", (long) Integer.MAX_VALUE)).isEmpty();
    try (Connection c = tables.connect();
        PreparedStatement ps = c.prepareStatement("insert into " + name + " (id, num) values (?, ?)")) {
      ps.setInt(1, 2);
      ps.setLong(2, Integer.MIN_VALUE - 1L);
      assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("22003");
        assertThat(e.getMessage()).contains("Value -2147483649 is out of range for parameter 2 of type INTEGER");
      });
    }
    assertThat(tables.oracle(name.substring("params.".length()), "id", "num")).containsExactly("1|-2147483648");
  }

  /**
   * setObject with a target type (and a scale) converts exactly or fails as setObject without one
   * does; nothing wraps, and the four-argument form sets the value.
   */
  @Test
  void setObjectWithATargetTypeNeverWraps() throws SQLException {
    tables.run("insert into " + name + " (id, num) values (1, 44), (2, 300), (3, 2147483647)");
    try (Connection c = tables.connect();
        PreparedStatement ps = c.prepareStatement("select id from " + name + " where num = ? order by id")) {
      ps.setObject(1, 300, Types.INTEGER);
      assertThat(ids(ps)).containsExactly(2);
      ps.setObject(1, " 300 ", Types.INTEGER);
      assertThat(ids(ps)).containsExactly(2);
      ps.setObject(1, new BigDecimal("300.9"), Types.INTEGER);
      assertThat(ids(ps)).containsExactly(2);
      ps.setObject(1, 2147483647L, Types.INTEGER, 0);
      assertThat(ids(ps)).containsExactly(3);
      ps.setObject(1, 44, Types.TINYINT);
      assertThat(ids(ps)).containsExactly(1);
      ps.setObject(1, "299.5", Types.DECIMAL, 0);
      assertThat(ids(ps)).containsExactly(2);
      for (Object[] wrapped : new Object[][] {
          {300, Types.TINYINT, "22003"}, {70_000, Types.SMALLINT, "22003"}, {1L << 32, Types.INTEGER, "22003"},
          {new BigDecimal("1e19"), Types.BIGINT, "22003"}, {Double.NaN, Types.INTEGER, "22003"},
          {1e300, Types.REAL, "22003"}, {"forty-four", Types.TINYINT, "22018"}}) {
        assertThatThrownBy(() -> ps.setObject(1, wrapped[0], (Integer) wrapped[1]))
            .as("%s as type %s", wrapped[0], wrapped[1])
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(wrapped[2]));
      }
    }
  }

  private static List<Integer> ids(PreparedStatement ps) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private List<Integer> ids(String where, Object value) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c = tables.connect();
        PreparedStatement ps = c.prepareStatement("select id from " + name + " where " + where + " order by id")) {
      ps.setObject(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getInt(1));
        }
      }
    }
    return ids;
  }

  private void assertState(String where, Object value, String sqlState) {
    assertThatThrownBy(() -> ids(where, value)).as(where + " with " + value)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
  }
}
