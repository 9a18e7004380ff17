package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.plan.DecimalOverflowCheck;
import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A DECIMAL expression over a scan's row, made of columns, literals, +, - and * whose exact result
 * has the expression's scale, and overflow checks: what a SUM adds per row. {@link #exact} computes
 * it as Calcite's generated code does, with BigDecimal; {@link DecimalProgram} computes the same
 * number on unscaled longs where they hold it. Every step is NULL if an operand is, so the term is
 * NULL exactly where a column it reads is. Immutable.
 */
public sealed interface DecimalTerm permits DecimalTerm.Column, DecimalTerm.Literal, DecimalTerm.Arithmetic,
    DecimalTerm.Check {
  /** The scale of every value of the expression. */
  int scale();

  /** The value as Calcite's generated code computes it, or null for SQL NULL. */
  @Nullable BigDecimal exact(Object[] row);

  /** A column of the row: a DECIMAL of this scale, or an integer of any width (scale 0). */
  record Column(int slot, int scale) implements DecimalTerm {
    @Override
    public @Nullable BigDecimal exact(Object[] row) {
      Object value = row[slot];
      return value == null || value instanceof BigDecimal ? (BigDecimal) value : BigDecimal.valueOf(((Number) value).longValue());
    }
  }

  /** A number, not NULL. */
  record Literal(BigDecimal value) implements DecimalTerm {
    public Literal {
      requireNonNull(value, "value");
    }

    @Override
    public int scale() {
      return value.scale();
    }

    @Override
    public BigDecimal exact(Object[] row) {
      return value;
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
    public @Nullable BigDecimal exact(Object[] row) {
      BigDecimal digits = value.exact(row);
      return digits == null ? null : DecimalOverflowCheck.check(digits, precision, scale);
    }
  }
}
