package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.ScanSpec;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * An {@link IcebergTableScan} as Calcite's enumerable engine runs it: the generated code calls
 * {@link IcebergTable#scan} with the scan spec, handed over as an object, not as text.
 */
public final class EnumerableIcebergScan extends TableScan implements EnumerableRel {
  private final IcebergTable icebergTable;
  private final ScanSpec spec;

  EnumerableIcebergScan(RelTraitSet traits, IcebergTableScan scan) {
    super(scan.getCluster(), traits, List.of(), scan.getTable());
    this.icebergTable = requireNonNull(scan.icebergTable(), "icebergTable");
    this.spec = requireNonNull(scan.spec(), "spec");
    this.rowType = scan.getRowType();
  }

  private EnumerableIcebergScan(EnumerableIcebergScan other, RelTraitSet traits) {
    super(other.getCluster(), traits, List.of(), other.getTable());
    this.icebergTable = other.icebergTable;
    this.spec = other.spec;
    this.rowType = other.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIcebergScan(this, traitSet);
  }

  public ScanSpec spec() {
    return spec;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ScanPlanning.rowCount(table.getRowCount(), spec);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return ScanPlanning.cost(planner, table.getRowCount(), spec);
  }

  /** The EXPLAIN text names columns for people; scans are the same only if their specs are. */
  @Override
  public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((EnumerableIcebergScan) obj).spec);
  }

  @Override
  public int deepHashCode() {
    return 31 * super.deepHashCode() + spec.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return ScanPlanning.explain(super.explainTerms(pw), spec);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // Calcite's own row format: an array, a bare value for one column, a list for none.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression table = implementor.stash(icebergTable, IcebergTable.class);
    Expression scanSpec = implementor.stash(spec, ScanSpec.class);
    Expression rows = spec.order() == null
        ? Expressions.call(table, "scan", implementor.getRootExpression(), scanSpec)
        : Expressions.call(table, "firstRows", implementor.getRootExpression(), scanSpec, keyComparator(implementor));
    return implementor.result(physType, Blocks.toBlock(rows));
  }

  /**
   * Calcite's own comparator for the sort this scan's first rows are chosen by, over rows that start
   * with the order's keys, so that the scan keeps exactly the rows the sort above it would.
   */
  private Expression keyComparator(EnumerableRelImplementor implementor) {
    List<RelDataTypeField> columns = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder keyRow = implementor.getTypeFactory().builder();
    List<RelFieldCollation> keys = new ArrayList<>();
    for (RelFieldCollation key : spec.order().getFieldCollations()) {
      keys.add(key.withFieldIndex(keys.size()));
      keyRow.add(columns.get(key.getFieldIndex()));
    }
    // Not optimized: rows of one key stay arrays, as the scan hands them over.
    PhysType keyType = PhysTypeImpl.of(implementor.getTypeFactory(), keyRow.build(), JavaRowFormat.ARRAY, false);
    return keyType.generateComparator(RelCollations.of(keys));
  }
}
