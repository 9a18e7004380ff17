package dev.s3tables.calcite.types;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.types.TypesTestSupport.EnumerableRecordsTable;
import dev.s3tables.calcite.types.TypesTestSupport.ScannableRecordsTable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.BinaryType;
import org.apache.iceberg.types.Types.BooleanType;
import org.apache.iceberg.types.Types.DateType;
import org.apache.iceberg.types.Types.DecimalType;
import org.apache.iceberg.types.Types.DoubleType;
import org.apache.iceberg.types.Types.FixedType;
import org.apache.iceberg.types.Types.FloatType;
import org.apache.iceberg.types.Types.IntegerType;
import org.apache.iceberg.types.Types.ListType;
import org.apache.iceberg.types.Types.LongType;
import org.apache.iceberg.types.Types.MapType;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.types.Types.StringType;
import org.apache.iceberg.types.Types.StructType;
import org.apache.iceberg.types.Types.TimeType;
import org.apache.iceberg.types.Types.TimestampNanoType;
import org.apache.iceberg.types.Types.TimestampType;
import org.apache.iceberg.types.Types.UUIDType;
import org.junit.jupiter.api.Test;

/**
 * Every Iceberg type from Iceberg generic values through {@link RowConverter}, a table, Calcite
 * 1.42 and its JDBC driver, read back with getObject and the typed getters. Where JDBC cannot
 * return the Iceberg value exactly, the expected value says what comes back instead (sub-millisecond
 * digits truncated, timestamptz as UTC wall clock, map values in Calcite's internal form).
 */
class IcebergJdbcRoundTripTest {

  private static final StructType INNER = StructType.of(
      optional(40, "ts", TimestampType.withoutZone()));
  private static final StructType ST = StructType.of(
      required(41, "a", IntegerType.get()),
      optional(42, "Name", StringType.get()),
      optional(43, "d", DateType.get()),
      optional(44, "inner", INNER));
  private static final StructType ELEM = StructType.of(
      required(50, "x", IntegerType.get()),
      optional(51, "at", TimestampType.withZone()));

  private static final List<NestedField> BASE_FIELDS = List.of(
      required(1, "id", IntegerType.get()),
      optional(2, "b", BooleanType.get()),
      optional(3, "i", IntegerType.get()),
      optional(4, "l", LongType.get()),
      optional(5, "f", FloatType.get()),
      optional(6, "d", DoubleType.get()),
      optional(7, "dec", DecimalType.of(38, 10)),
      required(8, "dec2", DecimalType.of(9, 2)),
      optional(9, "dt", DateType.get()),
      optional(10, "tm", TimeType.get()),
      optional(11, "ts", TimestampType.withoutZone()),
      optional(12, "tstz", TimestampType.withZone()),
      optional(13, "tsn", TimestampNanoType.withoutZone()),
      optional(14, "s", StringType.get()),
      optional(15, "u", UUIDType.get()),
      optional(16, "fx", FixedType.ofLength(4)),
      optional(17, "bin", BinaryType.get()),
      optional(18, "st", ST),
      optional(19, "dates", ListType.ofOptional(30, DateType.get())),
      optional(20, "ints", ListType.ofRequired(31, IntegerType.get())),
      optional(21, "mp", MapType.ofOptional(32, 33, StringType.get(), DateType.get())),
      optional(22, "mi", MapType.ofRequired(34, 35, StringType.get(), LongType.get())));
  static final Schema BASE = new Schema(BASE_FIELDS);
  /** Adds list of struct, which only a table with its own scan rel can serve. */
  static final Schema FULL = new Schema(concat(BASE_FIELDS,
      optional(23, "ls", ListType.ofOptional(36, ELEM))));

  static final UUID UUID1 = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  private static List<NestedField> concat(List<NestedField> a, NestedField b) {
    final List<NestedField> l = new ArrayList<>(a);
    l.add(b);
    return l;
  }

  private static Record struct(StructType type, Object... values) {
    final Record r = GenericRecord.create(type);
    for (int i = 0; i < values.length; i++) {
      r.set(i, values[i]);
    }
    return r;
  }

