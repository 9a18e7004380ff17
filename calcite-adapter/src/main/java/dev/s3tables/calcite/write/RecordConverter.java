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
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns rows in Calcite's runtime representation (the inverse of the read path's RowConverter:
 * days, milliseconds, ByteString, Object[] for ROW) into Iceberg generic records, checking every
 * value against its column: NULL into a required column, decimals that do not fit, malformed uuids
 * and binaries of the wrong length fail with the SQLState SQL gives them.
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
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
    }
    Record record = template.copy();
    for (int i = 0; i < row.length; i++) {
      record.set(i, field(columns.get(i), columns.get(i).name(), row[i]));
    }
    return record;
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
      record.set(columns[i], field(column, column.name(), values[i]));
    }
    return record;
  }

  private static Object field(Types.NestedField field, String path, Object value) {
    if (value == null) {
      if (field.isRequired()) {
        throw new WriteValueException("23502", "Column " + path + " is NOT NULL and cannot take NULL");
      }
      return null;
    }
    return value(field.type(), path, value);
  }

  private static Object value(Type type, String path, Object value) {
    return switch (type.typeId()) {
      case BOOLEAN, LONG, FLOAT, DOUBLE, STRING -> value;
      case INTEGER -> integer(path, value);
      case DECIMAL -> decimal((Types.DecimalType) type, path, (BigDecimal) value);
      case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
      case TIME -> LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
      case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC()
          ? Instant.ofEpochMilli(((Number) value).longValue()).atOffset(ZoneOffset.UTC)
          : RowConverter.wallClock(((Number) value).longValue());
      case UUID -> uuid(path, value.toString());
      case FIXED -> fixed((Types.FixedType) type, path, bytes(value));
      case BINARY -> ByteBuffer.wrap(bytes(value));
      case STRUCT -> struct(type.asStructType(), path, (Object[]) value);
      case LIST -> list(type.asListType(), path, (List<?>) value);
      case MAP -> map(type.asMapType(), path, (Map<?, ?>) value);
      default -> throw new WriteValueException("0A000", "Column " + path + " has Iceberg type " + type
          + ", which s3tables-jdbc cannot write yet");
    };
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

  private static Record struct(Types.StructType type, String path, Object[] values) {
    Record record = GenericRecord.create(type);
    List<Types.NestedField> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      record.set(i, field(fields.get(i), path + "." + fields.get(i).name(), values[i]));
    }
    return record;
  }

  private static List<Object> list(Types.ListType type, String path, List<?> values) {
    List<Object> converted = new ArrayList<>(values.size());
    for (Object element : values) {
      converted.add(field(type.fields().get(0), path + "[]", element));
    }
    return converted;
  }

  private static Map<Object, Object> map(Types.MapType type, String path, Map<?, ?> values) {
    Map<Object, Object> converted = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      converted.put(field(type.fields().get(0), path + ".key", e.getKey()), field(type.fields().get(1), path + ".value", e.getValue()));
    }
    return converted;
  }
}
