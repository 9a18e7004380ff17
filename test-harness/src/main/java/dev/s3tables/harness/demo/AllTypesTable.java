package dev.s3tables.harness.demo;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * {@code demo.all_types}: one optional column of every Iceberg primitive type plus a struct, a list
 * and a map, with rows at the edges of each type. The read path of the driver is compared with
 * {@link #expectedRows()}.
 *
 * <p>Values are the Java classes of Iceberg's generic data model, which the generic Parquet reader
 * returns: Boolean, Integer, Long, Float, Double, BigDecimal (with the column's scale), LocalDate,
 * LocalTime, LocalDateTime (timestamp), OffsetDateTime in UTC (timestamptz), String, UUID, byte[]
 * (fixed), ByteBuffer (binary), Record (struct), List and Map.
 */
public final class AllTypesTable {
  public static final TableIdentifier IDENTIFIER = TableIdentifier.of(DemoData.DEMO, "all_types");

  static final Types.StructType STRUCT_TYPE =
      Types.StructType.of(
          optional(20, "a", Types.IntegerType.get(), "an int inside the struct"),
          optional(21, "b", Types.StringType.get(), "a string inside the struct"));

  /**
   * The schema, with the field ids the catalog assigns (top-level fields first, then nested ones);
   * {@code id} is the identifier field.
   */
  public static final Schema SCHEMA =
      new Schema(
          List.of(
              required(1, "id", Types.LongType.get(), "row identifier (identifier field)"),
              optional(2, "col_boolean", Types.BooleanType.get(), "boolean"),
              optional(3, "col_int", Types.IntegerType.get(), "int: 32-bit signed"),
              optional(4, "col_long", Types.LongType.get(), "long: 64-bit signed"),
              optional(5, "col_float", Types.FloatType.get(), "float: 32-bit IEEE 754"),
              optional(6, "col_double", Types.DoubleType.get(), "double: 64-bit IEEE 754"),
              optional(7, "col_decimal_38_10", Types.DecimalType.of(38, 10), "decimal(38,10)"),
              optional(8, "col_decimal_9_2", Types.DecimalType.of(9, 2), "decimal(9,2)"),
              optional(9, "col_date", Types.DateType.get(), "date, proleptic Gregorian"),
              optional(10, "col_time", Types.TimeType.get(), "time of day, microseconds"),
              optional(
                  11, "col_timestamp", Types.TimestampType.withoutZone(), "timestamp without zone"),
              optional(
                  12, "col_timestamptz", Types.TimestampType.withZone(), "timestamp with zone (UTC)"),
              optional(13, "col_string", Types.StringType.get(), "string, UTF-8"),
              optional(14, "col_uuid", Types.UUIDType.get(), "uuid"),
              optional(15, "col_fixed", Types.FixedType.ofLength(16), "fixed(16)"),
              optional(16, "col_binary", Types.BinaryType.get(), "binary"),
              optional(17, "col_struct", STRUCT_TYPE, "struct<a: int, b: string>"),
              optional(
                  18,
                  "col_list",
                  Types.ListType.ofOptional(22, Types.StringType.get()),
                  "list<string>, elements may be NULL"),
              optional(
                  19,
                  "col_map",
                  Types.MapType.ofOptional(23, 24, Types.StringType.get(), Types.IntegerType.get()),
                  "map<string, int>, values may be NULL")),
          Set.of(1));

  static final TableDefinition DEFINITION =
      new TableDefinition(
          IDENTIFIER,
          SCHEMA,
          PartitionSpec.unpartitioned(),
          TableDefinition.demoTableProperties(
              "One column of every Iceberg type, with NULLs, NaN, infinities, extremes and"
                  + " non-ASCII text; id is the identifier field"));

  private static final BigDecimal DECIMAL_38_10_MAX =
      new BigDecimal("9999999999999999999999999999.9999999999");
  private static final BigDecimal DECIMAL_9_2_MAX = new BigDecimal("9999999.99");

  private AllTypesTable() {}

  /** The rows of {@code demo.all_types}, ordered by {@code id}. Each call returns new values. */
  public static List<Record> expectedRows() {
    return List.of(
        // 1: NULL in every optional column
        row(1).build(),
        // 2: ordinary values
        row(2)
            .set("col_boolean", true)
            .set("col_int", 42)
            .set("col_long", 4_200_000_000L)
            .set("col_float", 3.14f)
            .set("col_double", 2.718281828459045)
            .set("col_decimal_38_10", new BigDecimal("12345.6789012345"))
            .set("col_decimal_9_2", new BigDecimal("123.45"))
            .set("col_date", LocalDate.of(2024, 2, 29))
            .set("col_time", LocalTime.of(12, 34, 56, 789_012_000))
            .set("col_timestamp", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000))
            .set("col_timestamptz", utc(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000)))
            .set("col_string", "hello")
            .set("col_uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
            .set("col_fixed", fixed(i -> i))
            .set("col_binary", ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .set("col_struct", struct(1, "one"))
            .set("col_list", List.of("a", "b", "c"))
            .set("col_map", Map.of("one", 1, "two", 2))
            .build(),
        // 3: the lower end of every type; empty string, binary, list and map
        row(3)
            .set("col_boolean", false)
            .set("col_int", Integer.MIN_VALUE)
            .set("col_long", Long.MIN_VALUE)
            .set("col_float", -Float.MAX_VALUE)
            .set("col_double", -Double.MAX_VALUE)
            .set("col_decimal_38_10", DECIMAL_38_10_MAX.negate())
            .set("col_decimal_9_2", DECIMAL_9_2_MAX.negate())
            .set("col_date", LocalDate.of(1, 1, 1))
            .set("col_time", LocalTime.MIDNIGHT)
            .set("col_timestamp", LocalDateTime.of(1, 1, 1, 0, 0))
            .set("col_timestamptz", utc(LocalDateTime.of(1, 1, 1, 0, 0)))
            .set("col_string", "")
            .set("col_uuid", new UUID(0L, 0L))
            .set("col_fixed", fixed(i -> 0))
            .set("col_binary", ByteBuffer.wrap(new byte[0]))
            .set("col_struct", struct(Integer.MIN_VALUE, ""))
            .set("col_list", List.of())
            .set("col_map", Map.of())
            .build(),
        // 4: the upper end of every type
        row(4)
            .set("col_boolean", true)
            .set("col_int", Integer.MAX_VALUE)
            .set("col_long", Long.MAX_VALUE)
            .set("col_float", Float.MAX_VALUE)
            .set("col_double", Double.MAX_VALUE)
            .set("col_decimal_38_10", DECIMAL_38_10_MAX)
            .set("col_decimal_9_2", DECIMAL_9_2_MAX)
            .set("col_date", LocalDate.of(9999, 12, 31))
            .set("col_time", LocalTime.of(23, 59, 59, 999_999_000))
            .set("col_timestamp", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000))
            .set("col_timestamptz", utc(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)))
            .set("col_string", "Zürich")
            .set("col_uuid", new UUID(-1L, -1L))
            .set("col_fixed", fixed(i -> 0xFF))
            .set("col_binary", ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0, (byte) 0x80, 0x7F}))
            .set("col_struct", struct(Integer.MAX_VALUE, "Zürich"))
            .set("col_list", List.of("Zürich", "日本語"))
            .set("col_map", Map.of("max", Integer.MAX_VALUE, "min", Integer.MIN_VALUE))
            .build(),
        // 5: NaN; the smallest decimals; 1900; microseconds around the epoch; NULLs nested inside
        row(5)
            .set("col_float", Float.NaN)
            .set("col_double", Double.NaN)
            .set("col_decimal_38_10", new BigDecimal("0.0000000001"))
            .set("col_decimal_9_2", new BigDecimal("0.01"))
            .set("col_date", LocalDate.of(1900, 1, 1))
            .set("col_time", LocalTime.of(0, 0, 0, 1_000))
            .set("col_timestamp", LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000))
            .set("col_timestamptz", utc(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)))
            .set("col_string", "日本語")
            .set("col_struct", struct(null, "a is NULL"))
            .set("col_list", Arrays.asList("a", null, ""))
            .set("col_map", Collections.singletonMap("null value", null))
            .build(),
        // 6: +Infinity; the limits of nanosecond timestamps (2262-04-11, 1677-09-21); an emoji
        row(6)
            .set("col_int", 0)
            .set("col_long", 0L)
            .set("col_float", Float.POSITIVE_INFINITY)
            .set("col_double", Double.POSITIVE_INFINITY)
            .set("col_date", LocalDate.of(2262, 4, 11))
            .set("col_timestamp", LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000))
            .set("col_timestamptz", utc(LocalDateTime.of(1677, 9, 21, 0, 12, 43, 145_225_000)))
            .set("col_string", "ice 🧊 cube")
            .set("col_struct", struct(7, null))
            .set("col_list", Collections.singletonList(null))
            .set("col_map", Map.of("", 0))
            .build(),
        // 7: -Infinity; the day before the epoch; text that needs quoting or escaping
        row(7)
            .set("col_int", -1)
            .set("col_long", -1L)
            .set("col_float", Float.NEGATIVE_INFINITY)
            .set("col_double", Double.NEGATIVE_INFINITY)
            .set("col_date", LocalDate.of(1969, 12, 31))
            .set("col_timestamp", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000))
            .set("col_timestamptz", utc(LocalDateTime.of(1970, 1, 1, 0, 0)))
            .set("col_string", "O'Brien said \"hi\"\ttab\nnew line\\")
            .build(),
        // 8: negative zero, to be told apart from row 9's positive zero; the epoch
        row(8)
            .set("col_float", -0.0f)
            .set("col_double", -0.0)
            .set("col_decimal_38_10", new BigDecimal("-0.0000000001"))
            .set("col_decimal_9_2", new BigDecimal("-0.01"))
            .set("col_date", LocalDate.EPOCH)
            .set("col_time", LocalTime.NOON)
            .set("col_timestamp", LocalDateTime.of(1970, 1, 1, 0, 0))
            .set("col_string", " leading and trailing spaces ")
            .build(),
        // 9: positive zero; a date in the 1582 Julian-to-Gregorian gap, which exists only in the
        // proleptic Gregorian calendar Iceberg uses (java.sql.Date's hybrid calendar lacks it)
        row(9)
            .set("col_float", 0.0f)
            .set("col_double", 0.0)
            .set("col_decimal_38_10", new BigDecimal("0.0000000000"))
            .set("col_decimal_9_2", new BigDecimal("0.00"))
            .set("col_date", LocalDate.of(1582, 10, 10))
            .set("col_timestamp", LocalDateTime.of(1582, 10, 10, 12, 0))
            .set("col_timestamptz", utc(LocalDateTime.of(1582, 10, 10, 12, 0)))
            .set("col_string", "NULL")
            .build(),
        // 10: the smallest positive float and double (subnormal); a date after 2100
        row(10)
            .set("col_float", Float.MIN_VALUE)
            .set("col_double", Double.MIN_VALUE)
            .set("col_date", LocalDate.of(2100, 3, 1))
            .set("col_timestamp", LocalDateTime.of(2100, 3, 1, 0, 0, 0, 1_000))
            .set("col_timestamptz", utc(LocalDateTime.of(2100, 3, 1, 0, 0, 0, 1_000)))
            .build());
  }

  private static RowBuilder row(long id) {
    return new RowBuilder(id);
  }

  private static OffsetDateTime utc(LocalDateTime dateTime) {
    return dateTime.atOffset(ZoneOffset.UTC);
  }

  private static byte[] fixed(IntUnaryOperator byteAt) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) byteAt.applyAsInt(i);
    }
    return bytes;
  }

  private static Record struct(Integer a, String b) {
    Record struct = GenericRecord.create(STRUCT_TYPE);
    struct.set(0, a);
    struct.set(1, b);
    return struct;
  }

  /** Sets columns by name; unset optional columns stay NULL. */
  private static final class RowBuilder {
    private final Record record = GenericRecord.create(SCHEMA);

    RowBuilder(long id) {
      record.setField("id", id);
    }

    RowBuilder set(String column, Object value) {
      if (SCHEMA.asStruct().field(column) == null) {
        throw new IllegalArgumentException("No column " + column + " in " + IDENTIFIER);
      }
      record.setField(column, value);
      return this;
    }

    Record build() {
      return record;
    }
  }
}
