package dev.s3tables.calcite.expr;

import static dev.s3tables.calcite.expr.PushdownFixture.NAMES;
import static dev.s3tables.calcite.expr.PushdownFixture.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.expr.PushdownFixture.Answer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.TimestampString;
import org.apache.iceberg.expressions.And;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Or;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the converter pushes, as Iceberg expression text, for the cases that matter. */
class PushedExpressionTest {
  private static PushdownFixture fixture;

  @BeforeAll static void open() throws Exception {
    fixture = new PushdownFixture();
  }

  @AfterAll static void close() throws Exception {
    fixture.close();
  }

  /** The Iceberg expression for a predicate that must push completely. */
  private static String pushed(String predicate, @Nullable Object... parameters) throws Exception {
    // Planned with the parameters NULL: Calcite fails on some values converted below.
    Answer answer = fixture.ask(predicate, new Object[parameters.length]);
    FilterSplit split = ExpressionConverter.split(answer.condition(), NAMES, SCHEMA,
        answer.rexBuilder());
    assertThat(split.remainder()).as("remainder of %s", predicate).isNull();
    return ExpressionConverter.toIceberg(split.pushed(), NAMES, SCHEMA,
        PushdownFixture.parameters(parameters)).toString();
  }

  private static String ref(String name) {
    return "ref(name=\"" + name + "\")";
  }

  @Test void comparisonsThatKeepNullAreGuarded() throws Exception {
    assertThat(pushed("i < 5")).isEqualTo("(not_null(" + ref("i") + ") and " + ref("i") + " < 5)");
    assertThat(pushed("i > 5")).isEqualTo(ref("i") + " > 5");
    assertThat(pushed("5 > i")).isEqualTo("(not_null(" + ref("i") + ") and " + ref("i") + " < 5)");
    assertThat(pushed("i <> 5"))
        .isEqualTo("(not_null(" + ref("i") + ") and " + ref("i") + " != 5)");
    assertThat(pushed("s not like 'ab%'"))
        .isEqualTo("(not_null(" + ref("s") + ") and " + ref("s") + " notStartsWith \"\"ab\"\")");
  }

  @Test void inListsStayInLists() throws Exception {
    assertThat(pushed("i in (1, 2, 3)")).isEqualTo(ref("i") + " in (1, 2, 3)");
    assertThat(pushed("i not in (1, 2, 3)"))
        .isEqualTo("(not_null(" + ref("i") + ") and " + ref("i") + " not in (1, 2, 3))");
    assertThat(pushed("i in (?, ?)", 1, 2)).isEqualTo(ref("i") + " in (1, 2)");
  }

  @Test void floatingPointComparisonsFollowJavaOperators() throws Exception {
    assertThat(pushed("d > 1")).isEqualTo("(" + ref("d") + " > 1.0 and not_nan(" + ref("d") + "))");
    assertThat(pushed("d = 0")).isEqualTo(ref("d") + " in (-0.0, 0.0)");
    assertThat(pushed("d < 0"))
        .isEqualTo("(not_null(" + ref("d") + ") and " + ref("d") + " < -0.0)");
    assertThat(pushed("d = ?", Double.NaN)).isEqualTo("false");
    assertThat(pushed("d <> ?", Double.NaN)).isEqualTo("not_null(" + ref("d") + ")");
    // Calcite compares f = 1.1 as REAL (1.1f), but a cast to DOUBLE as doubles, and 1.1 is no
    // float: the nearest float 1.10000002 is above it.
    assertThat(pushed("f = 1.1")).isEqualTo(ref("f") + " == 1.1");
    assertThat(pushed("cast(f as double) = 1.1")).isEqualTo("false");
    assertThat(pushed("cast(f as double) <= 1.1"))
        .isEqualTo("(not_null(" + ref("f") + ") and " + ref("f") + " < 1.1)");
    assertThat(pushed("cast(f as double) > 1.1"))
        .isEqualTo("(" + ref("f") + " >= 1.1 and not_nan(" + ref("f") + "))");
  }

  @Test void decimalsAreComparedAtTheColumnsScale() throws Exception {
    assertThat(pushed("dc = 1.23")).isEqualTo(ref("dc") + " == 1.23");
    assertThat(pushed("dc = 1.234")).isEqualTo("false");
    assertThat(pushed("dc < 1.234"))
        .isEqualTo("(not_null(" + ref("dc") + ") and " + ref("dc") + " <= 1.23)");
    assertThat(pushed("dc > 1.234")).isEqualTo(ref("dc") + " >= 1.24");
  }

  @Test void extremeNumbersAreDecidedWithoutExpandingThem() throws Exception {
    // Calcite itself fails on these (ArithmeticException); the converter must not hang or throw.
    assertThat(pushed("dc < ?", new BigDecimal("1E+999999999")))
        .isEqualTo("not_null(" + ref("dc") + ")");
    assertThat(pushed("dc > ?", new BigDecimal("-1E-999999999")))
        .isEqualTo(ref("dc") + " >= 0.00");
    assertThat(pushed("i = ?", new BigDecimal("1E+999999999"))).isEqualTo("false");
  }

