package dev.s3tables.calcite.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;

/** An INSERT into an Iceberg table, before the planner turns it into {@link EnumerableIcebergAppend}. */
public final class IcebergTableModify extends TableModify {

  public IcebergTableModify(
      RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader, RelNode input, Operation operation) {
    this(cluster, cluster.traitSetOf(Convention.NONE), table, catalogReader, input, operation);
  }

  private IcebergTableModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation) {
    super(cluster, traits, table, catalogReader, input, operation, null, null, false);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IcebergTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), getOperation());
  }

  @Override
  public void register(org.apache.calcite.plan.RelOptPlanner planner) {
    planner.addRule(IcebergAppendRule.INSTANCE);
  }
}
