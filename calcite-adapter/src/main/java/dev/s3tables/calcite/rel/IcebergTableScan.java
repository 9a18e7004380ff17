package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.ScanSpec;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A scan of an Iceberg table with what was pushed into it: columns, filter, limit and snapshot. It is a
 * logical expression (convention NONE) while rules refine its spec, so that it sits in the same
 * planner subsets as the filters, projections and limits above it;
 * {@link EnumerableIcebergScan} runs it.
 */
public final class IcebergTableScan extends TableScan {
  private final IcebergTable icebergTable;
  private final ScanSpec spec;

  IcebergTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, IcebergTable icebergTable, ScanSpec spec) {
    super(cluster, traits, List.of(), table);
    this.icebergTable = requireNonNull(icebergTable, "icebergTable");
    this.spec = requireNonNull(spec, "spec");
  }

  /** A scan of every column and row of the table's version, as the table first appears in a plan. */
  public static IcebergTableScan create(RelOptCluster cluster, RelOptTable table, IcebergTable icebergTable) {
    List<String> names = table.getRowType().getFieldNames();
    return new IcebergTableScan(
        cluster, cluster.traitSetOf(Convention.NONE), table, icebergTable, ScanSpec.all(names, icebergTable.version()));
  }

  public IcebergTable icebergTable() {
    return icebergTable;
  }

  public ScanSpec spec() {
    return spec;
  }

  /** The same scan reading what the new spec says. */
  public IcebergTableScan withSpec(ScanSpec newSpec) {
    return new IcebergTableScan(getCluster(), getTraitSet(), getTable(), icebergTable, newSpec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IcebergTableScan(getCluster(), traitSet, getTable(), icebergTable, spec);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> fields = table.getRowType().getFieldList();
    var builder = getCluster().getTypeFactory().builder();
    for (int column : spec.projection()) {
      builder.add(fields.get(column));
    }
    builder.addAll(spec.rowIds().fields(getCluster().getTypeFactory(), spec.projection().length));
    return builder.build();
  }

  @Override
  public void register(RelOptPlanner planner) {
    IcebergRules.register(planner);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ScanPlanning.rowCount(super.estimateRowCount(mq), spec);
  }

  /** The EXPLAIN text names columns for people; scans are the same only if their specs are. */
  @Override
  public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((IcebergTableScan) obj).spec);
  }

  @Override
  public int deepHashCode() {
    return 31 * super.deepHashCode() + spec.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return ScanPlanning.explain(super.explainTerms(pw), spec);
  }
}
