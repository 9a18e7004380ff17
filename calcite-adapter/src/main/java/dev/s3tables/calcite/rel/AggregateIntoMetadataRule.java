package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.AggregateSpec;
import dev.s3tables.calcite.scan.AggregateSpec.Function;
import dev.s3tables.calcite.scan.MetadataAggregator;
import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.immutables.value.Value;

/**
 * Replaces an aggregate without GROUP BY over an Iceberg scan (with its pushed filter, and
 * possibly a projection between them) by an {@link IcebergMetadataAggregate}, when every call is
 * one that metadata may answer: COUNT(*), COUNT(column), and MIN and MAX of int, long, date,
 * timestamp and decimal columns. Whether metadata does answer is decided when the statement runs.
 */
@Value.Enclosing
public final class AggregateIntoMetadataRule extends RelRule<AggregateIntoMetadataRule.Config> {

  AggregateIntoMetadataRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    Project project = call.rels.length == 3 ? call.rel(1) : null;
    IcebergTableScan scan = call.rel(call.rels.length - 1);
    ScanSpec spec = scan.spec();
    if (spec.limit().isPresent() || spec.rowIds() != RowIds.NONE) {
      return;
    }
    List<AggregateSpec.Call> calls = new ArrayList<>();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      AggregateSpec.Call metadataCall = toMetadataCall(aggregateCall, project, scan);
      if (metadataCall == null) {
        return;
      }
      calls.add(metadataCall);
    }
    call.transformTo(
        new IcebergMetadataAggregate(
            aggregate.getCluster(),
            aggregate.getTraitSet(),
            scan.getTable(),
            scan.icebergTable(),
            new AggregateSpec(spec, calls),
            aggregate.getRowType()));
  }

  /** The call as metadata may answer it, or null. */
  private static AggregateSpec.@Nullable Call toMetadataCall(
      AggregateCall call, @Nullable Project project, IcebergTableScan scan) {
    if (!isPlain(call)) {
      return null;
    }
    Function function =
        switch (call.getAggregation().getKind()) {
          case COUNT -> call.getArgList().isEmpty() ? Function.COUNT_ROWS : Function.COUNT;
          case MIN -> Function.MIN;
          case MAX -> Function.MAX;
          default -> null;
        };
    if (function == Function.COUNT_ROWS) {
      return AggregateSpec.Call.countRows();
    }
    if (function == null || call.getArgList().size() != 1) {
      return null;
    }
    int field = call.getArgList().get(0);
    if (project != null) {
      RexNode expression = project.getProjects().get(field);
      if (!(expression instanceof RexInputRef ref)) {
        return null;
      }
      field = ref.getIndex();
    }
    int column = scan.spec().projection()[field];
    String name = scan.spec().columnNames().get(column);
    Types.NestedField icebergField = scan.icebergTable().icebergSchema().asStruct().field(name);
    if (icebergField == null || !MetadataAggregator.answers(function, icebergField.type())) {
      return null;
    }
    return new AggregateSpec.Call(function, column);
  }

  /** A call over all its rows: not DISTINCT (nor WITHIN DISTINCT), no FILTER, no ordering, not approximate. */
  static boolean isPlain(AggregateCall call) {
    // WITHIN DISTINCT counts distinct keys; its keys sit in distinctKeys, not in isDistinct().
    return !call.isDistinct()
        && call.distinctKeys == null
        && call.rexList.isEmpty()
        && !call.isApproximate()
        && call.filterArg < 0
        && call.getCollation().getFieldCollations().isEmpty();
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    /** An aggregate right over the scan. */
    Config DEFAULT =
        ImmutableAggregateIntoMetadataRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Aggregate.class)
                    .predicate(AggregateIntoMetadataRule::isWholeTableAggregate)
                    .oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    /** An aggregate over a projection of the scan's columns. */
    Config PROJECT =
        ImmutableAggregateIntoMetadataRule.Config.of()
            .withDescription("AggregateIntoMetadataRule:project")
            .withOperandSupplier(
                b0 -> b0.operand(Aggregate.class)
                    .predicate(AggregateIntoMetadataRule::isWholeTableAggregate)
                    .oneInput(b1 -> b1.operand(Project.class)
                        .oneInput(b2 -> b2.operand(IcebergTableScan.class).noInputs())));

    @Override
    default AggregateIntoMetadataRule toRule() {
      return new AggregateIntoMetadataRule(this);
    }
  }

  /** One row of aggregates over all rows: no GROUP BY, no grouping sets. */
  private static boolean isWholeTableAggregate(Aggregate aggregate) {
    return aggregate.getGroupSet().isEmpty()
        && aggregate.getGroupSets().size() == 1
        && !aggregate.getAggCallList().isEmpty();
  }
}
