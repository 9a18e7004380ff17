package dev.s3tables.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Parameter values for {@code insert into t values (?, ...)} over the primitive columns of the
 * all-types demo table (id, boolean, int, long, float, double, decimal(38,10), decimal(9,2), date,
 * time, timestamp, timestamptz, string, uuid, fixed(16), binary), each set through a JDBC setter
 * an application would use: extremes, NULLs, conversions between types and values that do not fit.
 */
final class BatchValues {
  /** Sets one parameter. */
  @FunctionalInterface
  interface Setter {
    void set(PreparedStatement ps, int index) throws SQLException;
  }

  /** A value for the column at {@code index} (1-based, as in the statement). */
  record Value(String label, int index, Setter setter) {
    @Override
    public String toString() {
      return label;
    }
  }

  static final int COLUMNS = 16;

  /**
   * The values that fail, with their SQLStates; every other one is stored. A value never wraps, is
   * cut or is padded: one that does not fit fails.
   */
  static final Map<String, String> FAILURES = Map.ofEntries(
      Map.entry("id NULL", "23502"),
      Map.entry("int from a long past its range", "22003"),
      Map.entry("int from a long below its range", "22003"),
      Map.entry("int from setObject of a long past its range", "22003"),
      Map.entry("int from a string past its range", "22003"),
      Map.entry("int from a string that is no number", "22018"),
      Map.entry("int from a double past its range", "22003"),
      Map.entry("int from NaN", "22003"),
      Map.entry("date from malformed text", "22007"),
      Map.entry("date from text with a day out of range", "22008"),
      Map.entry("date from an int", "22018"),
      Map.entry("time from text with an hour out of range", "22008"),
      Map.entry("uuid too long", "22001"),
      Map.entry("long from a huge decimal", "22003"),
      Map.entry("long from a string", "22018"),
      Map.entry("float from a huge double", "22003"),
      Map.entry("decimal(38,10) past its precision", "22003"),
      Map.entry("decimal(9,2) past its precision", "22003"),
      Map.entry("decimal(9,2) rounded past its precision", "22003"),
      Map.entry("uuid malformed", "22018"),
      Map.entry("fixed(16) too short", "22001"),
      Map.entry("fixed(16) too long", "22001"),
      Map.entry("binary from a string", "22018"));

  private BatchValues() {}

