package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.AggregateEnumerable;
import dev.s3tables.calcite.scan.AggregateSpec;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates without GROUP BY over an Iceberg table, in place of the aggregate and the scan under
 * it: one row, computed when the statement runs from the table's metadata where that is exact and
 * by reading rows otherwise ({@link AggregateEnumerable}). Logical (convention NONE);
 * {@link EnumerableIcebergMetadataAggregate} runs it.
 */
public final class IcebergMetadataAggregate extends AbstractRelNode {
  private final RelOptTable table;
  private final IcebergTable icebergTable;
  private final AggregateSpec spec;

  IcebergMetadataAggregate(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      IcebergTable icebergTable,
      AggregateSpec spec,
      RelDataType rowType) {
    super(cluster, traits);
    this.table = requireNonNull(table, "table");
    this.icebergTable = requireNonNull(icebergTable, "icebergTable");
    this.spec = requireNonNull(spec, "spec");
    this.rowType = requireNonNull(rowType, "rowType");
  }

  RelOptTable relOptTable() {
    return table;
  }

  IcebergTable icebergTable() {
    return icebergTable;
  }

  AggregateSpec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IcebergMetadataAggregate(getCluster(), traitSet, table, icebergTable, spec, rowType);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return cost(planner);
  }

  /**
   * Below any scan and aggregate: when metadata does not answer, the rows read are the ones the
   * scan would read, so the choice is never worse.
   */
  static RelOptCost cost(RelOptPlanner planner) {
    return planner.getCostFactory().makeCost(0.01, 0.01, 0);
  }

  @Override
  public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((IcebergMetadataAggregate) obj).spec);
  }

  @Override
  public int deepHashCode() {
    return 31 * super.deepHashCode() + spec.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return explain(super.explainTerms(pw), table, spec);
  }

  /**
   * The table, the aggregates, the filter, when the answer reads rows instead of metadata (always
   * if a planned file has deletes; if the filter is not decided by partition values; if a file
   * lacks the column metrics a COUNT(column), MIN or MAX needs), and the snapshot if not the current one.
   */
  static RelWriter explain(RelWriter pw, RelOptTable table, AggregateSpec spec) {
    StringBuilder fallback = new StringBuilder("scan on deletes");
    if (spec.scan().filter() != null) {
      fallback.append(", residual filter");
    }
    if (spec.needsColumnMetrics()) {
      fallback.append(", missing metrics");
    }
    return ScanPlanning.explainVersion(
        pw.item("table", table.getQualifiedName())
            .item("aggregates", spec.callsText())
            .itemIf("filter", spec.scan().filterText(), spec.scan().filter() != null)
            .item("fallback", fallback.toString()),
        spec.scan());
  }
}