  @Test void timestampsCoverTheMillisecondCalciteSees() throws Exception {
    assertThat(pushed("ts = timestamp '2020-01-01 00:00:00'")).isEqualTo("(" + ref("ts")
        + " >= 1577836800000000 and " + ref("ts") + " < 1577836800001000)");
    assertThat(pushed("ts < timestamp '2020-01-01 00:00:00'"))
        .isEqualTo("(not_null(" + ref("ts") + ") and " + ref("ts") + " < 1577836800000000)");
    assertThat(pushed("dt = date '2020-01-01'")).isEqualTo(ref("dt") + " == 18262");
  }

  @Test void unusableParametersMatchNoComparison() throws Exception {
    // Calcite itself throws ClassCastException for these; the converter answers as for NULL in
    // comparisons, while the parameter's own IS NULL tests the bound value (as Calcite does).
    Answer answer = fixture.ask("i = ? or i <> ? or ? is not null", 1, 1, 1);
    FilterSplit split = ExpressionConverter.split(answer.condition(), NAMES, SCHEMA,
        answer.rexBuilder());
    Object[] unusable = {"1", true, null};
    assertThat(PushdownFixture.icebergRows(ExpressionConverter.toIceberg(split.pushed(), NAMES,
        SCHEMA, PushdownFixture.parameters(unusable)))).isEmpty();
    unusable[2] = "x";
    assertThat(PushdownFixture.icebergRows(ExpressionConverter.toIceberg(split.pushed(), NAMES,
        SCHEMA, PushdownFixture.parameters(unusable)))).hasSize(PushdownFixture.ROWS);
  }

  @Test void longListsStayShallow() throws Exception {
    // Each timestamp is a range of micros, so this is an OR of 5000 ranges. Through SQL, Calcite
    // turns an IN list longer than 20 into a join, and its code generator overflows the stack
    // on this condition, so it is built here and checked against the values Calcite sees.
    Answer scan = fixture.ask("ts is null");
    RexBuilder rexBuilder = scan.rexBuilder();
    Set<Long> millis = new HashSet<>();
    List<RexNode> timestamps = new ArrayList<>();
    for (long m = 1_577_836_800_000L - 2_500; m < 1_577_836_800_000L + 2_500; m++) {
      millis.add(m);
      timestamps.add(rexBuilder.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(m), 3));
    }
    int ts = NAMES.indexOf("ts");
    RexNode in = rexBuilder.makeIn(
        rexBuilder.makeInputRef(scan.rowType().getFieldList().get(ts).getType(), ts), timestamps);
    FilterSplit split = ExpressionConverter.split(in, NAMES, SCHEMA, rexBuilder);
    assertThat(split.remainder()).isNull();
    Expression iceberg = ExpressionConverter.toIceberg(split.pushed(), NAMES, SCHEMA, i -> null);
    assertThat(depth(iceberg)).isLessThan(20);
    assertThat(PushdownFixture.icebergRows(iceberg))
        .isEqualTo(PushdownFixture.rowsWhere(
            r -> millis.contains(PushdownFixture.calciteValue(r, "ts"))))
        .isNotEmpty();
  }

  private static int depth(Expression e) {
    if (e instanceof And a) {
      return 1 + Math.max(depth(a.left()), depth(a.right()));
    }
    return e instanceof Or o ? 1 + Math.max(depth(o.left()), depth(o.right())) : 0;
  }

  @Test void functionsAndOtherColumnsStayWithCalcite() throws Exception {
    Answer answer = fixture.ask("i < 5 and upper(s) = 'ABC' and i = l");
    FilterSplit split = ExpressionConverter.split(answer.condition(), NAMES, SCHEMA,
        answer.rexBuilder());
    assertThat(split.pushed()).hasToString("<($2, 5)");
    assertThat(split.remainder()).hasToString("AND(=(UPPER($12), 'ABC'), =(CAST($2):BIGINT, $3))");
    FilterSplit none = ExpressionConverter.split(fixture.ask("upper(s) = 'ABC'").condition(),
        NAMES, SCHEMA, answer.rexBuilder());
    assertThat(none.pushed()).isNull();
    assertThat(none.remainder()).isNotNull();
  }

  @Test void unknownColumnsAndComplexTypesAreNotConverted() throws Exception {
    Answer answer = fixture.ask("i < 5");
    List<String> renamed = NAMES.stream().map(n -> n.equals("i") ? "missing" : n).toList();
    assertThat(ExpressionConverter.split(answer.condition(), renamed, SCHEMA, answer.rexBuilder())
        .pushed()).isNull();
  }

  @Test void toIcebergRejectsWhatSplitKeeps() throws Exception {
    RexNode upper = fixture.ask("upper(s) = 'ABC'").condition();
    assertThatThrownBy(() -> ExpressionConverter.toIceberg(upper, NAMES, SCHEMA, i -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
