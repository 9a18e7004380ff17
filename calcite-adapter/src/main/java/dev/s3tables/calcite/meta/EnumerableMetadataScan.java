package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/**
 * Reads a {@link MetadataTable}: generated code calls {@link MetadataTable#scan}. Its own scan,
 * not Calcite's EnumerableTableScan, because that one generates code that does not compile for
 * arrays of ROW held as {@code Object[]} (the manifests' {@code partition_summaries}).
 */
final class EnumerableMetadataScan extends TableScan implements EnumerableRel {
  private final MetadataTable metadataTable;

  EnumerableMetadataScan(RelOptCluster cluster, RelOptTable table, MetadataTable metadataTable) {
    this(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, metadataTable);
  }

  private EnumerableMetadataScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, MetadataTable metadataTable) {
    super(cluster, traits, List.of(), table);
    this.metadataTable = requireNonNull(metadataTable, "metadataTable");
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableMetadataScan(getCluster(), traitSet, getTable(), metadataTable);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression table = implementor.stash(metadataTable, MetadataTable.class);
    Expression columns = implementor.stash(List.copyOf(getRowType().getFieldNames()), List.class);
    return implementor.result(
        physType, Blocks.toBlock(Expressions.call(table, "scan", implementor.getRootExpression(), columns)));
  }
}
