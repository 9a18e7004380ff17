package dev.s3tables.calcite.expr;

import static org.apache.iceberg.expressions.Expressions.alwaysFalse;
import static org.apache.iceberg.expressions.Expressions.equal;
import static org.apache.iceberg.expressions.Expressions.greaterThan;
import static org.apache.iceberg.expressions.Expressions.greaterThanOrEqual;
import static org.apache.iceberg.expressions.Expressions.isNaN;
import static org.apache.iceberg.expressions.Expressions.lessThan;
import static org.apache.iceberg.expressions.Expressions.lessThanOrEqual;
import static org.apache.iceberg.expressions.Expressions.notEqual;
import static org.apache.iceberg.expressions.Expressions.notNaN;
import static org.apache.iceberg.expressions.Expressions.notNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.sql.SqlKind;
import org.apache.iceberg.expressions.And;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expression.Operation;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.NamedReference;
import org.apache.iceberg.expressions.Or;
import org.apache.iceberg.expressions.UnboundPredicate;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Iceberg side of a comparison: the Iceberg expression that selects exactly the rows for
 * which one Calcite comparison {@code column op value} is TRUE.
 *
 * <p>Iceberg's {@code Evaluator} orders values nulls-first with NaN above +Infinity and -0.0
 * below 0.0 ({@code Double.compare}), so {@code <}, {@code <=}, {@code <>}, NOT IN and
 * notStartsWith are true for NULL and {@code >}, {@code >=}, {@code <>} for NaN. Calcite compares
 * with Java operators, where NULL makes the comparison UNKNOWN, NaN is neither less, greater nor
 * equal, and {@code -0.0 == 0.0}. Every predicate built here is guarded so that the two agree.
 */
final class IcebergPredicates {

  enum Op {
    EQ, NE, LT, LE, GT, GE;

    static @Nullable Op of(SqlKind kind) {
      switch (kind) {
      case EQUALS: return EQ;
      case NOT_EQUALS: return NE;
      case LESS_THAN: return LT;
      case LESS_THAN_OR_EQUAL: return LE;
      case GREATER_THAN: return GT;
      case GREATER_THAN_OR_EQUAL: return GE;
      default: return null;
      }
    }

    /** The operator that holds for non-null, non-NaN operands exactly when this one does not. */
    Op negate() {
      switch (this) {
      case EQ: return NE;
      case NE: return EQ;
      case LT: return GE;
      case LE: return GT;
      case GT: return LE;
      default: return LT;
      }
    }

    /** The operator for the operands swapped. */
    Op reverse() {
      switch (this) {
      case LT: return GT;
      case LE: return GE;
      case GT: return LT;
      case GE: return LE;
      default: return this;
      }
    }

    boolean isRange() {
      return this != EQ && this != NE;
    }
  }

  /** A top-level Iceberg column compared in Calcite as a value of this kind. */
  record Column(String name, Type.PrimitiveType type, CalciteValues.Kind kind) {}

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final Set<Operation> UNARY =
      Set.of(Operation.IS_NULL, Operation.NOT_NULL, Operation.IS_NAN, Operation.NOT_NAN);

  private IcebergPredicates() {}

  /** Whether {@link #compare} converts this comparison for every value, known or not. */
  static boolean convertsAnyValue(Column column, Op op) {
    Type.TypeID type = column.type().typeId();
    return !op.isRange() || type != Type.TypeID.STRING && type != Type.TypeID.UUID;
  }

