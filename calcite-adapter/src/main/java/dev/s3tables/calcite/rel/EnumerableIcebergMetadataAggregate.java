package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.AggregateSpec;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
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
 * An {@link IcebergMetadataAggregate} as Calcite's enumerable engine runs it: the generated code
 * calls {@link IcebergTable#aggregate} with the spec, handed over as an object, so that every
 * execution asks the table's metadata anew, at the snapshot the spec reads.
 */
public final class EnumerableIcebergMetadataAggregate extends AbstractRelNode implements EnumerableRel {
  private final RelOptTable table;
  private final IcebergTable icebergTable;
  private final AggregateSpec spec;

  EnumerableIcebergMetadataAggregate(RelTraitSet traits, IcebergMetadataAggregate aggregate) {
    this(aggregate.getCluster(), traits, aggregate.relOptTable(), aggregate.icebergTable(), aggregate.spec(),
        aggregate.getRowType());
  }

  private EnumerableIcebergMetadataAggregate(
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

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIcebergMetadataAggregate(getCluster(), traitSet, table, icebergTable, spec, rowType);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return IcebergMetadataAggregate.cost(planner);
  }

  @Override
  public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((EnumerableIcebergMetadataAggregate) obj).spec);
  }

  @Override
  public int deepHashCode() {
    return 31 * super.deepHashCode() + spec.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return IcebergMetadataAggregate.explain(super.explainTerms(pw), table, spec);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // As for scans: an array, or a bare value for one aggregate.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression icebergTableExpression = implementor.stash(icebergTable, IcebergTable.class);
    Expression specExpression = implementor.stash(spec, AggregateSpec.class);
    return implementor.result(
        physType,
        Blocks.toBlock(
            Expressions.call(icebergTableExpression, "aggregate", implementor.getRootExpression(), specExpression)));
  }
}
