package dev.s3tables.calcite.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

/** The planner rules of the Iceberg adapter. */
public final class IcebergRules {
  private IcebergRules() {}

  public static final FilterIntoScanRule FILTER_INTO_SCAN = FilterIntoScanRule.Config.DEFAULT.toRule();
  public static final ProjectIntoScanRule PROJECT_INTO_SCAN = ProjectIntoScanRule.Config.DEFAULT.toRule();
  public static final LimitIntoScanRule LIMIT_INTO_SCAN = LimitIntoScanRule.Config.DEFAULT.toRule();
  public static final FirstRowsIntoScanRule FIRST_ROWS_INTO_SCAN = FirstRowsIntoScanRule.Config.DEFAULT.toRule();
  public static final SnapshotIntoScanRule SNAPSHOT_INTO_SCAN = SnapshotIntoScanRule.Config.DEFAULT.toRule();
  public static final SnapshotIntoScanRule SNAPSHOT_PROJECT_INTO_SCAN = SnapshotIntoScanRule.Config.PROJECT.toRule();
  public static final AggregateIntoMetadataRule AGGREGATE_INTO_METADATA =
      AggregateIntoMetadataRule.Config.DEFAULT.toRule();
  public static final AggregateIntoMetadataRule AGGREGATE_PROJECT_INTO_METADATA =
      AggregateIntoMetadataRule.Config.PROJECT.toRule();
  public static final AggregateIntoScanRule AGGREGATE_INTO_SCAN = AggregateIntoScanRule.Config.DEFAULT.toRule();
  public static final AggregateIntoScanRule AGGREGATE_PROJECT_INTO_SCAN = AggregateIntoScanRule.Config.PROJECT.toRule();
  public static final PullCommonFactorsRule PULL_FACTORS_FROM_FILTER = PullCommonFactorsRule.Config.FILTER.toRule();
  public static final PullCommonFactorsRule PULL_FACTORS_FROM_JOIN = PullCommonFactorsRule.Config.JOIN.toRule();

  /**
   * The adapter's rules; Calcite's rule that moves projections below filters, without which a filter
   * that stays above the scan would make the scan read every column; and Calcite's top-N for ORDER BY
   * with LIMIT, which keeps the first rows in a bounded queue instead of sorting every row read.
   */
  public static final List<RelOptRule> RULES =
      List.of(
          FILTER_INTO_SCAN,
          PROJECT_INTO_SCAN,
          LIMIT_INTO_SCAN,
          FIRST_ROWS_INTO_SCAN,
          SNAPSHOT_INTO_SCAN,
          SNAPSHOT_PROJECT_INTO_SCAN,
          AGGREGATE_INTO_METADATA,
          AGGREGATE_PROJECT_INTO_METADATA,
          AGGREGATE_INTO_SCAN,
          AGGREGATE_PROJECT_INTO_SCAN,
          IcebergToEnumerableConverterRule.INSTANCE,
          MetadataAggregateToEnumerableRule.INSTANCE,
          IcebergModifyRule.INSTANCE,
          CoreRules.PROJECT_FILTER_TRANSPOSE,
          EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);

  static void register(RelOptPlanner planner) {
    RULES.forEach(planner::addRule);
    // Merge joins sort both inputs first; over unsorted Iceberg scans a hash join never has to.
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    // IcebergModifyRule runs DELETE and UPDATE and hands every other modification to this rule.
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
  }
}
