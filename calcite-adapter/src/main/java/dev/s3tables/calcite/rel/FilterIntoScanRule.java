package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.expr.ExpressionConverter;
import dev.s3tables.calcite.expr.FilterSplit;
import dev.s3tables.calcite.scan.ScanSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.immutables.value.Value;

/**
 * Pushes the part of a filter that converts to an Iceberg expression into the scan, where it prunes
 * partitions and files and is evaluated per row; the rest stays in a filter above the scan.
 */
@Value.Enclosing
public final class FilterIntoScanRule extends RelRule<FilterIntoScanRule.Config> {

  FilterIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    IcebergTableScan scan = call.rel(1);
    ScanSpec spec = scan.spec();
    if (spec.limit().isPresent()) {
      // A filter above a limited scan filters the first rows; pushing it would filter before them.
      return;
    }
    RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    FilterSplit split =
        ExpressionConverter.split(
            filter.getCondition(), spec.projectedNames(), scan.icebergTable().icebergSchema(), rexBuilder);
    if (split.pushed() == null) {
      return;
    }
    IcebergTableScan pushed = scan.withSpec(spec.filter(toTableColumns(split.pushed(), spec), rexBuilder));
    call.transformTo(
        split.remainder() == null
            ? pushed
            : call.builder().push(pushed).filter(List.of(split.remainder())).build());
  }

  /** Rewrites a condition over the scan's output to one over the table's columns. */
  private static RexNode toTableColumns(RexNode condition, ScanSpec spec) {
    int[] projection = spec.projection();
    Mappings.TargetMapping mapping =
        Mappings.create(MappingType.PARTIAL_FUNCTION, projection.length, spec.columnNames().size());
    for (int i = 0; i < projection.length; i++) {
      mapping.set(i, projection[i]);
    }
    return condition.accept(new RexPermuteInputsShuttle(mapping));
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config DEFAULT =
        ImmutableFilterIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    @Override
    default FilterIntoScanRule toRule() {
      return new FilterIntoScanRule(this);
    }
  }
}
