package dev.s3tables.calcite.expr;

import static dev.s3tables.calcite.expr.PushdownFixture.NAMES;
import static dev.s3tables.calcite.expr.PushdownFixture.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.expr.PushdownFixture.Answer;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.expressions.Expression;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every predicate, the rows Iceberg's Evaluator keeps for the pushed part (and Calcite for
 * the remainder) must be exactly the rows Calcite itself returns.
 */
class ExpressionConverterTest {

  private static PushdownFixture fixture;

  @BeforeAll static void open() throws Exception {
    fixture = new PushdownFixture();
  }

  @AfterAll static void close() throws Exception {
    fixture.close();
  }

  /** Whether a case must be pushed completely, must leave a remainder, or either. */
  private enum Split { PUSHED, REMAINDER, EITHER }

  /**
   * A parameter value Calcite's generated code cannot use for the parameter's type (it throws
   * ClassCastException, or wraps an out-of-range number around): the converter must treat it as
   * NULL, so Calcite is asked with NULL instead.
   */
  private record Unusable(Object value) {
    @Override public String toString() {
      return "unusable " + value.getClass().getSimpleName() + " " + value;
    }
  }

  private record Case(String predicate, Split split, @Nullable Object[] parameters) {
    @Override public String toString() {
      return predicate + (parameters.length == 0 ? "" : " " + Arrays.toString(parameters));
    }
  }

  private static Case push(String predicate, @Nullable Object... parameters) {
    return new Case(predicate, Split.PUSHED, parameters);
  }

  private static Case keep(String predicate, @Nullable Object... parameters) {
    return new Case(predicate, Split.REMAINDER, parameters);
  }

  private static Case either(String predicate, @Nullable Object... parameters) {
    return new Case(predicate, Split.EITHER, parameters);
  }

