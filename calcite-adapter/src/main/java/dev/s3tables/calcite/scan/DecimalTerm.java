package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.plan.DecimalOverflowCheck;
import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A DECIMAL expression over a scan's row, made of columns, literals, +, - and * whose exact result
 * has the expression's scale, and overflow checks: what a SUM adds per row. It is computed on the
 * unscaled digits in a long where they fit ({@link #unscaled}) and otherwise exactly as Calcite's
 * generated code computes it, with BigDecimal ({@link #exact}); both give the same number.
 * Immutable.
 */
public sealed interface DecimalTerm permits DecimalTerm.Column, DecimalTerm.Literal, DecimalTerm.Arithmetic,
    DecimalTerm.Check {
  /** The unscaled value standing for SQL NULL; a value that is this number is computed with BigDecimal. */
  long NULL = Long.MIN_VALUE;

  /** The scale of every value of the expression. */
  int scale();

  /**
   * The value's digits at {@link #scale}, or {@link #NULL}.
   *
   * @throws ArithmeticException if a long cannot hold the value or a step to it: compute it with {@link #exact}
   */
  long unscaled(Object[] row);

  /** The value as Calcite's generated code computes it, or null for SQL NULL. */
  @Nullable BigDecimal exact(Object[] row);

  /** True if the value is SQL NULL: a column it reads is. */
  boolean isNull(Object[] row);

  /** A column of the row: a DECIMAL of this scale, or an integer of any width (scale 0). */
  record Column(int slot, int scale) implements DecimalTerm {
    @Override
    public long unscaled(Object[] row) {
      Object value = row[slot];
      if (value == null) {
        return NULL;
      }
      long digits = value instanceof BigDecimal decimal
          ? decimal.scaleByPowerOfTen(scale).longValueExact()
          : ((Number) value).longValue();
      return notNull(digits);
    }

    @Override
    public boolean isNull(Object[] row) {
      return row[slot] == null;
    }

    @Override
    public @Nullable BigDecimal exact(Object[] row) {
      Object value = row[slot];
      return value == null || value instanceof BigDecimal ? (BigDecimal) value : BigDecimal.valueOf(((Number) value).longValue());
    }
  }

  /** A number, not NULL, and its unscaled digits if a long holds them ({@link #NULL} if not). */
  record Literal(BigDecimal value, long digits) implements DecimalTerm {
    public Literal {
      requireNonNull(value, "value");
    }

    public Literal(BigDecimal value) {
      this(value, digitsOf(value));
    }

    private static long digitsOf(BigDecimal value) {
      try {
        return value.scaleByPowerOfTen(value.scale()).longValueExact();
      } catch (ArithmeticException e) {
        return NULL;
      }
    }

    @Override
    public int scale() {
      return value.scale();
    }

    @Override
    public long unscaled(Object[] row) {
      return notNull(digits);
    }

    @Override
    public BigDecimal exact(Object[] row) {
      return value;
    }

    @Override
    public boolean isNull(Object[] row) {
      return false;
    }
  }

  /** The operators, exact on BigDecimal as Calcite's runtime computes them. */
  enum Operator {
    PLUS,
    MINUS,
    TIMES
  }

  /** {@code left op right}, of the exact result's scale: the larger operand scale, or their sum for *. */
  record Arithmetic(Operator operator, DecimalTerm left, DecimalTerm right, int scale) implements DecimalTerm {
    public Arithmetic {
      requireNonNull(operator, "operator");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      if (scale != exactScale(operator, left, right)) {
        throw new IllegalArgumentException(operator + " of scales " + left.scale() + " and " + right.scale()
            + " does not have scale " + scale);
      }
    }

    public Arithmetic(Operator operator, DecimalTerm left, DecimalTerm right) {
      this(operator, left, right, exactScale(operator, left, right));
    }

    private static int exactScale(Operator operator, DecimalTerm left, DecimalTerm right) {
      return operator == Operator.TIMES ? left.scale() + right.scale() : Math.max(left.scale(), right.scale());
    }

    @Override
    public long unscaled(Object[] row) {
      long a = left.unscaled(row);
      long b = right.unscaled(row);
      if (a == NULL || b == NULL) {
        return NULL;
      }
      return notNull(switch (operator) {
        case TIMES -> Math.multiplyExact(a, b);
        case PLUS -> Math.addExact(rescale(a, left.scale()), rescale(b, right.scale()));
        case MINUS -> Math.subtractExact(rescale(a, left.scale()), rescale(b, right.scale()));
      });
    }

    private long rescale(long digits, int from) {
      int by = scale - from;
      if (by >= TenPowers.LONG.length) {
        throw new ArithmeticException("rescale by 10^" + by);
      }
      return Math.multiplyExact(digits, TenPowers.LONG[by]);
    }

    @Override
    public boolean isNull(Object[] row) {
      return left.isNull(row) || right.isNull(row);
    }

    @Override
    public @Nullable BigDecimal exact(Object[] row) {
      BigDecimal a = left.exact(row);
      BigDecimal b = right.exact(row);
      if (a == null || b == null) {
        return null;
      }
      return switch (operator) {
        case TIMES -> a.multiply(b);
        case PLUS -> a.add(b);
        case MINUS -> a.subtract(b);
      };
    }
  }

  /** {@link DecimalOverflowCheck#check}: the value, or 22003 if it has more digits than {@code precision}. */
  record Check(DecimalTerm value, int precision, int scale) implements DecimalTerm {
    public Check {
      requireNonNull(value, "value");
    }

    @Override
    public long unscaled(Object[] row) {
      long digits = value.unscaled(row);
      if (digits == NULL) {
        return NULL;
      }
      // What the check returns unchanged: the value has the scale and at most precision digits.
      if (value.scale() != scale || scale < 0 || precision < TenPowers.LONG.length && Math.abs(digits) >= TenPowers.LONG[precision]) {
        throw new ArithmeticException("checked with BigDecimal");
      }
      return digits;
    }

    @Override
    public boolean isNull(Object[] row) {
      return value.isNull(row);
    }

    @Override
    public @Nullable BigDecimal exact(Object[] row) {
      BigDecimal digits = value.exact(row);
      return digits == null ? null : DecimalOverflowCheck.check(digits, precision, scale);
    }
  }

  private static long notNull(long digits) {
    if (digits == NULL) {
      throw new ArithmeticException("the value stands for NULL");
    }
    return digits;
  }
}