  /**
   * Rows where {@code column op value} is TRUE in Calcite, or FALSE when {@code negated}; the
   * value is Calcite's runtime value (see {@link CalciteValues}) and not null. Returns null if
   * the comparison cannot be expressed exactly.
   */
  static @Nullable Expression compare(Column column, Op op, boolean negated, Object value) {
    String name = column.name();
    Type.PrimitiveType type = column.type();
    if (type.typeId() == Type.TypeID.FLOAT || type.typeId() == Type.TypeID.DOUBLE) {
      return approximate(name, type.typeId() == Type.TypeID.FLOAT, op, negated, (Double) value);
    }
    Op o = negated ? op.negate() : op;
    switch (type.typeId()) {
    case BOOLEAN:
      return ordered(name, o, value);
    case INTEGER:
      return onGrid(name, o, (BigDecimal) value, 0, INT_MIN, INT_MAX,
          point(name, BigInteger::intValueExact));
    case LONG:
      return onGrid(name, o, (BigDecimal) value, 0, LONG_MIN, LONG_MAX,
          point(name, BigInteger::longValueExact));
    case DECIMAL:
      int scale = ((Types.DecimalType) type).scale();
      BigInteger max = BigInteger.TEN.pow(((Types.DecimalType) type).precision())
          .subtract(BigInteger.ONE);
      return onGrid(name, o, (BigDecimal) value, scale, max.negate(), max,
          point(name, k -> new BigDecimal(k, scale)));
    case DATE:
      return onGrid(name, o, BigDecimal.valueOf((Integer) value), 0, INT_MIN, INT_MAX,
          point(name, BigInteger::intValueExact));
    case TIME:
      return millisBuckets(name, o, (Integer) value, 1_000L, 0, MILLIS_PER_DAY - 1);
    case TIMESTAMP:
      return millisBuckets(name, o, (Long) value, 1_000L,
          Math.floorDiv(Long.MIN_VALUE, 1_000L), Math.floorDiv(Long.MAX_VALUE, 1_000L));
    case TIMESTAMP_NANO:
      return millisBuckets(name, o, (Long) value, 1_000_000L,
          Math.floorDiv(Long.MIN_VALUE, 1_000_000L), Math.floorDiv(Long.MAX_VALUE, 1_000_000L));
    case STRING:
      return !o.isRange() || ordersAlike((String) value) ? ordered(name, o, value) : null;
    case UUID:
      return uuid(name, o, value);
    case BINARY:
      return ordered(name, o, ByteBuffer.wrap(((ByteString) value).getBytes()));
    case FIXED:
      return fixed(name, o, ((ByteString) value).getBytes(), ((Types.FixedType) type).length());
    default:
      return null;
    }
  }

  /** The guarded Iceberg predicate for a total order without NaN. */
  private static Expression ordered(String name, Op op, Object value) {
    switch (op) {
    case EQ: return equal(name, value);
    case NE: return allOf(List.of(notNull(name), notEqual(name, value)));
    case LT: return allOf(List.of(notNull(name), lessThan(name, value)));
    case LE: return allOf(List.of(notNull(name), lessThanOrEqual(name, value)));
    case GT: return greaterThan(name, value);
    default: return greaterThanOrEqual(name, value);
    }
  }

  private static BiFunction<Op, BigInteger, Expression> point(
      String name, Function<BigInteger, Object> literal) {
    return (op, k) -> ordered(name, op, literal.apply(k));
  }

  /**
   * Compares a column whose values are the multiples of 10^-scale within [min, max] (in those
   * units) with an exact value: a value between two grid points turns = into no row, <> into
   * every row, and moves a bound to the grid point on the side that keeps the same rows.
   */
  private static Expression onGrid(String name, Op op, BigDecimal value, int scale,
      BigInteger min, BigInteger max, BiFunction<Op, BigInteger, Expression> emit) {
    BigDecimal scaled = value.scaleByPowerOfTen(scale);
    boolean below = scaled.compareTo(new BigDecimal(min)) < 0;
    if (below || scaled.compareTo(new BigDecimal(max)) > 0) {
      // Every value of the column lies on the same side of it.
      boolean holds = op == Op.NE || op != Op.EQ && below == (op == Op.GT || op == Op.GE);
      return holds ? notNull(name) : alwaysFalse();
    }
    Op o = op;
    BigDecimal stripped = scaled.stripTrailingZeros();
    BigInteger point = CalciteValues.towardsZero(stripped);
    if (stripped.scale() > 0) {
      switch (op) {
      case EQ: return alwaysFalse();
      case NE: return notNull(name);
      case LT: case LE:
        o = Op.LE;
        point = stripped.signum() < 0 ? point.subtract(BigInteger.ONE) : point;
        break;
      default:
        o = Op.GE;
        point = stripped.signum() > 0 ? point.add(BigInteger.ONE) : point;
        break;
      }
    }
    // A bound at an end of the range keeps none or all of the column's values.
    if (o == Op.LT && point.equals(min) || o == Op.GT && point.equals(max)) {
      return alwaysFalse();
    }
    if (o == Op.LE && point.equals(max) || o == Op.GE && point.equals(min)) {
      return notNull(name);
    }
    return emit.apply(o, point);
  }

