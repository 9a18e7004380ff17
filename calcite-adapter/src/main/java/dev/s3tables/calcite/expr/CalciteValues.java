package dev.s3tables.calcite.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.Spaces;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Calcite side of a comparison: which Calcite types compare alike, and the value Calcite's
 * generated code compares with for a literal or a bound parameter.
 *
 * <p>Values are returned in one representation per {@link Kind}: EXACT as BigDecimal, APPROX as
 * Double, DATE and TIME as Integer (days, millis of day), TIMESTAMP and TIMESTAMP_LTZ as Long
 * millis, CHAR as String, BINARY as ByteString, BOOLEAN as Boolean, UUID as UUID.
 */
final class CalciteValues {

  /** Families of Calcite types whose values compare with each other without conversion. */
  enum Kind { EXACT, APPROX, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, CHAR, BINARY, BOOLEAN, UUID }

  private CalciteValues() {}

  static @Nullable Kind kind(RelDataType type) {
    switch (type.getSqlTypeName()) {
    case TINYINT: case SMALLINT: case INTEGER: case BIGINT: case DECIMAL:
      return Kind.EXACT;
    case REAL: case FLOAT: case DOUBLE:
      return Kind.APPROX;
    case DATE:
      return Kind.DATE;
    case TIME:
      return Kind.TIME;
    case TIMESTAMP:
      return Kind.TIMESTAMP;
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return Kind.TIMESTAMP_LTZ;
    case CHAR: case VARCHAR:
      // A collation with its own comparator makes Calcite compare through it, not String order.
      SqlCollation collation = type.getCollation();
      return collation == null || collation.getCollator() == null ? Kind.CHAR : null;
    case BINARY: case VARBINARY:
      return Kind.BINARY;
    case BOOLEAN:
      return Kind.BOOLEAN;
    case UUID:
      return Kind.UUID;
    default:
      return null;
    }
  }

  /** Whether a column of this Iceberg type can appear in Calcite with a type of this kind. */
  static boolean fits(Type type, @Nullable Kind kind) {
    if (kind == null) {
      return false;
    }
    switch (type.typeId()) {
    case BOOLEAN:
      return kind == Kind.BOOLEAN;
    case INTEGER: case LONG: case DECIMAL:
      return kind == Kind.EXACT;
    case FLOAT: case DOUBLE:
      return kind == Kind.APPROX;
    case DATE:
      return kind == Kind.DATE;
    case TIME:
      return kind == Kind.TIME;
    case TIMESTAMP:
      return kind == (((Types.TimestampType) type).shouldAdjustToUTC()
          ? Kind.TIMESTAMP_LTZ : Kind.TIMESTAMP);
    case TIMESTAMP_NANO:
      return kind == (((Types.TimestampNanoType) type).shouldAdjustToUTC()
          ? Kind.TIMESTAMP_LTZ : Kind.TIMESTAMP);
    case STRING:
      return kind == Kind.CHAR;
    case UUID:
      return kind == Kind.UUID || kind == Kind.CHAR;
    case BINARY: case FIXED:
      return kind == Kind.BINARY;
    default:
      return false;
    }
  }

