package dev.s3tables.calcite.types;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class RowConverterTest {

  private static Object conv(Type type, Object value) {
    return RowConverter.valueConverter("c", type, UnsupportedTypePolicy.FAIL).convert(value);
  }

  @Test void numbersPassThroughExactly() {
    assertThat(conv(Types.BooleanType.get(), false)).isEqualTo(false);
    assertThat(conv(Types.IntegerType.get(), Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(conv(Types.LongType.get(), Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(conv(Types.FloatType.get(), -0.0f)).isEqualTo(-0.0f);
    assertThat((Float) conv(Types.FloatType.get(), Float.NaN)).isNaN();
    assertThat(conv(Types.FloatType.get(), Float.NEGATIVE_INFINITY))
        .isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(conv(Types.DoubleType.get(), -0.0d)).isEqualTo(-0.0d);
    assertThat(conv(Types.DoubleType.get(), Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    final BigDecimal big = new BigDecimal("-1234567890123456789012345678.1234567890");
    assertThat(conv(Types.DecimalType.of(38, 10), big)).isSameAs(big);
    assertThat(conv(Types.DecimalType.of(9, 2), new BigDecimal("1.5")))
        .isEqualTo(new BigDecimal("1.50"));
    assertThatThrownBy(() -> conv(Types.DecimalType.of(9, 2), new BigDecimal("1.555")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test void datesAreEpochDays() {
    assertThat(conv(Types.DateType.get(), LocalDate.of(1970, 1, 1))).isEqualTo(0);
    assertThat(conv(Types.DateType.get(), LocalDate.of(1969, 12, 31))).isEqualTo(-1);
    assertThat(conv(Types.DateType.get(), LocalDate.of(1, 1, 1))).isEqualTo(-719_162);
    assertThat(conv(Types.DateType.get(), LocalDate.of(9999, 12, 31))).isEqualTo(2_932_896);
    assertThat(conv(Types.DateType.get(), LocalDate.of(1582, 10, 4)))
        .isEqualTo((int) LocalDate.of(1582, 10, 4).toEpochDay());
    assertThat(conv(Types.DateType.get(), 42)).isEqualTo(42);
  }

  @Test void timesAreMillisOfDayTruncated() {
    assertThat(conv(Types.TimeType.get(), LocalTime.MIDNIGHT)).isEqualTo(0);
    assertThat(conv(Types.TimeType.get(), LocalTime.parse("23:59:59.999999")))
        .isEqualTo(86_399_999);
    assertThat(conv(Types.TimeType.get(), LocalTime.parse("01:02:03.123456")))
        .isEqualTo(3_723_123);
    assertThat(conv(Types.TimeType.get(), 3_723_123_456L)).isEqualTo(3_723_123);
  }

  @Test void timestampsAreMillisFlooredTowardsThePast() {
    final Type ts = Types.TimestampType.withoutZone();
    assertThat(conv(ts, LocalDateTime.parse("2023-11-14T22:13:20.123456")))
        .isEqualTo(1_700_000_000_123L);
    assertThat(conv(ts, LocalDateTime.parse("1969-12-31T23:59:59.999999"))).isEqualTo(-1L);
    assertThat(conv(ts, LocalDateTime.parse("0001-01-01T00:00:00")))
        .isEqualTo(-62_135_596_800_000L);
    assertThat(conv(ts, LocalDateTime.parse("9999-12-31T23:59:59.999999")))
        .isEqualTo(253_402_300_799_999L);
    assertThat(conv(ts, -1L)).as("micros").isEqualTo(-1L);
    assertThat(conv(ts, 1_999L)).as("micros").isEqualTo(1L);

    final Type tsz = Types.TimestampType.withZone();
    assertThat(conv(tsz, OffsetDateTime.parse("2023-11-15T00:13:20.123999+02:00")))
        .isEqualTo(1_700_000_000_123L);
    assertThat(conv(tsz, OffsetDateTime.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1L);
    assertThat(conv(tsz, Instant.parse("2023-11-14T22:13:20.123Z")))
        .isEqualTo(1_700_000_000_123L);
    assertThat(conv(tsz, -1_001L)).isEqualTo(-2L);

    final Type tsn = Types.TimestampNanoType.withoutZone();
    assertThat(conv(tsn, LocalDateTime.parse("1969-12-31T23:59:59.999999999"))).isEqualTo(-1L);
    assertThat(conv(tsn, -1L)).as("nanos").isEqualTo(-1L);
    assertThat(conv(tsn, 1_999_999L)).as("nanos").isEqualTo(1L);
    assertThat(conv(Types.TimestampNanoType.withZone(),
        OffsetDateTime.parse("2023-11-14T22:13:20.123456789Z"))).isEqualTo(1_700_000_000_123L);
  }

  @Test void stringsAndUuids() {
    final String s = "h\u00e9llo \u2713 \uD83D\uDE00";
    assertThat(conv(Types.StringType.get(), s)).isSameAs(s);
    assertThat(conv(Types.StringType.get(), new StringBuilder("x"))).isEqualTo("x");
    assertThat(conv(Types.StringType.get(), "")).isEqualTo("");
    final UUID u = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
    assertThat(conv(Types.UUIDType.get(), u)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    final ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits());
    assertThat(conv(Types.UUIDType.get(), b.array())).isEqualTo(u.toString());
    assertThat(conv(Types.UUIDType.get(), ByteBuffer.wrap(b.array()))).isEqualTo(u.toString());
  }

  @Test void binaryBecomesByteStringCopies() {
    final byte[] raw = {1, 2, (byte) 0xff, 0};
    final Object fixed = conv(Types.FixedType.ofLength(4), raw);
    assertThat(fixed).isEqualTo(new ByteString(new byte[] {1, 2, (byte) 0xff, 0}));
    raw[0] = 9;
    assertThat(((ByteString) fixed).byteAt(0)).isEqualTo((byte) 1);
    assertThat(conv(Types.BinaryType.get(), ByteBuffer.allocate(0)))
        .isEqualTo(new ByteString(new byte[0]));
    final ByteBuffer slice = ByteBuffer.wrap(new byte[] {7, 8, 9, 10}, 1, 2);
    assertThat(conv(Types.BinaryType.get(), slice)).isEqualTo(new ByteString(new byte[] {8, 9}));
    assertThat(slice.position()).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  @Test void nestedValues() {
    final Types.StructType inner = Types.StructType.of(
        required(3, "d", Types.DateType.get()),
        optional(4, "b", Types.BinaryType.get()));
    final Types.StructType outer = Types.StructType.of(
        required(1, "x", Types.IntegerType.get()),
        optional(2, "in", inner),
        optional(5, "ts", Types.ListType.ofOptional(6, Types.TimestampType.withoutZone())),
        optional(7, "m", Types.MapType.ofOptional(8, 9, Types.StringType.get(), inner)));
    final Record in = GenericRecord.create(inner);
    in.set(0, LocalDate.of(2022, 1, 8));
    in.set(1, null);
    final Record rec = GenericRecord.create(outer);
    rec.set(0, 5);
    rec.set(1, in);
    rec.set(2, Arrays.asList(LocalDateTime.parse("1970-01-01T00:00:00.001"), null));
    final Map<String, Record> m = new LinkedHashMap<>();
    m.put("z", in);
    m.put("a", null);
    rec.set(3, m);

    final Object[] out = (Object[]) conv(outer, rec);
    assertThat(out[0]).isEqualTo(5);
    assertThat((Object[]) out[1]).containsExactly(19_000, null);
    assertThat((List<Object>) out[2]).containsExactly(1L, null);
    final Map<?, ?> mo = (Map<?, ?>) out[3];
    assertThat(new ArrayList<Object>(mo.keySet())).containsExactly("z", "a");
    assertThat((Object[]) mo.get("z")).containsExactly(19_000, null);
    assertThat(mo.get("a")).isNull();
  }

  @SuppressWarnings("unchecked")
  @Test void listsAreCopied() {
    final List<Integer> in = new ArrayList<>(List.of(1, 2));
    final Object out = conv(Types.ListType.ofRequired(1, Types.IntegerType.get()), in);
    assertThat(out).isEqualTo(List.of(1, 2)).isNotSameAs(in);
    in.set(0, 9);
    assertThat((List<Object>) out).containsExactly(1, 2);
  }

  @Test void projectionsByPositionAndName() {
    final Schema schema = new Schema(
        required(1, "id", Types.IntegerType.get()),
        optional(2, "s", Types.StringType.get()),
        optional(3, "d", Types.DateType.get()));
    final Record r = GenericRecord.create(schema);
    r.set(0, 1);
    r.set(1, null);
    r.set(2, LocalDate.ofEpochDay(3));
    assertThat(RowConverter.of(schema).convert(r)).containsExactly(1, null, 3);
    final RowConverter p = RowConverter.of(schema.asStruct(), new int[] {2, 0},
        UnsupportedTypePolicy.FAIL);
    assertThat(p.width()).isEqualTo(2);
    assertThat(p.convert(r)).containsExactly(3, 1);
    assertThat(p.convertColumn(r, 0)).isEqualTo(3);
    final Object[] target = new Object[3];
    p.convertInto(r, target);
    assertThat(target).containsExactly(3, 1, null);
    assertThat(RowConverter.of(schema.asStruct(), List.of("s", "id"),
        UnsupportedTypePolicy.FAIL).convert(r)).containsExactly(null, 1);
    assertThatThrownBy(() -> RowConverter.of(schema.asStruct(), List.of("ID"),
        UnsupportedTypePolicy.FAIL)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RowConverter.of(schema.asStruct(), new int[] {3},
        UnsupportedTypePolicy.FAIL)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void unsupportedColumns() {
    final Schema schema = new Schema(
        required(1, "id", Types.IntegerType.get()),
        optional(2, "v", Types.VariantType.get()),
        optional(3, "payload", Types.StructType.of(
            optional(4, "a", Types.IntegerType.get()),
            optional(5, "g", Types.GeometryType.crs84()))),
        optional(6, "u", Types.UnknownType.get()));
    final Record r = GenericRecord.create(schema);
    r.set(0, 1);
    r.set(1, "opaque variant");
    final Record payload = GenericRecord.create(
        schema.findField("payload").type().asStructType());
    payload.set(0, 2);
    payload.set(1, ByteBuffer.wrap(new byte[] {1}));
    r.set(2, payload);

    assertThatThrownBy(() -> RowConverter.of(schema))
        .isInstanceOf(UnsupportedIcebergTypeException.class)
        .hasMessage("Column \"v\" has Iceberg type variant, which s3tables-jdbc cannot read yet;"
            + " leave it out of the select list (name the columns you need instead of"
            + " SELECT *)");
    assertThatThrownBy(() -> RowConverter.of(schema.asStruct(), new int[] {0, 2},
        UnsupportedTypePolicy.FAIL))
        .isInstanceOfSatisfying(UnsupportedIcebergTypeException.class, e -> {
          assertThat(e.columnPath()).isEqualTo("payload.g");
          assertThat(e.icebergType()).isEqualTo(Types.GeometryType.crs84());
        });
    // leaving them out works; unknown is always NULL
    assertThat(RowConverter.of(schema.asStruct(), new int[] {0, 3},
        UnsupportedTypePolicy.FAIL).convert(r)).containsExactly(1, null);
    final Object[] all = RowConverter.of(schema.asStruct(), new int[] {0, 1, 2, 3},
        UnsupportedTypePolicy.READ_AS_NULL).convert(r);
    assertThat(all[0]).isEqualTo(1);
    assertThat(all[1]).isNull();
    assertThat((Object[]) all[2]).containsExactly(2, null);
    assertThat(all[3]).isNull();
  }

  @Test void unexpectedJavaValuesAreReported() {
    assertThatThrownBy(() -> conv(Types.DateType.get(), "2020-01-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Iceberg date").hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> conv(Types.TimestampType.withoutZone(),
        OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
