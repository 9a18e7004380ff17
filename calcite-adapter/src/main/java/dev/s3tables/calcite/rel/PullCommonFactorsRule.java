package dev.s3tables.calcite.rel;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.immutables.value.Value;

/**
 * Pulls a condition that every branch of an OR shares out in front of the OR, in a filter or a join
 * condition: {@code (k AND a) OR (k AND b)} becomes {@code k AND (a OR b)}, the same in SQL's
 * three-valued logic. TPC-H Q19 repeats its join key in each of three branches; pulled out, it makes
 * the join a hash join instead of a nested loop over every pair of rows.
 */
@Value.Enclosing
public final class PullCommonFactorsRule extends RelRule<PullCommonFactorsRule.Config> {

  PullCommonFactorsRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    RexNode condition = rel instanceof Filter filter ? filter.getCondition() : ((Join) rel).getCondition();
    RexNode pulled = RexUtil.pullFactors(rel.getCluster().getRexBuilder(), condition);
    if (pulled.equals(condition)) {
      return;
    }
    call.transformTo(
        rel instanceof Filter filter
            ? filter.copy(filter.getTraitSet(), filter.getInput(), pulled)
            : copy((Join) rel, pulled));
  }

  private static boolean hasOr(RexNode condition) {
    return RexUtil.find(SqlKind.OR).contains(condition);
  }

  private static Join copy(Join join, RexNode condition) {
    return join.copy(
        join.getTraitSet(), condition, join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config FILTER =
        ImmutablePullCommonFactorsRule.Config.of()
            .withDescription("PullCommonFactorsRule(Filter)")
            .withOperandSupplier(b -> b.operand(Filter.class).predicate(f -> hasOr(f.getCondition())).anyInputs());

    Config JOIN =
        ImmutablePullCommonFactorsRule.Config.of()
            .withDescription("PullCommonFactorsRule(Join)")
            .withOperandSupplier(b -> b.operand(Join.class).predicate(j -> hasOr(j.getCondition())).anyInputs());

    @Override
    default PullCommonFactorsRule toRule() {
      return new PullCommonFactorsRule(this);
    }
  }
}
