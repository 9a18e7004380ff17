package dev.s3tables.calcite.types;

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
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.UUIDUtil;

/**
 * Converts Iceberg records, as Iceberg's generic readers ({@code IcebergGenerics},
 * {@code GenericParquetReaders}) produce them, into rows for Calcite's enumerable runtime, for
 * the column types {@link IcebergTypes} maps to. Build one per projection and reuse it for every
 * record: the per-column converters are chosen once, so the per-value work is a null check and
 * one (often identity) conversion.
 *
 * <p>Representations produced (what Calcite 1.42's runtime and Avatica's accessors expect):
 * BOOLEAN/INTEGER/BIGINT/REAL/DOUBLE/DECIMAL as the boxed value; DATE as Integer days; TIME as
 * Integer millis of day; TIMESTAMP as Long millis of the wall clock read as UTC;
 * TIMESTAMP_WITH_LOCAL_TIME_ZONE as Long epoch millis; VARCHAR as String (uuid: lowercase
 * canonical text); BINARY/VARBINARY as {@link ByteString}; ROW as {@code Object[]}; ARRAY as
 * {@link List}; MAP as {@link LinkedHashMap}. Sub-millisecond digits are truncated towards the
 * past (floor), because the runtime has no place for them. Nested values use the same
 * representations.
 *
 * <p>Inputs accepted besides the generic readers' Java objects: Integer days for date, Long
 * micros for time/timestamp(tz), Long nanos for timestamp_ns, byte[] and ByteBuffer for
 * fixed/binary/uuid, any {@link CharSequence} for string, any {@link StructLike} for struct.
 *
 * <p>Converted rows never share mutable containers with the input record, so readers that reuse
 * containers are safe.
 */
public final class RowConverter {
  private static final ValueConverter STRING = RowConverter::string;
  private static final ValueConverter DATE = RowConverter::date;

  // What each column's converter is, so that the common ones run as static calls: a call through
  // the interface on every value, with a converter of another class in each column, was a quarter
  // of a grouped aggregate's reading time.
  private static final byte OTHER = 0;
  private static final byte AS_IS = 1;
  private static final byte SCALED = 2;
  private static final byte TEXT = 3;
  private static final byte DAYS = 4;

  private final int[] positions;
  private final ValueConverter[] converters;
  private final byte[] kinds;
  private final int[] scales;

  private RowConverter(int[] positions, ValueConverter[] converters) {
    this.positions = positions;
    this.converters = converters;
    this.kinds = new byte[converters.length];
    this.scales = new int[converters.length];
    for (int i = 0; i < converters.length; i++) {
      ValueConverter converter = converters[i];
      if (converter instanceof DecimalConverter decimal) {
        kinds[i] = SCALED;
        scales[i] = decimal.scale();
      } else {
        kinds[i] = converter == ValueConverter.IDENTITY ? AS_IS : converter == STRING ? TEXT : converter == DATE ? DAYS : OTHER;
      }
    }
  }

  /** All columns of records read with {@code readSchema}, in order; unsupported types fail. */
  public static RowConverter of(Schema readSchema) {
    final int[] all = new int[readSchema.columns().size()];
    Arrays.setAll(all, i -> i);
    return of(readSchema.asStruct(), all, UnsupportedTypePolicy.FAIL);
  }

  /**
   * Columns of {@code recordType} picked by name, in the given order.
   *
   * @throws IllegalArgumentException if a name is not a top-level field
   * @throws UnsupportedIcebergTypeException if a column cannot be read and the policy is FAIL
   */
  public static RowConverter of(Types.StructType recordType, List<String> columnNames,
      UnsupportedTypePolicy policy) {
    final int[] positions = new int[columnNames.size()];
    final List<Types.NestedField> fields = recordType.fields();
    for (int i = 0; i < positions.length; i++) {
      final String name = columnNames.get(i);
      int pos = -1;
      for (int j = 0; j < fields.size(); j++) {
        if (fields.get(j).name().equals(name)) {
          pos = j;
          break;
        }
      }
      if (pos < 0) {
        throw new IllegalArgumentException("No column \"" + name + "\" in " + recordType);
      }
      positions[i] = pos;
    }
    return of(recordType, positions, policy);
  }

