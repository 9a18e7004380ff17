package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.types.RowConverter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns rows in Calcite's runtime representation (the inverse of the read path's RowConverter:
 * days, milliseconds, ByteString, Object[] for ROW) into Iceberg generic records or {@link
 * InternalRow}s, checking every value against its column: NULL into a required column, decimals
 * that do not fit, malformed uuids and binaries of the wrong length fail with the SQLState SQL
 * gives them.
 */
public final class RecordConverter {
  private final List<Types.NestedField> columns;
  /** Copied for each row: creating a record from the schema looks its name index up in a cache. */
  private final GenericRecord template;

  public RecordConverter(Schema schema) {
    requireNonNull(schema, "schema");
    this.columns = schema.columns();
    this.template = GenericRecord.create(schema);
  }

  public Record convert(Object[] row) {
    return fill(row, template.copy(), false);
  }

  /** The row in Iceberg's internal form, into {@code target} (a row of the schema's width), which it answers. */
  InternalRow internalRow(Object[] row, InternalRow target) {
    return fill(row, target, true);
  }

  private <S extends StructLike> S fill(Object[] row, S target, boolean internal) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
    }
    for (int i = 0; i < row.length; i++) {
      target.set(i, field(columns.get(i), columns.get(i).name(), row[i], internal));
    }
    return target;
  }

  /** The table's columns of a record Iceberg's reader gave (which may hold more columns), values as read. */
  public Record tableRecord(Record read) {
    Record record = template.copy();
    for (int i = 0; i < columns.size(); i++) {
      record.set(i, read.getField(columns.get(i).name()));
    }
    return record;
  }

  /**
   * The record with new values, in Calcite's representation, for some of its columns: {@code
   * values[i]} for column {@code columns[i]}, checked as {@link #convert} checks them.
   */
  public Record withValues(Record record, int[] columns, Object[] values) {
    for (int i = 0; i < columns.length; i++) {
      Types.NestedField column = this.columns.get(columns[i]);
      record.set(columns[i], field(column, column.name(), values[i], false));
    }
    return record;
  }

  /** The value as a generic record holds it or, if {@code internal}, as an InternalRow does. */
  private static Object field(Types.NestedField field, String path, Object value, boolean internal) {
    if (value == null) {
      if (field.isRequired()) {
        throw new WriteValueException("23502", "Column " + path + " is NOT NULL and cannot take NULL");
      }
      return null;
    }
    return value(field.type(), path, value, internal);
  }

  private static Object value(Type type, String path, Object value, boolean internal) {
    return switch (type.typeId()) {
      case BOOLEAN, LONG, FLOAT, DOUBLE, STRING -> value;
      case INTEGER -> integer(path, value);
      case DECIMAL -> decimal((Types.DecimalType) type, path, (BigDecimal) value);
      case DATE -> internal ? (Integer) ((Number) value).intValue() : LocalDate.ofEpochDay(((Number) value).longValue());
      case TIME -> internal
          ? (Long) (((Number) value).longValue() * 1_000L)
          : LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
      case TIMESTAMP -> internal ? (Long) Math.multiplyExact(((Number) value).longValue(), 1_000L) : timestamp((Types.TimestampType) type, value);
      case UUID -> uuid(path, value.toString());
      case FIXED -> internal
          ? ByteBuffer.wrap(fixed((Types.FixedType) type, path, bytes(value)))
          : fixed((Types.FixedType) type, path, bytes(value));
      case BINARY -> ByteBuffer.wrap(bytes(value));
      case STRUCT -> struct(type.asStructType(), path, (Object[]) value, internal);
      case LIST -> list(type.asListType(), path, (List<?>) value, internal);
      case MAP -> map(type.asMapType(), path, (Map<?, ?>) value, internal);
      default -> throw new WriteValueException("0A000", "Column " + path + " has Iceberg type " + type
          + ", which s3tables-jdbc cannot write yet");
    };
  }

  /** Calcite's millis as a generic record's timestamp: an instant in UTC, or the wall clock they are read as in UTC. */
  private static Object timestamp(Types.TimestampType type, Object value) {
    long millis = ((Number) value).longValue();
    return type.shouldAdjustToUTC() ? Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC) : RowConverter.wallClock(millis);
  }

  /** An int, also from the TINYINT and SMALLINT values a query may give nested in a ROW or ARRAY. */
  private static Integer integer(String path, Object value) {
    if (value instanceof Integer i) {
      return i;
    }
    long wide = ((Number) value).longValue();
    if (wide < Integer.MIN_VALUE || wide > Integer.MAX_VALUE) {
      throw new WriteValueException("22003", "Value " + wide + " is out of range for int column " + path);
    }
    return (int) wide;
  }

  private static BigDecimal decimal(Types.DecimalType type, String path, BigDecimal value) {
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new WriteValueException("22003", "Value " + value.toPlainString() + " is out of range for column " + path
          + " of type decimal(" + type.precision() + "," + type.scale() + ")");
    }
    return scaled;
  }

  private static UUID uuid(String path, String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new WriteValueException("22018", "'" + text + "' is not a UUID, for column " + path);
    }
  }

  private static byte[] fixed(Types.FixedType type, String path, byte[] bytes) {
    if (bytes.length != type.length()) {
      throw new WriteValueException("22001", "Column " + path + " is fixed(" + type.length() + ") and cannot take "
          + bytes.length + " bytes");
    }
    return bytes;
  }

  private static byte[] bytes(Object value) {
    return value instanceof ByteString string ? string.getBytes() : (byte[]) value;
  }

  private static StructLike struct(Types.StructType type, String path, Object[] values, boolean internal) {
    List<Types.NestedField> fields = type.fields();
    StructLike struct = internal ? new InternalRow(fields.size()) : GenericRecord.create(type);
    for (int i = 0; i < fields.size(); i++) {
      struct.set(i, field(fields.get(i), path + "." + fields.get(i).name(), values[i], internal));
    }
    return struct;
  }

  private static List<Object> list(Types.ListType type, String path, List<?> values, boolean internal) {
    List<Object> converted = new ArrayList<>(values.size());
    for (Object element : values) {
      converted.add(field(type.fields().get(0), path + "[]", element, internal));
    }
    return converted;
  }

  private static Map<Object, Object> map(Types.MapType type, String path, Map<?, ?> values, boolean internal) {
    Map<Object, Object> converted = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      converted.put(field(type.fields().get(0), path + ".key", e.getKey(), internal),
          field(type.fields().get(1), path + ".value", e.getValue(), internal));
    }
    return converted;
  }
}
