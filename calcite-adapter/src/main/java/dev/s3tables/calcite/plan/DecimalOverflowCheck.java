package dev.s3tables.calcite.plan;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The overflow check of checked DECIMAL arithmetic, a CAST of a value to its own type, at a
 * fraction of the cost.
 *
 * <p>Calcite implements that CAST with {@code Primitive.decimalDecimalCast}, which rounds the value
 * to the type's scale, strips and restores its trailing zeros, and fails if it then has more digits
 * than the type's precision; and its generated code calls it twice for a nullable value. Arithmetic on
 * values of the right scale mostly gives a value that already has the type's scale (TPC-H Q1's
 * charge), which the CAST would return unchanged if it fits: {@link #check} then only compares its
 * precision, and otherwise leaves the value to Calcite's cast, so results and errors stay the same.
 */
public final class DecimalOverflowCheck {
  /** The rounding of Calcite's cast that {@link #check} falls back to. */
  static final RoundingMode ROUNDING = RoundingMode.DOWN;

  private static final SqlUserDefinedFunction OPERATOR =
      new SqlUserDefinedFunction(new SqlIdentifier("CHECK_DECIMAL", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG0, InferTypes.FIRST_KNOWN, null,
          requireNonNull(ScalarFunctionImpl.create(DecimalOverflowCheck.class, "check"), "check"));

  private DecimalOverflowCheck() {}

  /** {@code CAST(value AS DECIMAL(p, s))}, where value is a DECIMAL(p, s) expression, as a call of {@link #check}. */
  static RexNode call(RexBuilder rexBuilder, RexNode value) {
    requireNonNull(rexBuilder, "rexBuilder");
    RelDataType type = requireNonNull(value, "value").getType();
    return rexBuilder.makeCall(type, OPERATOR, List.of(value,
        rexBuilder.makeExactLiteral(BigDecimal.valueOf(type.getPrecision())),
        rexBuilder.makeExactLiteral(BigDecimal.valueOf(type.getScale()))));
  }

  /** True if the expression is a call of {@link #check}, made by {@link #call}. */
  public static boolean isCheck(RexNode expression) {
    return expression instanceof RexCall call && call.getOperator() == OPERATOR;
  }

  /** What {@code Primitive.decimalDecimalCast(value, precision, scale, DOWN)} returns or throws. */
  @Strict
  public static BigDecimal check(BigDecimal value, int precision, int scale) {
    // Calcite's cast would return a value of this scale and of the same digits: an equal BigDecimal.
    if (value.scale() == scale && scale >= 0 && value.precision() <= precision) {
      return value;
    }
    return (BigDecimal) Primitive.decimalDecimalCast(value, precision, scale, ROUNDING);
  }
}