  /**
   * Columns of {@code recordType} at the given positions (positions in the record, in output
   * order).
   *
   * @param recordType the struct type of the records that will be passed to {@link #convert};
   *     for a reader built with a projected schema, that projected schema
   * @throws UnsupportedIcebergTypeException if a column cannot be read and the policy is FAIL
   */
  public static RowConverter of(Types.StructType recordType, int[] positions,
      UnsupportedTypePolicy policy) {
    final List<Types.NestedField> fields = recordType.fields();
    final ValueConverter[] converters = new ValueConverter[positions.length];
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0 || positions[i] >= fields.size()) {
        throw new IllegalArgumentException("Position " + positions[i] + " is outside " + recordType);
      }
      final Types.NestedField field = fields.get(positions[i]);
      converters[i] = valueConverter(field.name(), field.type(), policy);
    }
    return new RowConverter(positions.clone(), converters);
  }

  /** Number of values in each converted row. */
  public int width() {
    return positions.length;
  }

  /** Converts one record into a new row. */
  public Object[] convert(StructLike record) {
    final Object[] row = new Object[positions.length];
    convertInto(record, row);
    return row;
  }

  /** Converts one record into {@code target}, which must have at least {@link #width()} slots. */
  public void convertInto(StructLike record, Object[] target) {
    for (int i = 0; i < positions.length; i++) {
      final Object v = record.get(positions[i], Object.class);
      target[i] = v == null ? null : switch (kinds[i]) {
        case AS_IS -> v;
        case SCALED -> decimal(v, scales[i]);
        case TEXT -> string(v);
        case DAYS -> date(v);
        default -> converters[i].convert(v);
      };
    }
  }

  /**
   * Converts only output column {@code index} of one record; for single-column projections,
   * where Calcite's {@code JavaRowFormat.SCALAR} wants the bare value rather than an array.
   */
  public Object convertColumn(StructLike record, int index) {
    final Object v = record.get(positions[index], Object.class);
    return v == null ? null : converters[index].convert(v);
  }

  /**
   * The converter for values of one Iceberg type.
   *
   * @param path column name (and nested path) used in error messages
   * @throws UnsupportedIcebergTypeException if the type, or a type nested in it, cannot be read
   *     and the policy is FAIL
   */
  public static ValueConverter valueConverter(String path, Type type,
      UnsupportedTypePolicy policy) {
    switch (type.typeId()) {
    case BOOLEAN:
    case INTEGER:
    case LONG:
    case FLOAT:
    case DOUBLE:
      return ValueConverter.IDENTITY;
    case DECIMAL:
      return new DecimalConverter(((Types.DecimalType) type).scale());
    case STRING:
      return STRING;
    case DATE:
      return DATE;
    case TIME:
      return RowConverter::time;
    case TIMESTAMP:
      return ((Types.TimestampType) type).shouldAdjustToUTC()
          ? v -> timestamptz(v, 1_000L)
          : v -> timestamp(v, 1_000L);
    case TIMESTAMP_NANO:
      return ((Types.TimestampNanoType) type).shouldAdjustToUTC()
          ? v -> timestamptz(v, 1_000_000L)
          : v -> timestamp(v, 1_000_000L);
    case UUID:
      return RowConverter::uuid;
    case FIXED:
    case BINARY:
      return RowConverter::bytes;
    case STRUCT:
      return struct(path, type.asStructType(), policy);
    case LIST:
      return list(path, type.asListType(), policy);
    case MAP:
      return map(path, type.asMapType(), policy);
    case UNKNOWN:
      // Iceberg's unknown type has no non-null values.
      return v -> null;
    default:
      if (policy == UnsupportedTypePolicy.READ_AS_NULL) {
        return v -> null;
      }
      throw new UnsupportedIcebergTypeException(path, type);
    }
  }

  // ---- scalar conversions --------------------------------------------------------------------

  /** A DECIMAL column's converter. */
  private record DecimalConverter(int scale) implements ValueConverter {
    @Override
    public Object convert(Object value) {
      return decimal(value, scale);
    }
  }

  private static Object decimal(Object v, int scale) {
    final BigDecimal d = (BigDecimal) v;
    // Iceberg guarantees the declared scale; setScale only guards other producers and
    // throws rather than rounds if digits would be lost.
    return d.scale() == scale ? d : d.setScale(scale);
  }

  private static Object string(Object v) {
    return v instanceof String ? v : v.toString();
  }

  private static Object date(Object v) {
    if (v instanceof LocalDate) {
      return Math.toIntExact(((LocalDate) v).toEpochDay());
    }
    if (v instanceof Integer) {
      return v;
    }
    throw unexpected("date", v);
  }

  private static Object time(Object v) {
    if (v instanceof LocalTime) {
      return (int) (((LocalTime) v).toNanoOfDay() / 1_000_000L);
    }
    if (v instanceof Long) {
      return (int) ((Long) v / 1_000L); // micros of day, never negative
    }
    throw unexpected("time", v);
  }

  /** The wall clock of a Calcite TIMESTAMP, whose millis are the wall clock read as UTC. */
  public static LocalDateTime wallClock(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** Wall-clock timestamp to the wall clock's millis read as UTC. */
  private static Object timestamp(Object v, long unitsPerMilli) {
    if (v instanceof LocalDateTime) {
      final LocalDateTime t = (LocalDateTime) v;
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000L + t.getNano() / 1_000_000;
    }
    if (v instanceof Long) {
      return Math.floorDiv((long) (Long) v, unitsPerMilli);
    }
    throw unexpected("timestamp", v);
  }

  /** Instant to epoch millis. */
  private static Object timestamptz(Object v, long unitsPerMilli) {
    if (v instanceof OffsetDateTime) {
      final OffsetDateTime t = (OffsetDateTime) v;
      return t.toEpochSecond() * 1_000L + t.getNano() / 1_000_000;
    }
    if (v instanceof Instant) {
      final Instant t = (Instant) v;
      return t.getEpochSecond() * 1_000L + t.getNano() / 1_000_000;
    }
    if (v instanceof Long) {
      return Math.floorDiv((long) (Long) v, unitsPerMilli);
    }
    throw unexpected("timestamptz", v);
  }

  private static Object uuid(Object v) {
    if (v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof byte[]) {
      return UUIDUtil.convert((byte[]) v).toString();
    }
    if (v instanceof ByteBuffer) {
      return UUIDUtil.convert((ByteBuffer) v).toString();
    }
    if (v instanceof CharSequence) {
      return UUID.fromString(v.toString()).toString();
    }
    throw unexpected("uuid", v);
  }

  private static Object bytes(Object v) {
    if (v instanceof byte[]) {
      return new ByteString((byte[]) v); // copies
    }
    if (v instanceof ByteBuffer) {
      final ByteBuffer b = ((ByteBuffer) v).duplicate(); // leave the reader's position alone
      final byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return new ByteString(bytes);
    }
    if (v instanceof ByteString) {
      return v;
    }
    throw unexpected("binary", v);
  }

  private static IllegalArgumentException unexpected(String type, Object v) {
    return new IllegalArgumentException(
        "Unexpected Java value for Iceberg " + type + ": " + v.getClass().getName());
  }

  // ---- nested conversions --------------------------------------------------------------------

  private static ValueConverter struct(String path, Types.StructType type,
      UnsupportedTypePolicy policy) {
    final List<Types.NestedField> fields = type.fields();
    final ValueConverter[] converters = new ValueConverter[fields.size()];
    for (int i = 0; i < converters.length; i++) {
      converters[i] =
          valueConverter(path + "." + fields.get(i).name(), fields.get(i).type(), policy);
    }
    return v -> {
      final StructLike s = (StructLike) v;
      final Object[] row = new Object[converters.length];
      for (int i = 0; i < converters.length; i++) {
        final Object f = s.get(i, Object.class);
        row[i] = f == null ? null : converters[i].convert(f);
      }
      return row;
    };
  }

  private static ValueConverter list(String path, Types.ListType type,
      UnsupportedTypePolicy policy) {
    final ValueConverter element = valueConverter(path + ".element", type.elementType(), policy);
    if (element == ValueConverter.IDENTITY) {
      return v -> new ArrayList<>((List<?>) v);
    }
    return v -> {
      final List<?> in = (List<?>) v;
      final List<Object> out = new ArrayList<>(in.size());
      for (Object e : in) {
        out.add(e == null ? null : element.convert(e));
      }
      return out;
    };
  }

  private static ValueConverter map(String path, Types.MapType type,
      UnsupportedTypePolicy policy) {
    final ValueConverter key = valueConverter(path + ".key", type.keyType(), policy);
    final ValueConverter value = valueConverter(path + ".value", type.valueType(), policy);
    return v -> {
      final Map<?, ?> in = (Map<?, ?>) v;
      final Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, in.size() * 4 / 3 + 1));
      for (Map.Entry<?, ?> e : in.entrySet()) {
        final Object k = e.getKey();
        final Object x = e.getValue();
        out.put(k == null ? null : key.convert(k), x == null ? null : value.convert(x));
      }
      return out;
    };
  }
}
