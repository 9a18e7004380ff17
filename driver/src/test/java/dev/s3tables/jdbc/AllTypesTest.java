package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.demo.AllTypesTable;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/**
 * demo.all_types through the driver: every value of the expected rows arrives (NULLs, NaN, -0.0,
 * infinities, extremes, non-ASCII), and pushed filters over them keep exactly the rows SQL keeps.
 */
@StandIn(demo = true, shared = true)
class AllTypesTest {
  private final LocalS3Tables s3tables;

  AllTypesTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  private static Map<Long, Record> expected() {
    Map<Long, Record> rows = new HashMap<>();
    for (Record r : AllTypesTable.expectedRows()) {
      rows.put((Long) r.getField("id"), r);
    }
    return rows;
  }

  @Test
  void everyValueArrivesAsWritten() throws SQLException {
    Map<Long, Record> expected = expected();
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select id, col_boolean, col_int, col_long, col_float, col_double, col_decimal_38_10, col_decimal_9_2,"
                + " col_string, col_uuid, col_fixed, col_binary, col_date from demo.all_types")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        Record want = expected.get(rs.getLong("id"));
        assertThat(want).as("row id %s", rs.getLong("id")).isNotNull();
        assertThat(rs.getObject("col_boolean")).isEqualTo(want.getField("col_boolean"));
        assertThat(rs.getObject("col_int")).isEqualTo(want.getField("col_int"));
        assertThat(rs.getObject("col_long")).isEqualTo(want.getField("col_long"));
        assertSameFloat(rs.getObject("col_float"), want.getField("col_float"));
        assertSameFloat(rs.getObject("col_double"), want.getField("col_double"));
        assertThat(rs.getBigDecimal("col_decimal_38_10")).isEqualTo(want.getField("col_decimal_38_10"));
        assertThat(rs.getBigDecimal("col_decimal_9_2")).isEqualTo(want.getField("col_decimal_9_2"));
        assertThat(rs.getString("col_string")).isEqualTo(want.getField("col_string"));
        UUID uuid = (UUID) want.getField("col_uuid");
        assertThat(rs.getString("col_uuid")).isEqualTo(uuid == null ? null : uuid.toString());
        assertThat(rs.getBytes("col_fixed")).isEqualTo(want.getField("col_fixed"));
        ByteBuffer binary = (ByteBuffer) want.getField("col_binary");
        assertThat(rs.getBytes("col_binary")).isEqualTo(binary == null ? null : bytes(binary));
        Object date = want.getField("col_date");
        assertThat(rs.getString("col_date")).isEqualTo(date == null ? null : date.toString());
      }
      assertThat(rows).isEqualTo(expected.size());
    }
  }

  private static void assertSameFloat(Object actual, Object expected) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      // Same bits: NaN equals NaN, and -0.0 differs from 0.0.
      assertThat(Double.doubleToLongBits(((Number) actual).doubleValue()))
          .isEqualTo(Double.doubleToLongBits(((Number) expected).doubleValue()));
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Test
  void pushedFiltersKeepExactlyTheRowsSqlKeepsWithNullsAndNaN() throws SQLException {
    Map<String, Predicate<Record>> cases = new java.util.LinkedHashMap<>();
    cases.put("col_double > 0", r -> d(r) != null && d(r) > 0);
    cases.put("col_double < 0", r -> d(r) != null && d(r) < 0);
    cases.put("col_double <> 0", r -> d(r) != null && d(r) != 0);
    cases.put("col_double = 0", r -> d(r) != null && d(r) == 0);
    // Calcite simplifies NOT(x >= 1) to x < 1 before any pushdown, so NaN is not kept.
    cases.put("not (col_double >= 1)", r -> d(r) != null && d(r) < 1);
    cases.put("col_double is null", r -> d(r) == null);
    cases.put("col_int between -5 and 1000000", r -> i(r) != null && i(r) >= -5 && i(r) <= 1000000);
    cases.put("col_int not in (1, 2, 3)", r -> i(r) != null && i(r) != 1 && i(r) != 2 && i(r) != 3);
    cases.put("col_decimal_9_2 > 0.5 or col_int is null",
        r -> dec(r) != null && dec(r).compareTo(new BigDecimal("0.5")) > 0 || i(r) == null);
    cases.put("col_string like 'Z%'", r -> r.getField("col_string") != null && ((String) r.getField("col_string")).startsWith("Z"));
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
      for (Map.Entry<String, Predicate<Record>> e : cases.entrySet()) {
        List<Long> expected = new ArrayList<>();
        for (Record r : AllTypesTable.expectedRows()) {
          if (e.getValue().test(r)) {
            expected.add((Long) r.getField("id"));
          }
        }
        List<Long> actual = new ArrayList<>();
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select id from demo.all_types where " + e.getKey())) {
          while (rs.next()) {
            actual.add(rs.getLong(1));
          }
        }
        assertThat(actual).as(e.getKey()).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  private static Double d(Record r) {
    return (Double) r.getField("col_double");
  }

  private static Integer i(Record r) {
    return (Integer) r.getField("col_int");
  }

  private static BigDecimal dec(Record r) {
    return (BigDecimal) r.getField("col_decimal_9_2");
  }
}