  /**
   * Whether {@code CAST(x AS to)} keeps every value of type {@code from} unchanged, so that a
   * comparison of the cast equals the comparison of the column itself.
   */
  static boolean isLosslessCast(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (f == t && from.getPrecision() == to.getPrecision() && from.getScale() == to.getScale()) {
      return true;
    }
    switch (f) {
    case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
      if (t == SqlTypeName.DECIMAL) {
        return to.getPrecision() - to.getScale() >= integerDigits(f);
      }
      return (t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT)
          && integerDigits(t) >= integerDigits(f);
    case DECIMAL:
      return t == SqlTypeName.DECIMAL && to.getScale() >= from.getScale()
          && to.getPrecision() - to.getScale() >= from.getPrecision() - from.getScale();
    case REAL: case FLOAT: case DOUBLE:
      return t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT;
    case TIME: case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return t == f && to.getPrecision() >= from.getPrecision();
    case VARCHAR: case VARBINARY:
      return t == f && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
          && from.getPrecision() <= to.getPrecision());
    default:
      return false;
    }
  }

  private static int integerDigits(SqlTypeName name) {
    switch (name) {
    case TINYINT: return 3;
    case SMALLINT: return 5;
    case INTEGER: return 10;
    default: return 19;
    }
  }

  /**
   * The value Calcite's generated code uses for this literal (as RexToLixTranslator does); null
   * for NULL.
   */
  static @Nullable Object ofLiteral(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    Kind kind = kind(literal.getType());
    if (kind == null) {
      return null;
    }
    switch (kind) {
    case EXACT:
      return literal.getValueAs(BigDecimal.class);
    case APPROX:
      Number number = (Number) literal.getValueAs(Comparable.class);
      return literal.getType().getSqlTypeName() == SqlTypeName.REAL
          ? (double) number.floatValue() : number.doubleValue();
    case DATE: case TIME:
      return literal.getValueAs(Integer.class);
    case TIMESTAMP: case TIMESTAMP_LTZ:
      return literal.getValueAs(Long.class);
    case CHAR:
      return literal.getValueAs(String.class);
    case BINARY:
      return literal.getValueAs(ByteString.class);
    case BOOLEAN:
      return literal.getValueAs(Boolean.class);
    default:
      return UUID.fromString(literal.getValueAs(String.class));
    }
  }

  /**
   * The value Calcite's generated code compares with when a parameter of this type is bound to
   * {@code value} (see RexToLixTranslator.visitDynamicParam): numbers are narrowed to the type,
   * fractions truncated towards zero; strings and byte strings are truncated to a declared
   * length, strings also padded with spaces for CHAR (byte strings are never padded: Calcite
   * treats the parameter as an unbounded VARBINARY). Returns null where Calcite's comparison is
   * UNKNOWN and also where Calcite would fail or overflow: a value of another Java class (a
   * ClassCastException in Calcite), a number out of the type's range or not finite.
   */
  static @Nullable Object ofParameter(@Nullable Object value, RelDataType type) {
    Kind kind = kind(type);
    if (value == null || kind == null) {
      return null;
    }
    switch (kind) {
    case EXACT:
      return value instanceof Number ? exactParameter((Number) value, type.getSqlTypeName()) : null;
    case APPROX:
      if (!(value instanceof Number)) {
        return null;
      }
      return type.getSqlTypeName() == SqlTypeName.REAL
          ? (double) ((Number) value).floatValue() : ((Number) value).doubleValue();
    case DATE: case TIME:
      return value instanceof Integer ? value : null;
    case TIMESTAMP: case TIMESTAMP_LTZ:
      return value instanceof Long ? value : null;
    case CHAR:
      return value instanceof String ? fitString((String) value, type) : null;
    case BINARY:
      return value instanceof ByteString ? fitBytes((ByteString) value, type) : null;
    case BOOLEAN:
      return value instanceof Boolean ? value : null;
    default:
      return value instanceof UUID ? value : null;
    }
  }

  private static @Nullable BigDecimal exactParameter(Number number, SqlTypeName type) {
    final BigDecimal exact;
    if (number instanceof BigDecimal) {
      exact = (BigDecimal) number;
    } else if (number instanceof BigInteger) {
      exact = new BigDecimal((BigInteger) number);
    } else if (number instanceof Long || number instanceof Integer
        || number instanceof Short || number instanceof Byte) {
      exact = BigDecimal.valueOf(number.longValue());
    } else if (Double.isFinite(number.doubleValue())) {
      exact = new BigDecimal(number.doubleValue());
    } else {
      return null;
    }
    if (type == SqlTypeName.DECIMAL) {
      return exact;
    }
    int bits = type == SqlTypeName.TINYINT ? 8 : type == SqlTypeName.SMALLINT ? 16
        : type == SqlTypeName.INTEGER ? 32 : 64;
    // Truncated towards zero, the value fits the type iff -2^(bits-1) - 1 < value < 2^(bits-1).
    BigDecimal limit = new BigDecimal(BigInteger.ONE.shiftLeft(bits - 1));
    if (exact.compareTo(limit) >= 0
        || exact.compareTo(limit.negate().subtract(BigDecimal.ONE)) <= 0) {
      return null;
    }
    return new BigDecimal(towardsZero(exact));
  }

  /** The value rounded towards zero, at a cost bounded by its digits, not by its exponent. */
  static BigInteger towardsZero(BigDecimal value) {
    int digits = value.precision() - value.scale();
    return digits <= 0 ? BigInteger.ZERO
        : value.round(new MathContext(digits, RoundingMode.DOWN)).toBigIntegerExact();
  }

  private static String fitString(String value, RelDataType type) {
    int length = type.getPrecision();
    if (length < 0 || value.length() == length) {
      return value;
    }
    if (value.length() > length) {
      return value.substring(0, length);
    }
    return type.getSqlTypeName() == SqlTypeName.CHAR ? Spaces.padRight(value, length) : value;
  }

  private static ByteString fitBytes(ByteString value, RelDataType type) {
    int length = type.getPrecision();
    return length >= 0 && value.length() > length ? value.substring(0, length) : value;
  }
}
