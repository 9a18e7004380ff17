package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.timetravel.TableVersion;
import dev.s3tables.calcite.timetravel.TimeTravelException;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.immutables.value.Value;

/**
 * Folds {@code FOR SYSTEM_TIME AS OF <time>} into the Iceberg scan under it, which then reads the
 * snapshot current at that time; Calcite has no other way to run a Snapshot. The time is a TIMESTAMP
 * (a wall-clock time in UTC) or TIMESTAMP WITH LOCAL TIME ZONE literal, or a parameter bound when
 * the statement runs.
 */
@Value.Enclosing
public final class SnapshotIntoScanRule extends RelRule<SnapshotIntoScanRule.Config> {

  SnapshotIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Snapshot snapshot = call.rel(0);
    Project project = call.rels.length == 3 ? call.rel(1) : null;
    IcebergTableScan scan = call.rel(call.rels.length - 1);
    IcebergTable table = scan.icebergTable();
    String name = table.namespace() + "." + table.name();
    TableVersion version = scan.spec().version();
    if (version.isPinned()) {
      throw TimeTravelException.alreadyPinned(name, version);
    }
    IcebergTableScan asOf = scan.withSpec(scan.spec().at(asOf(snapshot.getPeriod(), name)));
    call.transformTo(project == null ? asOf : project.copy(project.getTraitSet(), List.of(asOf)));
  }

  private static TableVersion.AsOf asOf(RexNode period, String table) {
    if (period instanceof RexDynamicParam parameter) {
      return new TableVersion.AsOfParameter(parameter.getIndex());
    }
    SqlTypeName type = period.getType().getSqlTypeName();
    if (period instanceof RexLiteral literal
        && !literal.isNull()
        && (type == SqlTypeName.TIMESTAMP || type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
      // Calcite's value of both: milliseconds since the epoch, of a wall-clock time taken as UTC.
      return new TableVersion.AsOfTime(literal.getValueAs(Long.class));
    }
    throw TimeTravelException.unsupportedPeriod(table, period.toString());
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config DEFAULT =
        ImmutableSnapshotIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Snapshot.class).oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    /** Over the columns Calcite's field trimming kept, in a projection under the Snapshot. */
    Config PROJECT =
        ImmutableSnapshotIntoScanRule.Config.of()
            .withDescription("SnapshotIntoScanRule:project")
            .withOperandSupplier(
                b0 -> b0.operand(Snapshot.class)
                    .oneInput(b1 -> b1.operand(Project.class)
                        .oneInput(b2 -> b2.operand(IcebergTableScan.class).noInputs())));

    @Override
    default SnapshotIntoScanRule toRule() {
      return new SnapshotIntoScanRule(this);
    }
  }
}