  static List<Value> all() {
    List<Value> v = new ArrayList<>();
    v.add(new Value("id NULL", 1, (ps, i) -> ps.setNull(i, java.sql.Types.BIGINT)));
    v.add(new Value("id from a string", 1, (ps, i) -> ps.setString(i, "7")));
    v.add(new Value("boolean true", 2, (ps, i) -> ps.setBoolean(i, true)));
    v.add(new Value("boolean from a string", 2, (ps, i) -> ps.setString(i, "true")));
    v.add(new Value("boolean from an int", 2, (ps, i) -> ps.setInt(i, 1)));
    v.add(new Value("int max", 3, (ps, i) -> ps.setInt(i, Integer.MAX_VALUE)));
    v.add(new Value("int min", 3, (ps, i) -> ps.setInt(i, Integer.MIN_VALUE)));
    v.add(new Value("int from a long past its range", 3, (ps, i) -> ps.setLong(i, Integer.MAX_VALUE + 1L)));
    v.add(new Value("int from a long at its max", 3, (ps, i) -> ps.setLong(i, Integer.MAX_VALUE)));
    v.add(new Value("int from a long below its range", 3, (ps, i) -> ps.setLong(i, Integer.MIN_VALUE - 1L)));
    v.add(new Value("int from setObject of a long past its range", 3, (ps, i) -> ps.setObject(i, 1L << 32)));
    v.add(new Value("int from a string past its range", 3, (ps, i) -> ps.setString(i, "2147483648")));
    v.add(new Value("int from a string that is no number", 3, (ps, i) -> ps.setString(i, "abc")));
    v.add(new Value("int from a double past its range", 3, (ps, i) -> ps.setDouble(i, 2147483648.0)));
    v.add(new Value("int from NaN", 3, (ps, i) -> ps.setDouble(i, Double.NaN)));
    v.add(new Value("int from a decimal", 3, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("12.7"))));
    v.add(new Value("int from a double", 3, (ps, i) -> ps.setDouble(i, -3.9)));
    v.add(new Value("int from a string", 3, (ps, i) -> ps.setString(i, "12")));
    v.add(new Value("int from a short", 3, (ps, i) -> ps.setShort(i, (short) -5)));
    v.add(new Value("long max", 4, (ps, i) -> ps.setLong(i, Long.MAX_VALUE)));
    v.add(new Value("long min", 4, (ps, i) -> ps.setLong(i, Long.MIN_VALUE)));
    v.add(new Value("long from a huge decimal", 4, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("1e30"))));
    v.add(new Value("long from an int", 4, (ps, i) -> ps.setInt(i, 42)));
    v.add(new Value("long from a string", 4, (ps, i) -> ps.setString(i, "x")));
    v.add(new Value("long from setObject", 4, (ps, i) -> ps.setObject(i, 9L)));
    v.add(new Value("float NaN", 5, (ps, i) -> ps.setFloat(i, Float.NaN)));
    v.add(new Value("float -infinity", 5, (ps, i) -> ps.setFloat(i, Float.NEGATIVE_INFINITY)));
    v.add(new Value("float from a huge double", 5, (ps, i) -> ps.setDouble(i, 1e300)));
    v.add(new Value("float min", 5, (ps, i) -> ps.setFloat(i, Float.MIN_VALUE)));
    v.add(new Value("double infinity", 6, (ps, i) -> ps.setDouble(i, Double.POSITIVE_INFINITY)));
    v.add(new Value("double min", 6, (ps, i) -> ps.setDouble(i, Double.MIN_VALUE)));
    v.add(new Value("double -0", 6, (ps, i) -> ps.setDouble(i, -0.0)));
    v.add(new Value("double from a decimal", 6, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("0.1"))));
    v.add(new Value("decimal(38,10) max", 7, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("9999999999999999999999999999.9999999999"))));
    v.add(new Value("decimal(38,10) past its precision", 7, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("99999999999999999999999999999"))));
    v.add(new Value("decimal(38,10) rounded", 7, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("1.123456789012345"))));
    v.add(new Value("decimal(38,10) from a long", 7, (ps, i) -> ps.setLong(i, -123)));
    v.add(new Value("decimal(38,10) from a double", 7, (ps, i) -> ps.setDouble(i, 0.1)));
    v.add(new Value("decimal(9,2) max", 8, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("9999999.99"))));
    v.add(new Value("decimal(9,2) past its precision", 8, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("12345678.9"))));
    v.add(new Value("decimal(9,2) rounded up", 8, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("1.005"))));
    v.add(new Value("decimal(9,2) rounded past its precision", 8, (ps, i) -> ps.setBigDecimal(i, new BigDecimal("9999999.995"))));
    v.add(new Value("decimal(9,2) from a string", 8, (ps, i) -> ps.setString(i, "1.5")));
    v.add(new Value("date first", 9, (ps, i) -> ps.setDate(i, Date.valueOf("0001-01-01"))));
    v.add(new Value("date last", 9, (ps, i) -> ps.setDate(i, Date.valueOf("9999-12-31"))));
    v.add(new Value("date before 1970", 9, (ps, i) -> ps.setDate(i, Date.valueOf("1969-12-31"))));
    v.add(new Value("date with a calendar", 9, (ps, i) -> ps.setDate(i, Date.valueOf("2024-02-29"), utcPlus(14))));
    v.add(new Value("date from a LocalDate", 9, (ps, i) -> ps.setObject(i, LocalDate.of(2024, 2, 29))));
    v.add(new Value("date from a timestamp", 9, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2024-02-29 23:30:00"))));
    v.add(new Value("date from a LocalDateTime", 9, (ps, i) -> ps.setObject(i, LocalDateTime.of(1969, 12, 31, 23, 59))));
    v.add(new Value("date from malformed text", 9, (ps, i) -> ps.setString(i, "29.02.2024")));
    v.add(new Value("date from text with a day out of range", 9, (ps, i) -> ps.setString(i, "2023-02-29")));
    v.add(new Value("date from an int", 9, (ps, i) -> ps.setInt(i, 20240229)));
    v.add(new Value("date from a string", 9, (ps, i) -> ps.setString(i, "2024-02-29")));
    v.add(new Value("time last", 10, (ps, i) -> ps.setTime(i, Time.valueOf("23:59:59"))));
    v.add(new Value("time from a LocalTime", 10, (ps, i) -> ps.setObject(i, LocalTime.of(12, 34, 56, 789_000_000))));
    v.add(new Value("time from text with an hour out of range", 10, (ps, i) -> ps.setString(i, "24:00:00")));
    v.add(new Value("time from a string", 10, (ps, i) -> ps.setString(i, "12:00:00")));
    v.add(new Value("timestamp with nanos", 11, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2024-02-29 12:34:56.123456789"))));
    v.add(new Value("timestamp before 1970", 11, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("1969-12-31 23:59:59.999"))));
    v.add(new Value("timestamp with a calendar", 11, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2024-01-01 00:00:00"), utcPlus(-8))));
    v.add(new Value("timestamp from a LocalDateTime", 11, (ps, i) -> ps.setObject(i, LocalDateTime.of(2024, 2, 29, 1, 2, 3))));
    v.add(new Value("timestamp from an OffsetDateTime", 11, (ps, i) -> ps.setObject(i, OffsetDateTime.parse("2024-02-29T01:02:03.456+05:00"))));
    v.add(new Value("timestamp from a LocalDate", 11, (ps, i) -> ps.setObject(i, LocalDate.of(1969, 12, 31))));
    v.add(new Value("timestamp from text with a T", 11, (ps, i) -> ps.setString(i, "1969-12-31T23:59:59.999")));
    v.add(new Value("timestamp from a date", 11, (ps, i) -> ps.setDate(i, Date.valueOf("2024-02-29"))));
    v.add(new Value("timestamp from a string", 11, (ps, i) -> ps.setString(i, "2024-02-29 01:02:03")));
    v.add(new Value("timestamptz", 12, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2024-02-29 12:34:56.5"))));
    v.add(new Value("timestamptz with a calendar", 12, (ps, i) -> ps.setTimestamp(i, Timestamp.valueOf("2024-06-01 00:00:00"), utcPlus(5))));
    v.add(new Value("timestamptz from a LocalDateTime", 12, (ps, i) -> ps.setObject(i, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 500_000_000))));
    v.add(new Value("timestamptz from an OffsetDateTime", 12, (ps, i) -> ps.setObject(i, OffsetDateTime.parse("2024-06-01T00:00:00-08:00"))));
    v.add(new Value("timestamptz from an Instant", 12, (ps, i) -> ps.setObject(i, Instant.parse("1969-12-31T23:59:59.999Z"))));
    v.add(new Value("string empty", 13, (ps, i) -> ps.setString(i, "")));
    v.add(new Value("string non-ASCII", 13, (ps, i) -> ps.setString(i, "Grüße, 世界 \uD83D\uDE00")));
    v.add(new Value("string long", 13, (ps, i) -> ps.setString(i, "x".repeat(100_000))));
    v.add(new Value("string from an int", 13, (ps, i) -> ps.setInt(i, 5)));
    v.add(new Value("uuid", 14, (ps, i) -> ps.setString(i, "123e4567-e89b-12d3-a456-426614174000")));
    v.add(new Value("uuid from a UUID", 14, (ps, i) -> ps.setObject(i, UUID.fromString("00000000-0000-0000-0000-000000000001"))));
    v.add(new Value("uuid too long", 14, (ps, i) -> ps.setString(i, "123e4567-e89b-12d3-a456-426614174000ffff")));
    v.add(new Value("uuid malformed", 14, (ps, i) -> ps.setString(i, "not-a-uuid")));
    v.add(new Value("fixed(16)", 15, (ps, i) -> ps.setBytes(i, bytes(16))));
    v.add(new Value("fixed(16) too short", 15, (ps, i) -> ps.setBytes(i, bytes(3))));
    v.add(new Value("fixed(16) too long", 15, (ps, i) -> ps.setBytes(i, bytes(17))));
    v.add(new Value("binary empty", 16, (ps, i) -> ps.setBytes(i, new byte[0])));
    v.add(new Value("binary", 16, (ps, i) -> ps.setBytes(i, bytes(1000))));
    v.add(new Value("binary from a string", 16, (ps, i) -> ps.setString(i, "abc")));
    for (int column = 2; column <= COLUMNS; column++) {
      v.add(new Value("NULL in column " + column, column, (ps, i) -> ps.setNull(i, ps.getParameterMetaData().getParameterType(i))));
    }
    return v;
  }

  private static Calendar utcPlus(int hours) {
    return Calendar.getInstance(TimeZone.getTimeZone(hours < 0 ? "GMT" + hours : "GMT+" + hours));
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 - 128);
    }
    return bytes;
  }
}