  private static final String UUID_A = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  static Stream<Case> sqlPredicates() {
    return Stream.of(
        // int: every operator, both operand orders, values between and beyond the ints
        push("i = 5"), push("i <> 5"), push("i < 5"), push("i <= 5"), push("i > 5"),
        push("i >= 5"), push("5 = i"), push("5 < i"), push("5 >= i"), push("-5 > i"),
        push("i > 2147483647"), push("i >= 2147483647"), push("i < -2147483648"),
        push("i <= -2147483648"), push("i >= -2147483648"), push("i = 10000000000"),
        push("i <> 10000000000"), push("i < 10000000000"), push("i > -10000000000"),
        push("i = 5.0"), push("i = 5.5"), push("i <> 5.5"), push("i < 5.5"), push("i <= 5.5"),
        push("i > 5.5"), push("i >= 5.5"), push("i < -4.5"), push("i > -4.5"),
        push("i in (1, 5, 7)"), push("i not in (1, 5, 7)"), push("i in (1, null)"),
        push("i not in (1, null)"), push("i between 2 and 6"), push("i not between 2 and 6"),
        push("i between 6 and 2"), push("i is null"), push("i is not null"),
        push("not (i = 5)"), push("not (i < 5)"), push("not (i in (1, 5))"),
        push("i < 3 or i > 6"), push("(i > 0 and i < 7) or i is null"),
        push("i in (1, 2, 3) or i > 50"), push("i not in (1, 2) and i < 10"),
        push("cast(i as bigint) = 5"), push("cast(i as bigint) > 3000000000"),
        push("cast(i as decimal(12, 2)) = 5.00"), push("cast(i as decimal(12, 2)) < 4.999"),
        keep("cast(i as double) = 5"),
        keep("i + 1 = 6"), keep("abs(i) = 5"), keep("i = l"), keep("mod(i, 2) = 1"),
        // int parameters: values, NULL, other numbers (narrowed as Calcite does), unusable
        push("i = ?", 5), push("i = ?", (Object) null), push("i <> ?", (Object) null),
        push("i = ?", 5.5), push("i = ?", new BigDecimal("5.7")), push("i = ?", -5.9),
        push("i < ?", 5.5), push("i > ?", -4.5f), push("i = ?", 5L), push("? < i", 4),
        push("i = ?", new Unusable("abc")), push("i = ?", new Unusable(10_000_000_000L)),
        push("i < ?", 2147483647.9), push("i > ?", -2147483648.9),
        push("l <> ?", new BigDecimal("9223372036854775807.5")),
        push("i < ?", new Unusable(Double.NaN)), push("i <> ?", new Unusable(true)),
        push("i in (?, ?)", 1, 5), push("i in (?, ?)", 1, null), push("i not in (?, ?)", 1, null),
        push("i not in (?, ?)", 1, 5), push("i between ? and ?", 2, 6),
        push("not (i = ?)", 5), push("not (i = ?)", (Object) null),
        push("not (i between ? and ?)", 2, 6),
        // long
        push("l = 5"), push("l < 0"), push("l > 9007199254740992"),
        push("l = 9007199254740993"), push("l >= 9223372036854775807"),
        push("l <= -9223372036854775808"), push("l < -9223372036854775807"),
        push("l in (5, 6, 100)"), push("l not in (0, 1)"),
        keep("cast(l as double) > 1"),
        push("l = ?", 5L), push("l = ?", 9_007_199_254_740_993L),
        push("l > ?", new BigDecimal("4.5")),
        push("l > ?", new Unusable(1e19)), push("l = ?", 5),
        // float: NaN, -0.0, infinities, values no float holds
        push("f = 1.5"), push("f = 1.1"), push("f = cast(1.1 as real)"), push("f <> 1.5"),
        push("f < 0"), push("f <= 0"), push("f > 0"), push("f >= 0"), push("f = 0"),
        push("f <> 0"), push("f = -0.0"), push("f < 1.1"), push("f > 1.1"), push("f <= 1.1"),
        push("f >= 1.1"), push("cast(f as double) = 1.1"), push("cast(f as double) < 1.1"),
        push("cast(f as double) >= 1.1"), push("cast(f as double) <> 1.1"), push("f < 1e39"),
        push("f > 3.4028235e38"),
        push("f >= 3.4028234663852886e38"), push("f > 1e-46"), push("f < -1e-46"),
        push("f in (0, 1.5)"), push("f not in (0, 1.5)"), push("f between -1 and 1"),
        push("f not between -1 and 1"), push("not (f < 1)"), push("not (f > 1)"),
        push("not (f = 0)"), push("f is null"), push("f is not null"),
        either("f = cast('NaN' as real)"), either("f <> cast('NaN' as real)"),
        either("f < cast('Infinity' as real)"), either("f >= cast('-Infinity' as real)"),
        push("f = ?", 1.5f), push("f = ?", Float.NaN), push("f <> ?", Float.NaN),
        push("f < ?", Float.NaN), push("not (f < ?)", Float.NaN), push("f = ?", -0.0f),
        push("f < ?", -0.0f), push("f >= ?", 0.0f), push("f = ?", 1.1),
        push("f > ?", Double.NEGATIVE_INFINITY), push("f = ?", (Object) null),
        push("f = ?", new Unusable("1.5")),
        // double
        push("d = 1.5"), push("d <> 1.5"), push("d < 0"), push("d <= 0"), push("d > 0"),
        push("d >= 0"), push("d = 0"), push("d <> 0"), push("d = 1.1"), push("d < 1.1"),
        push("d = 0.30000000000000004"), push("d > 1.7976931348623157e308"),
        push("d >= 1.7976931348623157e308"), push("d < 4.9e-324"), push("d > 0 and d < 1"),
        push("d in (0, 1.5, 100)"), push("d not in (0, 1.5)"), push("d between -1.5 and 1.5"),
        push("d not between -1.5 and 1.5"), push("not (d < 1)"), push("not (d >= 1)"),
        either("d = cast('NaN' as double)"), either("d <> cast('NaN' as double)"),
        either("d > cast('-Infinity' as double)"),
        push("d = ?", 1.5), push("d = ?", Double.NaN), push("d <> ?", Double.NaN),
        push("d >= ?", Double.NaN), push("d = ?", -0.0), push("d <> ?", -0.0),
        push("d < ?", 0.0), push("d <= ?", -0.0), push("d = ?", Double.POSITIVE_INFINITY),
        push("d < ?", Double.POSITIVE_INFINITY), push("d = ?", 5),
        push("d = ?", new BigDecimal("1.1")),
        push("d in (?, ?)", -0.0, Double.NaN), push("d not in (?, ?)", 0.0, 1.5),
        push("d = ?", new Unusable("x")),
        // decimal(9, 2): values of another scale, beyond the precision
        push("dc = 1.23"), push("dc = 1.234"), push("dc <> 1.234"), push("dc < 1.234"),
        push("dc <= 1.234"), push("dc > 1.234"), push("dc >= 1.234"), push("dc > 1.225"),
        push("dc < -1.225"), push("dc = 1.2"), push("dc = 1.2300000"), push("dc > 99999999"),
        push("dc < 10000000"), push("dc >= -9999999.99"), push("dc in (1.23, 1.24, 1.234)"),
        push("dc not in (1.23, 1.234)"), push("dc between 1.2 and 1.235"), push("dc = 5"),
        push("dc < 2"), push("not (dc > 1.225)"), keep("cast(dc as double) = 1.23"),
        push("dc = ?", new BigDecimal("1.23")), push("dc = ?", new BigDecimal("1.230")),
        push("dc = ?", new BigDecimal("1.234")), push("dc = ?", 1.25), push("dc = ?", 1.23),
        push("dc = ?", 5), push("dc < ?", new BigDecimal("1.235")),
        push("dc >= ?", new BigDecimal("-1.225")), push("dc = ?", (Object) null),
        push("dc = ?", new Unusable("1.23")),
        // date
        push("dt = date '2020-01-01'"), push("dt < date '1970-01-01'"),
        push("dt >= date '2020-01-01'"), push("dt <> date '2020-01-01'"),
        push("dt between date '1969-12-31' and date '2020-01-01'"),
        push("dt in (date '2020-01-01', date '1970-01-01')"), push("dt > date '9999-12-30'"),
        push("dt <= date '0001-01-01'"), push("dt = ?", Date.valueOf("2020-01-01")),
        push("dt < ?", Date.valueOf("1970-01-01")), push("dt = ?", new Unusable(18262L)),
        keep("extract(year from dt) = 2020"),
        // time(3): stored micros, Calcite millis
        push("tm = time '01:00:00'"), push("tm < time '01:00:00'"),
        push("tm <= time '01:00:00'"), push("tm > time '01:00:00'"),
        push("tm >= time '01:00:00'"), push("tm <> time '01:00:00'"),
        push("tm = time '00:00:00'"), push("tm > time '23:59:59.999'"),
        push("tm >= time '23:59:59.999'"), push("tm < time '00:00:00.001'"),
        push("tm in (time '01:00:00', time '12:00:00')"),
        push("tm not in (time '01:00:00', time '00:00:00')"),
        push("tm = ?", Time.valueOf("01:00:00")), push("tm > ?", Time.valueOf("00:00:00")),
        // timestamp(3) over micros and nanos, timestamp with local time zone
        push("ts = timestamp '2020-01-01 00:00:00'"), push("ts < timestamp '2020-01-01 00:00:00'"),
        push("ts <= timestamp '2020-01-01 00:00:00'"), push("ts > timestamp '2020-01-01 00:00:00'"),
        push("ts >= timestamp '2020-01-01 00:00:00'"),
        push("ts <> timestamp '2020-01-01 00:00:00'"),
        push("ts = timestamp '1969-12-31 23:59:59.999'"),
        push("ts < timestamp '1970-01-01 00:00:00'"),
        push("ts between timestamp '2019-12-31 23:59:59.999'"
            + " and timestamp '2020-01-01 00:00:00.001'"),
        push("ts in (timestamp '2020-01-01 00:00:00', timestamp '1970-01-01 00:00:00')"),
        push("ts not in (timestamp '2020-01-01 00:00:00', timestamp '1970-01-01 00:00:00')"),
        push("ts > timestamp '9999-12-31 23:59:59.998'"),
        push("ts = timestamp '2020-01-01 00:00:00.0005'"),
        push("ts = ?", Timestamp.valueOf("2020-01-01 00:00:00")),
        push("ts < ?", Timestamp.valueOf("2020-01-01 00:00:00")),
        push("ts = ?", new Unusable("2020-01-01 00:00:00")),
        push("tz = timestamp with local time zone '2020-01-01 00:00:00'"),
        push("tz < timestamp with local time zone '1970-01-01 00:00:00'"),
        push("tz >= timestamp with local time zone '1969-12-31 23:59:59.999'"),
        push("tz = ?", Timestamp.valueOf("2020-01-01 00:00:00")),
        push("tn = timestamp '2020-01-01 00:00:00'"), push("tn < timestamp '1970-01-01 00:00:00'"),
        push("tn <= timestamp '1969-12-31 23:59:59.999'"),
        push("tn >= timestamp '2262-04-11 23:47:16.854'"),
        push("tn = timestamp '2262-04-11 23:47:16.854'"),
        push("tn <> timestamp '2262-04-11 23:47:16.854'"),
        push("tn = timestamp '1677-09-21 00:12:43.145'"),
        push("tn <> timestamp '1677-09-21 00:12:43.145'"),
        push("tn <= timestamp '1677-09-21 00:12:43.145'"),
        push("tn > timestamp '1677-09-21 00:12:43.145'"),
        push("tn = ?", Timestamp.valueOf("2020-01-01 00:00:00")),
        // string
        push("s = 'abc'"), push("s <> 'abc'"), push("s < 'abc'"), push("s <= 'abc'"),
        push("s > 'abc'"), push("s >= 'ab'"), push("s < 'b'"), push("s > 'b'"), push("s = ''"),
        push("s > ''"), push("s = 'abc '"), push("s in ('abc', 'ab', 'zz')"),
        push("s not in ('abc', '')"), push("s between 'ab' and 'abd'"),
        push("su = U&'\\FFFF'"), keep("su < U&'\\FFFF'"), keep("su > U&'\\D83D\\DE00'"),
        push("su < U&'\\00e9'"), push("su >= U&'\\00e9b'"), push("su like U&'\\00e9%'"),
        push("su in (U&'\\FFFF', U&'\\D83D\\DE00')"), push("su = ?", "\uD83D\uDE00"),
        push("s like 'ab%'"), push("s like 'a%'"), push("s like '%'"), push("s like 'abc%'"),
        push("s not like 'ab%'"), push("not (s like 'ab%')"), push("not (s not like 'a%')"),
        keep("s like 'a_b'"), keep("s like '%b'"), keep("s like 'a%b%'"), push("s like 'a%%'"),
        either("s like 'ab'"), keep("s like 'a!%%' escape '!'"), keep("upper(s) = 'ABC'"),
        keep("char_length(s) = 3"), keep("s like ?", "ab%"), keep("s < ?", "b"),
        push("s = ?", "abc"), push("s <> ?", "abc"), push("s = ?", (Object) null),
        push("s = ?", new Unusable(5)), push("s in (?, ?)", "ab", "abd"),
        // binary and fixed(3)
        push("bin = x'0102'"), push("bin <> x'0102'"), push("bin < x'02'"), push("bin > x'01'"),
        push("bin >= x''"), push("bin < x'80'"), push("bin > x'7f'"),
        push("bin in (x'0102', x'ff')"), push("bin = ?", (Object) new byte[] {1, 2}),
        push("bin < ?", (Object) new byte[] {(byte) 0x80}),
        push("fx = x'010203'"), push("fx = x'0102'"), push("fx <> x'0102'"),
        push("fx < x'0102'"), push("fx <= x'0102'"), push("fx > x'0102'"), push("fx >= x'0102'"),
        keep("fx < x'01020304'"), keep("fx > x'01020300'"), keep("fx >= x'01020300'"),
        push("fx < x'80'"), push("fx > x'7f'"), push("fx in (x'010203', x'0102')"),
        push("fx = ?", (Object) new byte[] {1, 2, 3}), push("fx = ?", (Object) new byte[] {1, 2}),
        push("fx = ?", (Object) new byte[] {1, 2, 3, 4}),
        push("fx < ?", (Object) new byte[] {1, 2}),
        // uuid, as Calcite sees it: lowercase canonical VARCHAR(36)
        push("u = '" + UUID_A + "'"), push("u = '" + UUID_A.toUpperCase() + "'"),
        push("u <> '" + UUID_A + "'"), push("u <> '" + UUID_A.toUpperCase() + "'"),
        push("u = 'not-a-uuid'"), push("u = '1-1-1-1-1'"),
        push("u in ('" + UUID_A + "', '00000000-0000-0000-0000-000000000000')"),
        push("u not in ('" + UUID_A + "', 'x')"), keep("u < '8'"), keep("u >= '" + UUID_A + "'"),
        push("u = ?", UUID_A), push("u = ?", UUID_A.toUpperCase()), push("u = ?", UUID_A + "-tail"),
        push("u <> ?", "nope"), push("u = ?", new Unusable(UUID.fromString(UUID_A))),
        // boolean
        push("b"), push("not b"), push("b = true"), push("b = false"), push("b <> true"),
        push("b is true"), push("b is not true"), push("b is false"), push("b is not false"),
        push("b is null"), push("not (b is true)"), push("not (b is not false)"),
        push("b < true"), push("b >= false"), push("b = ?", true), push("b = ?", (Object) null),
        push("b <> ?", false), push("b = ?", new Unusable(1)), push("b and i > 0"),
        push("not (b and i > 0)"), push("b or i is null"), push("not (b or i > 5)"),
        // mixed columns, nesting, partial pushes
        push("not (i > 0 and d > 0)"), push("not (i > 0 or f < 0)"), push("not (not (d > 0))"),
        push("not (s like 'ab%' or dc > 1)"), push("(i = 5 or s = 'ab') and d > 0"),
        push("not (i in (1, 5) and d is not null)"), push("i = 5 or d = 1.5 or f is null"),
        push("i > 0 and l > 0 and f > 0 and d > 0 and dc > 0"),
        push("not (i = 5 or d = 1.5 or ts = timestamp '2020-01-01 00:00:00')"),
        push("i is distinct from 5"), push("i is not distinct from 5"),
        push("d is distinct from 0"), push("f is distinct from 1.1"),
        push("s is distinct from 'abc'"), push("dc is distinct from 1.234"),
        push("i is distinct from ?", 5), push("i is distinct from ?", (Object) null),
        push("i is not distinct from ?", 5),
        push("d = ? or (d is null and ? is null)", 1.5, 1.5),
        push("d = ? or (d is null and ? is null)", null, null),
        push("d = ? or (d is null and ? is null)", Double.NaN, Double.NaN),
        push("s = ? or (s is null and ? is null)", "ab", "ab"),
        push("s = ? or (s is null and ? is null)", null, null),
        push("not (b is distinct from true)"), push("(i > 5) is not true"),
        push("(s like 'ab%') is not true"), push("(u = 'x') is not true"),
        keep("i > 0 or upper(s) = 'X'"), keep("i > 0 and (d > 0 or abs(l) = 1)"),
        keep("i > 0 and upper(s) = 'ABC'"), either("i = 5 and i <> 5"),
        either("i is null or i is not null"), push("coalesce(i, 0) = 0"),
        push("case when i > 0 then d > 0 else f > 0 end"), keep("i = d"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sqlPredicates")
  void pushedRowsAreCalcitesRows(Case c) throws Exception {
    Object[] forCalcite = Arrays.stream(c.parameters())
        .map(p -> p instanceof Unusable ? null : p).toArray();
    Answer answer = fixture.ask(c.predicate(), forCalcite);
    // The harness itself: Calcite's code on the captured condition gives Calcite's answer.
    assertThat(PushdownFixture.calciteRows(answer.condition(), answer.rexBuilder(),
        answer.parameters())).as("Calcite re-evaluating %s", answer.condition())
        .isEqualTo(answer.ids());
    Object[] forConverter = answer.parameters().clone();
    for (int i = 0; i < forConverter.length; i++) {
      if (c.parameters()[i] instanceof Unusable u) {
        forConverter[i] = u.value();
      }
    }
    checkSplit(c, answer, forConverter);
  }

  /**
   * Conditions as SqlToRelConverter writes them, before Calcite simplifies (NOT over comparisons,
   * IS TRUE/IS NOT TRUE over expressions); the reference is Calcite's generated code for the same
   * condition.
   */
  static Stream<Case> unsimplifiedPredicates() {
    return Stream.of(
        push("not (d < 1)"), push("not (d <= 1)"), push("not (d > 1)"), push("not (d >= 1)"),
        push("not (d = 1.5)"), push("not (d <> 1.5)"), push("not (f < 0)"), push("not (f >= 0)"),
        push("not (f > 0)"), push("not (f <= 0)"), push("not (f = 0)"), push("not (f <> 0)"),
        push("not (f < 1.1)"), push("not (f >= 1.1)"), push("not (d < ?)", Double.NaN),
        push("not (d <> ?)", Double.NaN), push("not (d = ?)", Double.NaN),
        push("not (f > ?)", -0.0f), push("not (d between 0 and 1)"), push("not (d in (0, 1.5))"),
        push("not (d not in (0, 1.5))"), push("not (f between -1 and 1)"),
        push("not (i = 5)"), push("not (i < 5.5)"), push("not (dc < 1.234)"),
        push("not (ts < timestamp '2020-01-01 00:00:00')"),
        push("not (tn = timestamp '2020-01-01 00:00:00')"),
        push("not (s like 'ab%')"), push("not (s not like 'ab%')"),
        push("not (i > 0 and d > 0)"), push("not (not (f > 0) or i is null)"),
        push("(d > 0) is true"), push("(d > 0) is false"), push("(f < 1) is not false"),
        push("not ((d > 0) is true)"), push("not ((d > 0) is not true)"),
        push("i is not distinct from 5"), push("i is distinct from 5"),
        keep("(i > 0 and d > 0) is not true"),
        push("(d > 0) is not true"), push("(i = 5) is not false"), push("(d = ?) is not true", 0.0),
        push("(d = ?) is not true", (Object) null), push("(i = ?) is not false", 5),
        push("b is not true"), push("not (b is not true)"), push("not (b is false)"),
        push("b is unknown"), push("not b"), push("not (not b)"), push("b = true"),
        push("not (u = '" + UUID_A + "')"), push("not (fx < x'0102')"),
        push("not (i = ?)", (Object) null), push("not (i is null)"), push("? is null", 1),
        push("? is not null", (Object) null),
        push("d = ? or (d is null and ? is null)", null, null),
        push("not (i in (1, null))"), push("i in (1, null)"), push("i not in (1, null)"),
        keep("d = d"), keep("d <> d"), keep("not (d = d)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsimplifiedPredicates")
  void unsimplifiedRowsAreCalcitesRows(Case c) throws Exception {
    Answer answer = fixture.unsimplified(c.predicate(), c.parameters());
    checkSplit(c, answer, c.parameters());
  }

  private static void checkSplit(Case c, Answer answer, @Nullable Object[] forConverter) {
    FilterSplit split = ExpressionConverter.split(answer.condition(), NAMES, SCHEMA,
        answer.rexBuilder());
    Expression iceberg = split.pushed() == null ? null
        : ExpressionConverter.toIceberg(split.pushed(), NAMES, SCHEMA,
            PushdownFixture.parameters(forConverter));
    TreeSet<Integer> rows = iceberg == null ? PushdownFixture.rowsWhere(r -> true)
        : PushdownFixture.icebergRows(iceberg);
    if (split.remainder() != null) {
      rows.retainAll(PushdownFixture.calciteRows(split.remainder(), answer.rexBuilder(),
          answer.parameters()));
    }
    assertThat(rows).as("condition %s%npushed %s%niceberg %s%nremainder %s",
        answer.condition(), split.pushed(), iceberg, split.remainder())
        .isEqualTo(answer.ids());
    if (c.split() == Split.PUSHED) {
      assertThat(split.remainder()).as("remainder of %s", answer.condition()).isNull();
    } else if (c.split() == Split.REMAINDER) {
      assertThat(split.remainder()).as("remainder of %s", answer.condition()).isNotNull();
    }
  }
}
