package dev.s3tables.jdbc.params;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Numbers, booleans and numeric text to TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE and
 * DECIMAL(p, s) parameters, exactly or not at all: a value past the type's range fails with 22003
 * instead of wrapping. Fractional digits into an integer type are dropped (toward zero, as CAST
 * does); into a DECIMAL they are rounded half up to its scale, as the driver stores decimal literals.
 */
final class NumericParameters {
  private NumericParameters() {}

  /** A whole number in {@code [min, max]}, the range of the target's type. */
  static long integer(Target target, Object value, long min, long max) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      long exact = ((Number) value).longValue();
      if (exact < min || exact > max) {
        throw target.outOfRange(value);
      }
      return exact;
    }
    BigDecimal exactValue = decimalOf(target, value);
    // Checked before rescaling: 1e999999999 or 1e-999999999 would take minutes to rescale.
    if (integerDigits(exactValue) > 19) {
      throw target.outOfRange(value);
    }
    BigDecimal whole = integerDigits(exactValue) <= 0 ? BigDecimal.ZERO : exactValue.setScale(0, RoundingMode.DOWN);
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw target.outOfRange(value);
    }
    return whole.longValueExact();
  }

  /** A REAL or DOUBLE: NaN and the infinities stay as they are, a finite value past {@code max} fails. */
  static double approximate(Target target, Object value, double max) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d) && Math.abs(d) > max) {
        throw target.outOfRange(value);
      }
      return d;
    }
    if (value instanceof String s && isNonFinite(s.strip())) {
      return Double.parseDouble(s.strip());
    }
    double d = decimalOf(target, value).doubleValue();
    if (Double.isInfinite(d) || Math.abs(d) > max) {
      throw target.outOfRange(value);
    }
    return d;
  }

  static BigDecimal decimal(Target target, Object value) {
    BigDecimal exactValue = decimalOf(target, value);
    int maxIntegerDigits = target.precision() - target.scale();
    if (integerDigits(exactValue) > maxIntegerDigits) {
      throw target.outOfRange(value);
    }
    if (integerDigits(exactValue) < -target.scale()) {
      return BigDecimal.ZERO.setScale(target.scale());
    }
    BigDecimal scaled = exactValue.setScale(target.scale(), RoundingMode.HALF_UP);
    if (integerDigits(scaled) > maxIntegerDigits) {
      throw target.outOfRange(value);
    }
    return scaled;
  }

  /** Digits before the point (of a value other than zero); zero or less for a value below 1 in magnitude. */
  private static long integerDigits(BigDecimal d) {
    return d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
  }

  /** The exact value of a number, a boolean (1 or 0) or numeric text; NaN and infinities are out of range. */
  private static BigDecimal decimalOf(Target target, Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    } else if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Float f) {
      return finite(target, value, f.doubleValue(), Float.toString(f));
    } else if (value instanceof Double d) {
      return finite(target, value, d, Double.toString(d));
    } else if (value instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (value instanceof String s) {
      return parse(target, s);
    }
    throw target.notConvertible(value);
  }

  /** A float or double by its shortest decimal text (0.1f is 0.1, not 0.100000001490116...). */
  private static BigDecimal finite(Target target, Object value, double d, String text) {
    if (!Double.isFinite(d)) {
      throw target.outOfRange(value);
    }
    return new BigDecimal(text);
  }

  private static BigDecimal parse(Target target, String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw target.error("22018", "'" + text + "' is not a number");
    }
  }

  private static boolean isNonFinite(String text) {
    return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
  }
}
