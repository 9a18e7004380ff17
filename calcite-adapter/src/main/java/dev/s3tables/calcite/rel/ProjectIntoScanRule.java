package dev.s3tables.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.immutables.value.Value;

/**
 * Makes the scan read only the columns a projection uses; the projection's expressions stay above
 * the scan, rewritten over the narrower row.
 */
@Value.Enclosing
public final class ProjectIntoScanRule extends RelRule<ProjectIntoScanRule.Config> {

  ProjectIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Project project = call.rel(0);
    IcebergTableScan scan = call.rel(1);
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    int fieldCount = scan.getRowType().getFieldCount();
    int columnCount = scan.spec().projection().length;
    if (used.cardinality() == fieldCount || !used.contains(ImmutableBitSet.range(columnCount, fieldCount))) {
      // A DELETE or UPDATE uses every row id its scan has; the scan cannot drop them.
      return;
    }
    int[] columns = used.get(0, columnCount).toArray();
    IcebergTableScan narrowed = scan.withSpec(scan.spec().project(columns));
    Mappings.TargetMapping mapping =
        Mappings.create(MappingType.PARTIAL_FUNCTION, fieldCount, fieldCount - columnCount + columns.length);
    for (int i = 0; i < columns.length; i++) {
      mapping.set(columns[i], i);
    }
    for (int id = columnCount; id < fieldCount; id++) {
      mapping.set(id, columns.length + id - columnCount);
    }
    List<RexNode> projects = RexPermuteInputsShuttle.of(mapping).visitList(project.getProjects());
    call.transformTo(
        call.builder().push(narrowed).project(projects, project.getRowType().getFieldNames()).build());
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config DEFAULT =
        ImmutableProjectIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Project.class).oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    @Override
    default ProjectIntoScanRule toRule() {
      return new ProjectIntoScanRule(this);
    }
  }
}
