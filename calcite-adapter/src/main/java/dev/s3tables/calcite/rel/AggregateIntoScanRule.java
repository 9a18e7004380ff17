package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.DecimalTerm;
import dev.s3tables.calcite.scan.PartialAggregateSpec;
import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.immutables.value.Value;

/**
 * Splits a GROUP BY of DECIMAL sums over an Iceberg scan (its filter pushed, perhaps a projection
 * between them) into partial aggregates computed per data file on the scan's reader threads
 * ({@link EnumerableIcebergPartialAggregate}) and an aggregate of those, with the same calls and
 * types: SUM and $SUM0 of the partial sums, $SUM0 of the partial counts. The calls it takes are
 * SUM and $SUM0 of DECIMAL expressions that {@link DecimalTerms} can compute, COUNT(*) and
 * COUNT(column), with at least one sum; the keys must be columns.
 */
@Value.Enclosing
public final class AggregateIntoScanRule extends RelRule<AggregateIntoScanRule.Config> {

  AggregateIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    Project project = call.rels.length == 3 ? call.rel(1) : null;
    IcebergTableScan scan = call.rel(call.rels.length - 1);
    ScanSpec spec = scan.spec();
    if (spec.limit().isPresent() || spec.rowIds() != RowIds.NONE || spec.order() != null) {
      return;
    }
    List<Integer> keys = new ArrayList<>();
    RelDataTypeFactory.Builder partialRow = aggregate.getCluster().getTypeFactory().builder();
    for (int key : aggregate.getGroupSet()) {
      if (!(field(project, scan, key) instanceof RexInputRef ref)) {
        return;
      }
      keys.add(ref.getIndex());
      partialRow.add(scan.getRowType().getFieldList().get(ref.getIndex()));
    }
    List<PartialAggregateSpec.Call> partials = new ArrayList<>();
    List<SqlAggFunction> combiners = new ArrayList<>();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      PartialAggregateSpec.Call partial = partial(aggregateCall, project, scan);
      if (partial == null) {
        return;
      }
      partials.add(partial);
      RelDataType type;
      if (partial.function() == PartialAggregateSpec.Function.SUM) {
        combiners.add(aggregateCall.getAggregation());
        type = aggregate.getCluster().getTypeFactory().createTypeWithNullability(aggregateCall.getType(),
            field(project, scan, aggregateCall.getArgList().get(0)).getType().isNullable());
      } else {
        combiners.add(SqlStdOperatorTable.SUM0);
        type = aggregateCall.getType();
      }
      partialRow.add("partial" + partials.size(), type);
    }
    if (partials.stream().noneMatch(p -> p.function() == PartialAggregateSpec.Function.SUM)) {
      return;
    }
    RelNode partialAggregate = new EnumerableIcebergPartialAggregate(
        scan, new PartialAggregateSpec(spec, keys, partials), partialRow.uniquify().build());
    List<AggregateCall> combined = new ArrayList<>();
    for (int i = 0; i < partials.size(); i++) {
      AggregateCall original = aggregate.getAggCallList().get(i);
      AggregateCall combining = AggregateCall.create(combiners.get(i), false, false, false, List.of(),
          List.of(keys.size() + i), -1, null, original.getCollation(), keys.size(), partialAggregate, null,
          original.getName());
      if (!combining.getType().equals(original.getType())) {
        return;
      }
      combined.add(combining);
    }
    call.transformTo(aggregate.copy(
        aggregate.getTraitSet(), partialAggregate, ImmutableBitSet.range(keys.size()), null, combined));
  }

  /** The call as a partial aggregate, or null. */
  private static PartialAggregateSpec.@Nullable Call partial(
      AggregateCall call, @Nullable Project project, IcebergTableScan scan) {
    if (!AggregateIntoMetadataRule.isPlain(call)) {
      return null;
    }
    SqlKind kind = call.getAggregation().getKind();
    if (kind == SqlKind.COUNT && call.getArgList().isEmpty()) {
      return PartialAggregateSpec.Call.count(-1);
    }
    if (call.getArgList().size() != 1) {
      return null;
    }
    RexNode argument = field(project, scan, call.getArgList().get(0));
    if (kind == SqlKind.COUNT) {
      if (argument instanceof RexInputRef ref) {
        return PartialAggregateSpec.Call.count(ref.getIndex());
      }
      DecimalTerm counted = DecimalTerms.of(argument);
      return counted == null ? null : PartialAggregateSpec.Call.count(counted);
    }
    if ((kind != SqlKind.SUM && kind != SqlKind.SUM0) || call.getType().getSqlTypeName() != SqlTypeName.DECIMAL) {
      return null;
    }
    DecimalTerm term = DecimalTerms.of(argument);
    return term == null ? null : PartialAggregateSpec.Call.sum(term);
  }

  /** The aggregate's input field as an expression over the scan's fields. */
  private static RexNode field(@Nullable Project project, IcebergTableScan scan, int index) {
    return project != null ? project.getProjects().get(index) : RexInputRef.of(index, scan.getRowType());
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    /** An aggregate right over the scan. */
    Config DEFAULT =
        ImmutableAggregateIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Aggregate.class)
                    .predicate(Aggregate::isSimple)
                    .oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    /** An aggregate over a projection of the scan's columns. */
    Config PROJECT =
        ImmutableAggregateIntoScanRule.Config.of()
            .withDescription("AggregateIntoScanRule:project")
            .withOperandSupplier(
                b0 -> b0.operand(Aggregate.class)
                    .predicate(Aggregate::isSimple)
                    .oneInput(b1 -> b1.operand(Project.class)
                        .oneInput(b2 -> b2.operand(IcebergTableScan.class).noInputs())));

    @Override
    default AggregateIntoScanRule toRule() {
      return new AggregateIntoScanRule(this);
    }
  }
}
