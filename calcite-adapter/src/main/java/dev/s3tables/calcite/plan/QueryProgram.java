package dev.s3tables.calcite.plan;

import dev.s3tables.calcite.rel.IcebergRules;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * How the driver plans a query: Calcite's standard program, with the joins ordered before the
 * cost-based (Volcano) phase instead of inside it.
 *
 * <p>Volcano would otherwise try every join order through commute and associate rules: planning
 * TPC-H Q5's six tables took seconds, and its cost model puts the smaller input of a hash join on
 * the left, where Calcite's hash join probes, so it chose plans that built hash tables of
 * lineitem. Here, in a heuristic pass, conditions are pushed into the joins and towards the
 * tables, the joins of a query become one multi-way join, and Calcite's {@code
 * LoptOptimizeJoinRule} orders it from row counts (Iceberg snapshot summaries, guessed filter
 * selectivities, join sizes from {@link JoinRowCount}): a left-deep tree with the smaller input
 * of every join on the right, where it is hashed. Volcano then runs without the join-order rules
 * ({@link #JOIN_ORDER_RULES}) and only picks the physical operators.
 */
final class QueryProgram {
  private QueryProgram() {}

  /** The rules that search join orders in Volcano; the heuristic pass has fixed the order. */
  static final List<RelOptRule> JOIN_ORDER_RULES =
      List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  private static final HepProgram ORDER_JOINS =
      HepProgram.builder()
          // Expose a join key repeated in every branch of an OR, then derive from an OR the
          // conditions each table alone must meet (TPC-H Q19), so that they reach the scans.
          .addRuleCollection(List.of(IcebergRules.PULL_FACTORS_FROM_FILTER, IcebergRules.PULL_FACTORS_FROM_JOIN))
          .addRuleCollection(List.of(CoreRules.EXPAND_FILTER_DISJUNCTION_GLOBAL, CoreRules.EXPAND_JOIN_DISJUNCTION_GLOBAL))
          .addRuleCollection(
              List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_PROJECT_TRANSPOSE,
                  CoreRules.FILTER_MERGE))
          .addMatchOrder(HepMatchOrder.BOTTOM_UP)
          .addRuleCollection(
              List.of(CoreRules.JOIN_TO_MULTI_JOIN, CoreRules.PROJECT_MULTI_JOIN_MERGE, CoreRules.FILTER_MULTI_JOIN_MERGE))
          .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
          .build();

  /** Calcite's metadata, with join sizes estimated as {@link JoinRowCount} does. */
  private static final RelMetadataProvider METADATA =
      ChainedRelMetadataProvider.of(List.of(JoinRowCount.SOURCE, DefaultRelMetadataProvider.INSTANCE));

  /**
   * The program; overflow checks that cannot fail are dropped first, sub-queries become joins before
   * joins are ordered, so that theirs are too, and then every DECIMAL sum is checked against its type.
   */
  static Program create() {
    return Programs.sequence(
        CheckedIntegerArithmetic.PROGRAM,
        ExactDecimalArithmetic.PROGRAM,
        Programs.subQuery(METADATA),
        Programs.decorrelate(),
        DecimalSumCheck.PROGRAM,
        Programs.conditional(rel -> RelOptUtil.countJoins(rel) > 0, Programs.of(ORDER_JOINS, true, METADATA)),
        Programs.standard(METADATA));
  }
}
