package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.plan.DecimalOverflowCheck;
import dev.s3tables.calcite.scan.DecimalTerm;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A projected DECIMAL expression over a scan's fields as a {@link DecimalTerm}, where every step
 * is one the term computes exactly as Calcite's generated code does: DECIMAL and integer fields,
 * numeric literals, unchecked +, - and * whose type has the exact result's scale, and overflow
 * checks. Anything else (casts, functions, integer arithmetic) answers null.
 */
final class DecimalTerms {
  private DecimalTerms() {}

  /** The expression as a term, or null; {@code $i} is the scan's field i. */
  static @Nullable DecimalTerm of(RexNode expression) {
    RelDataType type = expression.getType();
    if (expression instanceof RexInputRef ref) {
      return isDecimal(type) ? new DecimalTerm.Column(ref.getIndex(), type.getScale())
          : isInteger(type) ? new DecimalTerm.Column(ref.getIndex(), 0) : null;
    }
    if (expression instanceof RexLiteral literal) {
      return literal(literal);
    }
    if (!(expression instanceof RexCall call)) {
      return null;
    }
    if (DecimalOverflowCheck.isCheck(call)) {
      DecimalTerm value = of(call.getOperands().get(0));
      return value == null ? null : new DecimalTerm.Check(value,
          ((RexLiteral) call.getOperands().get(1)).getValueAs(Integer.class),
          ((RexLiteral) call.getOperands().get(2)).getValueAs(Integer.class));
    }
    DecimalTerm.Operator operator = operator(call.getOperator());
    if (operator == null || call.getOperands().size() != 2 || !isDecimal(type)) {
      return null;
    }
    DecimalTerm left = of(call.getOperands().get(0));
    DecimalTerm right = of(call.getOperands().get(1));
    if (left == null || right == null) {
      return null;
    }
    DecimalTerm arithmetic = new DecimalTerm.Arithmetic(operator, left, right);
    return arithmetic.scale() == type.getScale() ? arithmetic : null;
  }

  private static DecimalTerm.@Nullable Operator operator(SqlOperator operator) {
    if (operator == SqlStdOperatorTable.PLUS) {
      return DecimalTerm.Operator.PLUS;
    }
    if (operator == SqlStdOperatorTable.MINUS) {
      return DecimalTerm.Operator.MINUS;
    }
    return operator == SqlStdOperatorTable.MULTIPLY ? DecimalTerm.Operator.TIMES : null;
  }

  /** A numeric literal whose value has its type's scale (0 for integers). */
  private static DecimalTerm.@Nullable Literal literal(RexLiteral literal) {
    RelDataType type = literal.getType();
    if (literal.isNull() || !isDecimal(type) && !isInteger(type)) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    int scale = isDecimal(type) ? type.getScale() : 0;
    // Generated code builds the literal from this value, so its scale is the value's own.
    return value == null || value.scale() != scale ? null : new DecimalTerm.Literal(value);
  }

  private static boolean isDecimal(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.DECIMAL;
  }

  private static boolean isInteger(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> true;
      default -> false;
    };
  }
}