  /**
   * Time and timestamps reach Calcite as milliseconds truncated towards the past (IcebergTypes),
   * so the Calcite value k stands for the stored values [k, k + 1) ms; bounds are given to Iceberg
   * as microseconds (it widens them for nanosecond columns). {@code perMilli} is the stored units
   * per millisecond, [min, max] the millisecond values the stored range covers.
   */
  private static Expression millisBuckets(String name, Op op, long millis, long perMilli,
      long min, long max) {
    return onGrid(name, op, BigDecimal.valueOf(millis), 0, BigInteger.valueOf(min),
        BigInteger.valueOf(max), (o, big) -> {
          long k = big.longValueExact();
          // null: the first bucket starts below the smallest stored value, the last ends above
          // the largest
          Long start = micros(k, perMilli);
          Long end = k < max ? micros(k + 1, perMilli) : null;
          switch (o) {
          case EQ: return between(name, start, end);
          case NE: return anyOf(List.of(between(name, null, start), between(name, end, null)));
          case LT: return between(name, null, start);
          case LE: return between(name, null, end);
          case GT: return between(name, end, null);
          default: return between(name, start, null);
          }
        });
  }

  private static @Nullable Long micros(long millis, long perMilli) {
    try {
      Math.multiplyExact(millis, perMilli);
      return millis * 1_000L;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Non-null rows in [from, to) microseconds; a null bound is unbounded, both null is none. */
  private static Expression between(String name, @Nullable Long from, @Nullable Long to) {
    if (from == null && to == null) {
      return alwaysFalse();
    }
    List<Expression> parts = new ArrayList<>();
    parts.add(from == null ? notNull(name) : greaterThanOrEqual(name, from));
    if (to != null) {
      parts.add(lessThan(name, to));
    }
    return allOf(parts);
  }

  /**
   * Float and double: Calcite compares with Java's primitive operators, so NaN satisfies only
   * {@code <>} (and the negation of every other operator), and -0.0 equals 0.0. A float column
   * compared with a double value is compared with the nearest floats that keep the same rows.
   */
  private static Expression approximate(String name, boolean isFloat, Op op, boolean negated,
      double value) {
    boolean nanMatches = (op == Op.NE) != negated;
    Op o = negated ? op.negate() : op;
    if (Double.isNaN(value)) {
      return nanMatches ? notNull(name) : alwaysFalse();
    }
    double bound = value;
    if (isFloat) {
      float f = (float) value;
      if (f != value) {
        switch (o) {
        case EQ: return alwaysFalse();
        case NE: return notNull(name);
        case LT: case LE: o = f < value ? Op.LE : Op.LT; break;
        default: o = f > value ? Op.GE : Op.GT; break;
        }
      }
      bound = f;
    }
    Object negZero = isFloat ? (Object) (-0.0f) : (Object) (-0.0d);
    Object posZero = isFloat ? (Object) 0.0f : (Object) 0.0d;
    Object literal = isFloat ? (Object) (float) bound : (Object) bound;
    boolean zero = bound == 0;
    Expression core;
    switch (o) {
    case EQ: core = zero ? Expressions.in(name, negZero, posZero) : equal(name, literal); break;
    case NE:
      core = zero ? Expressions.notIn(name, negZero, posZero) : notEqual(name, literal);
      break;
    case LT: core = lessThan(name, zero ? negZero : literal); break;
    case LE: core = lessThanOrEqual(name, zero ? posZero : literal); break;
    case GT: core = greaterThan(name, zero ? posZero : literal); break;
    default: core = greaterThanOrEqual(name, zero ? negZero : literal); break;
    }
    boolean icebergNaN = o == Op.NE || o == Op.GT || o == Op.GE;
    if (nanMatches && !icebergNaN) {
      core = anyOf(List.of(core, isNaN(name)));
    } else if (!nanMatches && icebergNaN) {
      core = allOf(List.of(core, notNaN(name)));
    }
    boolean icebergNull = o == Op.NE || o == Op.LT || o == Op.LE;
    return icebergNull ? allOf(List.of(notNull(name), core)) : core;
  }

  /**
   * Iceberg compares strings char by char but puts a high surrogate above every other char;
   * String.compareTo (Calcite) puts it below U+DC00..U+FFFF. With no char of the value at or above
   * U+D800 the first difference decides the same way in both.
   */
  private static boolean ordersAlike(String value) {
    return value.chars().allMatch(c -> c < 0xD800);
  }

  /** Calcite sees a uuid column as its lowercase canonical text; only = and <> are converted. */
  private static @Nullable Expression uuid(String name, Op op, Object value) {
    if (op.isRange()) {
      return null;
    }
    UUID uuid = value instanceof UUID ? (UUID) value : canonicalUuid((String) value);
    if (uuid == null) {
      return op == Op.EQ ? alwaysFalse() : notNull(name);
    }
    return ordered(name, op, uuid);
  }

  private static @Nullable UUID canonicalUuid(String text) {
    try {
      UUID uuid = UUID.fromString(text);
      return uuid.toString().equals(text) ? uuid : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * fixed(n) binds only n-byte literals. Bytes compare unsigned, shorter first, in both systems:
   * against a longer value a column value compares as against the value's first n bytes (and is
   * smaller when those are equal); against a shorter value, as against the value padded with zero
   * bytes (the smallest n-byte value starting with it).
   */
  private static Expression fixed(String name, Op op, byte[] value, int length) {
    if (value.length == length) {
      return ordered(name, op, ByteBuffer.wrap(value));
    }
    if (!op.isRange()) {
      return op == Op.EQ ? alwaysFalse() : notNull(name);
    }
    boolean below = op == Op.LT || op == Op.LE;
    Op o = value.length > length ? (below ? Op.LE : Op.GT) : (below ? Op.LT : Op.GE);
    return ordered(name, o, ByteBuffer.wrap(Arrays.copyOf(value, length)));
  }

  /** AND of the parts; merges <>/NOT IN of a column into one NOT IN, drops repeated guards. */
  static Expression allOf(List<Expression> parts) {
    return combine(parts, Operation.AND);
  }

  /** OR of the parts; merges =/IN of a column into one IN. */
  static Expression anyOf(List<Expression> parts) {
    return combine(parts, Operation.OR);
  }

  private static Expression combine(List<Expression> parts, Operation op) {
    boolean and = op == Operation.AND;
    Operation merged = and ? Operation.NOT_IN : Operation.IN;
    Operation single = and ? Operation.NOT_EQ : Operation.EQ;
    List<Expression> flat = new ArrayList<>();
    parts.forEach(part -> flatten(part, op, flat));
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (Expression e : flat) {
      String column = columnOf(e);
      if (column != null && (e.op() == single || e.op() == merged)) {
        List<Object> list = values.computeIfAbsent(column, c -> new ArrayList<>());
        ((UnboundPredicate<?>) e).literals().forEach(l -> list.add(l.value()));
      }
    }
    List<Expression> kept = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (Expression e : flat) {
      String column = columnOf(e);
      if (column != null && (e.op() == single || e.op() == merged)) {
        if (done.add(merged + " " + column)) {
          List<Object> list = values.get(column);
          kept.add(list.size() == 1 ? Expressions.predicate(single, column, list.get(0))
              : Expressions.predicate(merged, column, list));
        }
      } else if (column == null || !UNARY.contains(e.op()) || done.add(e.op() + " " + column)) {
        kept.add(e);
      }
    }
    return kept.isEmpty() ? (and ? Expressions.alwaysTrue() : alwaysFalse())
        : balanced(kept, 0, kept.size(), and);
  }

  /** A balanced tree, so that Iceberg's recursive visitors stay shallow for long lists. */
  private static Expression balanced(List<Expression> parts, int from, int to, boolean and) {
    if (to - from == 1) {
      return parts.get(from);
    }
    int middle = (from + to) >>> 1;
    Expression left = balanced(parts, from, middle, and);
    Expression right = balanced(parts, middle, to, and);
    return and ? Expressions.and(left, right) : Expressions.or(left, right);
  }

  private static void flatten(Expression e, Operation op, List<Expression> out) {
    if (op == Operation.AND && e instanceof And) {
      flatten(((And) e).left(), op, out);
      flatten(((And) e).right(), op, out);
    } else if (op == Operation.OR && e instanceof Or) {
      flatten(((Or) e).left(), op, out);
      flatten(((Or) e).right(), op, out);
    } else {
      out.add(e);
    }
  }

  private static @Nullable String columnOf(Expression e) {
    if (!(e instanceof UnboundPredicate<?>)) {
      return null;
    }
    Object term = ((UnboundPredicate<?>) e).term();
    return term instanceof NamedReference<?> ? ((NamedReference<?>) term).name() : null;
  }
}
