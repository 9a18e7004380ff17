package dev.s3tables.calcite.scan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DecimalTerm} compiled to steps on unscaled longs, run by one loop over a small stack:
 * a tree of terms called through their interface on every row cost more than the arithmetic.
 * {@link #unscaled} gives the term's digits at its scale, or throws ArithmeticException where a
 * long does not hold a value, a step or what an overflow check returns unchanged; the caller then
 * computes that row with {@link DecimalTerm#exact}. Not thread-safe: one per reader.
 */
final class DecimalProgram {
  /** What {@link #unscaled} answers for SQL NULL. */
  static final long NULL = Long.MIN_VALUE;

  private static final int COLUMN = 0;
  private static final int LITERAL = 1;
  private static final int PLUS = 2;
  private static final int MINUS = 3;
  private static final int TIMES = 4;
  private static final int CHECK = 5;
  /** A step a long never computes: a literal or rescaling past 18 digits, a check of another scale. */
  private static final int FALL_BACK = 6;

  /** 10^0 to 10^18, every power of ten a long holds; never written. */
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final DecimalTerm term;
  private final int[] operations;
  /** Per step: the column's slot, a literal's digits, or the limit of a check (10^precision; 0 for none). */
  private final long[] arguments;
  /** Per step: for + and -, the powers of ten that bring the left and the right operand to the step's scale; a column's scale. */
  private final long[] leftFactors;
  private final long[] rightFactors;
  private final int[] columns;
  private final long[] stack;

  DecimalProgram(DecimalTerm term) {
    this.term = term;
    List<long[]> steps = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    int depth = compile(term, steps, slots, 0);
    operations = new int[steps.size()];
    arguments = new long[steps.size()];
    leftFactors = new long[steps.size()];
    rightFactors = new long[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      long[] step = steps.get(i);
      operations[i] = (int) step[0];
      arguments[i] = step[1];
      leftFactors[i] = step[2];
      rightFactors[i] = step[3];
    }
    columns = slots.stream().mapToInt(Integer::intValue).distinct().toArray();
    stack = new long[depth];
  }

  DecimalTerm term() {
    return term;
  }

  /** True if the term is NULL in the row: a column it reads is. */
  boolean isNull(Object[] row) {
    for (int column : columns) {
      if (row[column] == null) {
        return true;
      }
    }
    return false;
  }

  /** The term's digits at its scale, or {@link #NULL}. */
  long unscaled(Object[] row) {
    if (operations.length == 1 && operations[0] == COLUMN) {
      // SUM(column), the most common term, without the loop.
      return columnDigits(row, 0);
    }
    int top = -1;
    for (int i = 0; i < operations.length; i++) {
      switch (operations[i]) {
        case COLUMN -> {
          long digits = columnDigits(row, i);
          if (digits == NULL) {
            return NULL;
          }
          stack[++top] = digits;
        }
        case LITERAL -> stack[++top] = arguments[i];
        case PLUS -> {
          top--;
          stack[top] = Math.addExact(Math.multiplyExact(stack[top], leftFactors[i]),
              Math.multiplyExact(stack[top + 1], rightFactors[i]));
        }
        case MINUS -> {
          top--;
          stack[top] = Math.subtractExact(Math.multiplyExact(stack[top], leftFactors[i]),
              Math.multiplyExact(stack[top + 1], rightFactors[i]));
        }
        case TIMES -> {
          top--;
          stack[top] = Math.multiplyExact(stack[top], stack[top + 1]);
        }
        case CHECK -> {
          if (arguments[i] != 0 && (stack[top] == Long.MIN_VALUE || Math.abs(stack[top]) >= arguments[i])) {
            throw new ArithmeticException("checked with BigDecimal");
          }
        }
        default -> throw new ArithmeticException("computed with BigDecimal");
      }
    }
    if (stack[0] == NULL) {
      throw new ArithmeticException("the value stands for NULL");
    }
    return stack[0];
  }

  /** The digits of the column read by step {@code i} at its scale, {@link #NULL} for NULL. */
  private long columnDigits(Object[] row, int i) {
    Object value = row[(int) arguments[i]];
    if (value == null) {
      return NULL;
    }
    long digits = value instanceof BigDecimal decimal
        ? decimal.scaleByPowerOfTen((int) leftFactors[i]).longValueExact()
        : ((Number) value).longValue();
    if (digits == NULL) {
      throw new ArithmeticException("the value stands for NULL");
    }
    return digits;
  }

  /** Appends the term's steps, operands first; answers the stack depth they need. */
  private static int compile(DecimalTerm term, List<long[]> steps, List<Integer> slots, int depth) {
    if (term instanceof DecimalTerm.Column column) {
      slots.add(column.slot());
      steps.add(new long[] {COLUMN, column.slot(), column.scale(), 0});
      return depth + 1;
    }
    if (term instanceof DecimalTerm.Literal literal) {
      try {
        steps.add(new long[] {LITERAL, literal.value().scaleByPowerOfTen(literal.scale()).longValueExact(), 0, 0});
      } catch (ArithmeticException e) {
        steps.add(new long[] {FALL_BACK, 0, 0, 0});
      }
      return depth + 1;
    }
    if (term instanceof DecimalTerm.Check check) {
      int needed = compile(check.value(), steps, slots, depth);
      boolean sameScale = check.value().scale() == check.scale() && check.scale() >= 0;
      // A value of fewer digits than the precision is what the check returns unchanged.
      long limit = check.precision() < POWERS_OF_TEN.length ? POWERS_OF_TEN[Math.max(check.precision(), 0)] : 0;
      steps.add(new long[] {sameScale ? CHECK : FALL_BACK, limit, 0, 0});
      return needed;
    }
    DecimalTerm.Arithmetic arithmetic = (DecimalTerm.Arithmetic) term;
    int left = compile(arithmetic.left(), steps, slots, depth);
    int right = compile(arithmetic.right(), steps, slots, depth + 1);
    int byLeft = arithmetic.scale() - arithmetic.left().scale();
    int byRight = arithmetic.scale() - arithmetic.right().scale();
    int operation = switch (arithmetic.operator()) {
      case PLUS -> PLUS;
      case MINUS -> MINUS;
      case TIMES -> TIMES;
    };
    if (operation != TIMES && (byLeft >= POWERS_OF_TEN.length || byRight >= POWERS_OF_TEN.length)) {
      operation = FALL_BACK;
    }
    steps.add(new long[] {operation, 0,
        operation == FALL_BACK || operation == TIMES ? 1 : POWERS_OF_TEN[byLeft],
        operation == FALL_BACK || operation == TIMES ? 1 : POWERS_OF_TEN[byRight]});
    return Math.max(left, right);
  }
}