  private static Map<String, Object> map(Object... kv) {
    final Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Iceberg values per row, by column name; absent means NULL. */
  static List<Map<String, Object>> rows() {
    final List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(map("id", 1, "b", true, "i", 42, "l", 1L << 40, "f", 1.5f, "d", Math.PI,
        "dec", new BigDecimal("12345678901234567890.1234567890"),
        "dec2", new BigDecimal("-12.34"),
        "dt", LocalDate.of(2022, 1, 8),
        "tm", LocalTime.parse("01:02:03.123456"),
        "ts", LocalDateTime.parse("2023-11-14T22:13:20.123456"),
        "tstz", OffsetDateTime.parse("2023-11-14T22:13:20.123456Z"),
        "tsn", LocalDateTime.parse("2023-11-14T22:13:20.123456789"),
        "s", "h\u00e9llo \u2713 \uD83D\uDE00",
        "u", UUID1,
        "fx", new byte[] {1, 2, 3, 4},
        "bin", ByteBuffer.wrap(new byte[] {0, (byte) 0xff}),
        "st", struct(ST, 7, "x", LocalDate.of(1999, 12, 31),
            struct(INNER, LocalDateTime.parse("2000-01-01T00:00:00.5"))),
        "dates", Arrays.asList(LocalDate.of(2022, 1, 8), null, LocalDate.of(1, 1, 1)),
        "ints", List.of(1, 2, 3),
        "mp", map("k", LocalDate.of(2022, 1, 8), "n", null),
        "mi", map("a", 1L),
        "ls", List.of(struct(ELEM, 1, OffsetDateTime.parse("2020-02-29T12:00:00.000999Z")),
            struct(ELEM, 2, null))));
    rows.add(map("id", 2, "b", false, "i", Integer.MIN_VALUE, "l", Long.MIN_VALUE,
        "f", -0.0f, "d", Double.NaN,
        "dec", new BigDecimal("-9999999999999999999999999999.9999999999"),
        "dec2", new BigDecimal("0.00"),
        "dt", LocalDate.of(1, 1, 1),
        "tm", LocalTime.MIDNIGHT,
        "ts", LocalDateTime.parse("0001-01-01T00:00:00"),
        "tstz", OffsetDateTime.parse("0001-01-01T00:00:00Z"),
        "tsn", LocalDateTime.parse("1970-01-01T00:00:00.000000001"),
        "s", "",
        "u", new UUID(0, 0),
        "fx", new byte[4],
        "bin", ByteBuffer.allocate(0),
        "st", struct(ST, 0, null, null, null),
        "dates", List.of(), "ints", List.of(), "mp", map(), "mi", map(),
        "ls", List.of()));
    rows.add(map("id", 3, "i", Integer.MAX_VALUE, "l", Long.MAX_VALUE,
        "f", Float.POSITIVE_INFINITY, "d", Double.NEGATIVE_INFINITY,
        "dec", new BigDecimal("9999999999999999999999999999.9999999999"),
        "dec2", new BigDecimal("9999999.99"),
        "dt", LocalDate.of(9999, 12, 31),
        "tm", LocalTime.parse("23:59:59.999999"),
        "ts", LocalDateTime.parse("9999-12-31T23:59:59.999999"),
        "tstz", OffsetDateTime.parse("9999-12-31T23:59:59.999999Z"),
        "tsn", LocalDateTime.parse("2262-04-11T23:47:16.854775807"),
        "s", "x".repeat(10_000),
        "u", new UUID(-1, -1),
        "fx", new byte[] {-1, -1, -1, -1},
        "bin", ByteBuffer.wrap(new byte[1000])));
    rows.add(map("id", 4, "f", Float.MIN_VALUE, "d", Double.MIN_VALUE,
        "dec", new BigDecimal("0.0000000001"),
        "dec2", new BigDecimal("-0.01"),
        "dt", LocalDate.of(1582, 10, 10),
        "tm", LocalTime.NOON,
        "ts", LocalDateTime.parse("1969-12-31T23:59:59.999999"),
        "tstz", OffsetDateTime.parse("1969-12-31T15:59:59.999999-08:00"),
        "tsn", LocalDateTime.parse("1969-12-31T23:59:59.999999999"),
        "dates", Arrays.asList((LocalDate) null),
        "mp", map("only-null", null)));
    rows.add(map("id", 5, "dec2", new BigDecimal("1.00")));
    return rows;
  }

  static List<Record> records(Schema schema) {
    final List<Record> records = new ArrayList<>();
    for (Map<String, Object> row : rows()) {
      final Record r = GenericRecord.create(schema);
      row.forEach((k, v) -> {
        if (schema.findField(k) != null) {
          r.setField(k, v);
        }
      });
      records.add(r);
    }
    return records;
  }

  @Test void scannableTableRoundTrip() throws Exception {
    roundTrip(BASE, new ScannableRecordsTable(BASE, records(BASE)));
  }

  @Test void ownScanRelRoundTripIncludingListOfStruct() throws Exception {
    roundTrip(FULL, new EnumerableRecordsTable(FULL, records(FULL)));
  }

  private void roundTrip(Schema schema, org.apache.calcite.schema.Table table) throws Exception {
    final List<Map<String, Object>> expectedRows = rows();
    try (Connection c = TypesTestSupport.connect(Map.of("t", table));
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from s.t order by id")) {
      final ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(schema.columns().size());
      int n = 0;
      while (rs.next()) {
        final Map<String, Object> expected = expectedRows.get(n++);
        final List<NestedField> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
          assertColumn(rs, i + 1, columns.get(i), expected.get(columns.get(i).name()));
        }
      }
      assertThat(n).isEqualTo(expectedRows.size());
    }
  }

