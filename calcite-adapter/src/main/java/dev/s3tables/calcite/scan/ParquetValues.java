package dev.s3tables.calcite.scan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decodes the values of one Parquet column into Iceberg's internal representation of the table
 * column's type (Integer days for date, Long micros for time and timestamps, String, BigDecimal),
 * the values Iceberg's {@code Evaluator} and {@code RowConverter} take. A dictionary is decoded once
 * per column chunk, so a dictionary-encoded value costs an array read, not a new String or
 * BigDecimal per row.
 */
abstract class ParquetValues extends PrimitiveConverter {
  /** The value the column reader last wrote. */
  Object value;

  private Object[] dictionary = new Object[0];

  /**
   * What decodes the file's column into the table column's type, or null if the file stores it in
   * a way only Iceberg's own reader reads (other units, INT96, unsigned integers, other scales).
   */
  static @Nullable ParquetValues of(Type tableType, PrimitiveType fileType) {
    LogicalTypeAnnotation annotation = fileType.getLogicalTypeAnnotation();
    PrimitiveType.PrimitiveTypeName physical = fileType.getPrimitiveTypeName();
    return switch (tableType.typeId()) {
      case BOOLEAN -> physical == PrimitiveType.PrimitiveTypeName.BOOLEAN && annotation == null ? new Booleans() : null;
      case INTEGER -> physical == PrimitiveType.PrimitiveTypeName.INT32 && signedInt(annotation) ? new Ints(Integer::valueOf) : null;
      case LONG -> switch (physical) {
        case INT32 -> signedInt(annotation) ? new Ints(Long::valueOf) : null;
        case INT64 -> signedInt(annotation) ? new Longs(Long::valueOf) : null;
        default -> null;
      };
      case FLOAT -> physical == PrimitiveType.PrimitiveTypeName.FLOAT && annotation == null ? new Floats(Float::valueOf) : null;
      case DOUBLE -> switch (physical) {
        case FLOAT -> annotation == null ? new Floats(Double::valueOf) : null;
        case DOUBLE -> annotation == null ? new Doubles() : null;
        default -> null;
      };
      case DATE -> physical == PrimitiveType.PrimitiveTypeName.INT32 && annotation instanceof DateLogicalTypeAnnotation
          ? new Ints(Integer::valueOf) : null;
      case TIME -> physical == PrimitiveType.PrimitiveTypeName.INT64
          && annotation instanceof TimeLogicalTypeAnnotation time && time.getUnit() == TimeUnit.MICROS
          ? new Longs(Long::valueOf) : null;
      case TIMESTAMP -> physical == PrimitiveType.PrimitiveTypeName.INT64
          && annotation instanceof TimestampLogicalTypeAnnotation timestamp && timestamp.getUnit() == TimeUnit.MICROS
          ? new Longs(Long::valueOf) : null;
      case STRING -> physical == PrimitiveType.PrimitiveTypeName.BINARY
          && (annotation == null || annotation instanceof StringLogicalTypeAnnotation)
          ? new Binaries(Binary::toStringUsingUTF8) : null;
      case DECIMAL -> decimals((Types.DecimalType) tableType, physical, annotation);
      default -> null;
    };
  }

  private static boolean signedInt(@Nullable LogicalTypeAnnotation annotation) {
    return annotation == null || annotation instanceof IntLogicalTypeAnnotation integer && integer.isSigned();
  }

  private static @Nullable ParquetValues decimals(
      Types.DecimalType tableType, PrimitiveType.PrimitiveTypeName physical, @Nullable LogicalTypeAnnotation annotation) {
    if (!(annotation instanceof DecimalLogicalTypeAnnotation decimal)
        || decimal.getScale() != tableType.scale() || decimal.getPrecision() > tableType.precision()) {
      return null;
    }
    int scale = decimal.getScale();
    return switch (physical) {
      case INT32 -> new Ints(unscaled -> BigDecimal.valueOf(unscaled, scale));
      case INT64 -> new Longs(unscaled -> BigDecimal.valueOf(unscaled, scale));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> new Binaries(bytes -> new BigDecimal(new BigInteger(bytes.getBytes()), scale));
      default -> null;
    };
  }

  /** The value of one dictionary entry, in the table column's representation. */
  abstract Object decode(Dictionary values, int id);

  @Override
  public final boolean hasDictionarySupport() {
    return true;
  }

  @Override
  public final void setDictionary(Dictionary values) {
    Object[] decoded = new Object[values.getMaxId() + 1];
    for (int id = 0; id < decoded.length; id++) {
      decoded[id] = decode(values, id);
    }
    dictionary = decoded;
  }

  @Override
  public final void addValueFromDictionary(int id) {
    value = dictionary[id];
  }

  private static final class Booleans extends ParquetValues {
    @Override
    Object decode(Dictionary values, int id) {
      return values.decodeToBoolean(id);
    }

    @Override
    public void addBoolean(boolean plain) {
      value = plain;
    }
  }

  private static final class Ints extends ParquetValues {
    private final IntFunction<Object> convert;

    Ints(IntFunction<Object> convert) {
      this.convert = convert;
    }

    @Override
    Object decode(Dictionary values, int id) {
      return convert.apply(values.decodeToInt(id));
    }

    @Override
    public void addInt(int plain) {
      value = convert.apply(plain);
    }
  }

  private static final class Longs extends ParquetValues {
    private final LongFunction<Object> convert;

    Longs(LongFunction<Object> convert) {
      this.convert = convert;
    }

    @Override
    Object decode(Dictionary values, int id) {
      return convert.apply(values.decodeToLong(id));
    }

    @Override
    public void addLong(long plain) {
      value = convert.apply(plain);
    }
  }

  private static final class Floats extends ParquetValues {
    private final Function<Float, Object> convert;

    Floats(Function<Float, Object> convert) {
      this.convert = convert;
    }

    @Override
    Object decode(Dictionary values, int id) {
      return convert.apply(values.decodeToFloat(id));
    }

    @Override
    public void addFloat(float plain) {
      value = convert.apply(plain);
    }
  }

  private static final class Doubles extends ParquetValues {
    @Override
    Object decode(Dictionary values, int id) {
      return values.decodeToDouble(id);
    }

    @Override
    public void addDouble(double plain) {
      value = plain;
    }
  }

  private static final class Binaries extends ParquetValues {
    private final Function<Binary, Object> convert;

    Binaries(Function<Binary, Object> convert) {
      this.convert = convert;
    }

    @Override
    Object decode(Dictionary values, int id) {
      return convert.apply(values.decodeToBinary(id));
    }

    @Override
    public void addBinary(Binary plain) {
      value = convert.apply(plain);
    }
  }
}
