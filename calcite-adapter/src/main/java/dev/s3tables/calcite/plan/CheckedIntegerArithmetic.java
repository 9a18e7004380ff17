package dev.s3tables.calcite.plan;

import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * Makes every integer {@code + - * /} and unary minus checked for overflow. The driver runs with
 * Calcite's checked arithmetic, but Calcite's {@code ConvertToChecked} (1.42) keeps the original
 * operands of a DECIMAL call it wraps in its check, so integer arithmetic inside decimal arithmetic
 * stayed unchecked: {@code 1.00 * (i + i)} with {@code i = 2147483647} gave {@code -2.00}.
 */
final class CheckedIntegerArithmetic extends RelHomogeneousShuttle {
  static final Program PROGRAM =
      (planner, rel, traits, materializations, lattices) -> rel.accept(new CheckedIntegerArithmetic());

  private static final Map<SqlKind, SqlOperator> CHECKED =
      Map.of(
          SqlKind.PLUS, SqlStdOperatorTable.CHECKED_PLUS,
          SqlKind.MINUS, SqlStdOperatorTable.CHECKED_MINUS,
          SqlKind.TIMES, SqlStdOperatorTable.CHECKED_MULTIPLY,
          SqlKind.DIVIDE, SqlStdOperatorTable.CHECKED_DIVIDE,
          SqlKind.MINUS_PREFIX, SqlStdOperatorTable.CHECKED_UNARY_MINUS);

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    return rel.accept(new Checked(rel.getCluster().getRexBuilder()));
  }

  private final class Checked extends RexShuttle {
    private final RexBuilder rexBuilder;

    Checked(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
      RelNode rel = visited.rel.accept(CheckedIntegerArithmetic.this);
      return rel == visited.rel ? visited : visited.clone(rel);
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexCall visited = (RexCall) super.visitCall(call);
      SqlOperator checked = CHECKED.get(visited.getKind());
      boolean integer = SqlTypeName.INT_TYPES.contains(visited.getType().getSqlTypeName());
      if (checked == null || !integer || visited.getOperator() == checked) {
        return visited;
      }
      return rexBuilder.makeCall(visited.getParserPosition(), visited.getType(), checked, visited.getOperands());
    }
  }
}