  // ---- expected JDBC behaviour per Iceberg type ----------------------------------------------

  private static final DateTimeFormatter TS_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME_TEXT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /**
   * What java.sql.Date can show of an Iceberg (proleptic Gregorian) date: the same year, month
   * and day, except for the ten days 1582-10-05..14 that the Julian/Gregorian calendar of
   * java.sql.Date skips; those come back ten days later. getString has them right.
   */
  static LocalDate sqlDateView(LocalDate d) {
    if (!d.isBefore(LocalDate.of(1582, 10, 5)) && !d.isAfter(LocalDate.of(1582, 10, 14))) {
      return d.plusDays(10);
    }
    return d;
  }

  /** Wall clock of a timestamp, floored to millis. */
  private static LocalDateTime floorMillis(LocalDateTime t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }

  /** UTC wall clock of a timestamptz, floored to millis (what JDBC shows). */
  private static LocalDateTime utcWallClock(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        .truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Checks one value through getObject(int), the typed getters and getString. getObject(String)
   * is a different code path in Avatica (the accessor's raw getObject): it agrees for every type
   * except BINARY (ByteString instead of byte[]) and ARRAY (a List instead of java.sql.Array).
   */
  private static void assertColumn(ResultSet rs, int col, NestedField field, Object v)
      throws SQLException {
    final String label = field.name();
    final String what = "row id=" + rs.getInt("id") + " column " + label;
    if (v == null) {
      assertThat(rs.getObject(col)).as(what).isNull();
      assertThat(rs.wasNull()).as(what).isTrue();
      assertThat(rs.getObject(label)).as(what).isNull();
      assertThat(rs.getString(col)).as(what).isNull();
      return;
    }
    final Type type = field.type();
    switch (type.typeId()) {
    case FIXED:
    case BINARY:
    case LIST:
    case STRUCT:
    case MAP:
      break; // checked below
    default:
      assertThat(rs.getObject(label)).as(what + " by label").isEqualTo(rs.getObject(col));
    }
    switch (type.typeId()) {
    case BOOLEAN:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(rs.getBoolean(col)).as(what).isEqualTo(v);
      break;
    case INTEGER:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(rs.getInt(col)).as(what).isEqualTo(v);
      assertThat(rs.getString(col)).as(what).isEqualTo(v.toString());
      break;
    case LONG:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(rs.getLong(col)).as(what).isEqualTo(v);
      break;
    case FLOAT:
      // Float.equals distinguishes -0.0 and matches NaN
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(Float.valueOf(rs.getFloat(col))).as(what).isEqualTo(v);
      assertThat(rs.getString(col)).as(what).isEqualTo(v.toString());
      break;
    case DOUBLE:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(Double.valueOf(rs.getDouble(col))).as(what).isEqualTo(v);
      assertThat(rs.getString(col)).as(what).isEqualTo(v.toString());
      break;
    case DECIMAL:
      // equals() also compares the scale
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(rs.getBigDecimal(col)).as(what).isEqualTo(v);
      assertThat(rs.getString(col)).as(what).isEqualTo(v.toString());
      break;
    case DATE: {
      final LocalDate d = (LocalDate) v;
      final LocalDate viaSqlDate = sqlDateView(d);
      assertThat(rs.getObject(col)).as(what).isInstanceOf(java.sql.Date.class);
      assertThat(((java.sql.Date) rs.getObject(col)).toLocalDate()).as(what)
          .isEqualTo(viaSqlDate);
      assertThat(rs.getDate(col).toLocalDate()).as(what).isEqualTo(viaSqlDate);
      assertThat(rs.getString(col)).as(what).isEqualTo(d.toString());
      break;
    }
    case TIME: {
      final LocalTime t = ((LocalTime) v).truncatedTo(ChronoUnit.MILLIS);
      assertThat(rs.getObject(col)).as(what).isInstanceOf(java.sql.Time.class);
      // java.sql.Time.toLocalTime() has whole seconds only; the millis show through
      // getTimestamp and getString
      assertThat(rs.getTime(col).toLocalTime()).as(what)
          .isEqualTo(t.truncatedTo(ChronoUnit.SECONDS));
      assertThat(rs.getTimestamp(col).toLocalDateTime()).as(what)
          .isEqualTo(LocalDate.EPOCH.atTime(t));
      assertThat(rs.getString(col)).as(what).isEqualTo(TIME_TEXT.format(t));
      break;
    }
    case TIMESTAMP:
    case TIMESTAMP_NANO: {
      final LocalDateTime expected = v instanceof OffsetDateTime
          ? utcWallClock((OffsetDateTime) v)
          : floorMillis((LocalDateTime) v);
      final Timestamp ts = rs.getTimestamp(col);
      assertThat(ts.toLocalDateTime()).as(what).isEqualTo(expected);
      assertThat(ts.getNanos()).as(what + ": sub-millisecond digits are lost")
          .isEqualTo(expected.getNano());
      assertThat(((Timestamp) rs.getObject(col)).toLocalDateTime()).as(what).isEqualTo(expected);
      assertThat(rs.getString(col)).as(what).isEqualTo(TS_TEXT.format(expected));
      break;
    }
    case STRING:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v);
      assertThat(rs.getString(col)).as(what).isEqualTo(v);
      break;
    case UUID:
      assertThat(rs.getObject(col)).as(what).isEqualTo(v.toString());
      assertThat(rs.getString(col)).as(what).isEqualTo(v.toString());
      break;
    case FIXED:
    case BINARY: {
      final byte[] bytes = v instanceof ByteBuffer ? bytes((ByteBuffer) v) : (byte[]) v;
      assertThat(rs.getBytes(col)).as(what).isEqualTo(bytes);
      assertThat((byte[]) rs.getObject(col)).as(what).isEqualTo(bytes);
      assertThat(rs.getObject(label)).as(what)
          .isEqualTo(new org.apache.calcite.avatica.util.ByteString(bytes));
      assertThat(rs.getString(col)).as(what).isEqualTo(HexFormat.of().formatHex(bytes));
      break;
    }
    case STRUCT:
      assertThat(rs.getObject(col)).as(what).isInstanceOf(Struct.class);
      assertNested(what, type, v, rs.getObject(col));
      assertNested(what, type, v, rs.getObject(label));
      break;
    case LIST: {
      final Array array = rs.getArray(col);
      assertThat(rs.getObject(col)).as(what).isInstanceOf(Array.class);
      assertThat(rs.getObject(label)).as(what).isInstanceOf(List.class);
      final Object elements = array.getArray();
      final List<?> in = (List<?>) v;
      if (elements instanceof int[]) {
        // list<required int>: a primitive array
        assertThat((int[]) elements).as(what)
            .containsExactly(in.stream().mapToInt(x -> (Integer) x).toArray());
      } else {
        final Object[] out = (Object[]) elements;
        assertThat(out).as(what).hasSameSizeAs(in.toArray());
        for (int i = 0; i < out.length; i++) {
          assertNested(what + "[" + i + "]", type.asListType().elementType(), in.get(i), out[i]);
        }
      }
      break;
    }
    case MAP: {
      // Avatica hands MAP columns out as the raw Map: values stay in Calcite's internal
      // representation (DATE as Integer days).
      final Map<?, ?> in = (Map<?, ?>) v;
      final Map<Object, Object> internal = new LinkedHashMap<>();
      final ValueConverter vc = RowConverter.valueConverter(label,
          type.asMapType().valueType(), UnsupportedTypePolicy.FAIL);
      in.forEach((k, x) -> internal.put(k, x == null ? null : vc.convert(x)));
      assertThat(rs.getObject(col)).as(what).isEqualTo(internal);
      assertThat(rs.getObject(label)).as(what).isEqualTo(internal);
      break;
    }
    default:
      throw new AssertionError(type.toString());
    }
  }

  /** Values nested in ROW and ARRAY come out as the top-level JDBC objects would. */
  private static void assertNested(String what, Type type, Object v, Object jdbc)
      throws SQLException {
    if (v == null) {
      assertThat(jdbc).as(what).isNull();
      return;
    }
    switch (type.typeId()) {
    case STRUCT: {
      final Object[] attrs = ((Struct) jdbc).getAttributes();
      final List<NestedField> fields = type.asStructType().fields();
      assertThat(attrs).as(what).hasSize(fields.size());
      for (int i = 0; i < attrs.length; i++) {
        assertNested(what + "." + fields.get(i).name(), fields.get(i).type(),
            ((StructLike) v).get(i, Object.class), attrs[i]);
      }
      break;
    }
    case DATE:
      assertThat(((java.sql.Date) jdbc).toLocalDate()).as(what).isEqualTo(v);
      break;
    case TIMESTAMP:
      assertThat(((Timestamp) jdbc).toLocalDateTime()).as(what).isEqualTo(
          v instanceof OffsetDateTime ? utcWallClock((OffsetDateTime) v)
              : floorMillis((LocalDateTime) v));
      break;
    default:
      assertThat(jdbc).as(what).isEqualTo(v);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    final ByteBuffer d = b.duplicate();
    final byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
