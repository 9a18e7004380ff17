package dev.s3tables.calcite.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * Fails a DECIMAL SUM whose value has more digits than its type allows with 22003, as a CAST to
 * the type would. Calcite adds the values exactly and returns the total as it is, so the sum of
 * two 38-digit values would come back with 39 digits under a column that reports 38: the check
 * ({@link DecimalOverflowCheck}) goes in a projection over each aggregate with such a sum. Only
 * the total is checked; a running total may pass the limit on its way.
 */
final class DecimalSumCheck extends RelHomogeneousShuttle {
  static final Program PROGRAM =
      (planner, rel, traits, materializations, lattices) -> rel.accept(new DecimalSumCheck());

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    if (!(rel instanceof Aggregate aggregate)
        || aggregate.getAggCallList().stream().noneMatch(DecimalSumCheck::isDecimalSum)) {
      return rel;
    }
    RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
    int keys = aggregate.getGroupCount();
    List<RexNode> fields = new ArrayList<>();
    for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
      RexNode field = rexBuilder.makeInputRef(rel, i);
      boolean sum = i >= keys && i - keys < aggregate.getAggCallList().size()
          && isDecimalSum(aggregate.getAggCallList().get(i - keys));
      fields.add(sum ? DecimalOverflowCheck.call(rexBuilder, field) : field);
    }
    return LogicalProject.create(rel, List.of(), fields, rel.getRowType().getFieldNames(), Set.of());
  }

  private static boolean isDecimalSum(AggregateCall call) {
    SqlKind kind = call.getAggregation().getKind();
    return (kind == SqlKind.SUM || kind == SqlKind.SUM0) && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL;
  }
}
