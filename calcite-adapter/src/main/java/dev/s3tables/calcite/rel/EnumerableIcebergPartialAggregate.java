package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.DecimalTerm;
import dev.s3tables.calcite.scan.PartialAggregateSpec;
import dev.s3tables.calcite.table.IcebergTable;
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
 * A scan whose reader threads aggregate each data file's rows as they read them
 * ({@link PartialAggregateSpec}): per file, one row per group, its keys and partial values. The
 * aggregate above it ({@link AggregateIntoScanRule}) combines them into the query's groups. The
 * generated code calls {@link IcebergTable#partialAggregate} with the spec, handed over as an object.
 */
public final class EnumerableIcebergPartialAggregate extends AbstractRelNode implements EnumerableRel {
  /** A guess for EXPLAIN's row count: groups per file are usually few. */
  private static final double GROUPS_SHARE = 0.001;
  /** Per row read, less work than the scan, the projection and the aggregate it replaces. */
  private static final double COST_SHARE = 0.5;

  private final RelOptTable table;
  private final IcebergTable icebergTable;
  private final PartialAggregateSpec spec;

  EnumerableIcebergPartialAggregate(IcebergTableScan scan, PartialAggregateSpec spec, RelDataType rowType) {
    this(scan.getCluster(), scan.getCluster().traitSetOf(EnumerableConvention.INSTANCE), scan.getTable(),
        scan.icebergTable(), spec, rowType);
  }

  private EnumerableIcebergPartialAggregate(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      IcebergTable icebergTable, PartialAggregateSpec spec, RelDataType rowType) {
    super(cluster, traits);
    this.table = requireNonNull(table, "table");
    this.icebergTable = requireNonNull(icebergTable, "icebergTable");
    this.spec = requireNonNull(spec, "spec");
    this.rowType = requireNonNull(rowType, "rowType");
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIcebergPartialAggregate(getCluster(), traitSet, table, icebergTable, spec, rowType);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return Math.max(1, ScanPlanning.rowCount(table.getRowCount(), spec.scan()) * GROUPS_SHARE);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return ScanPlanning.cost(planner, table.getRowCount(), spec.scan()).multiplyBy(COST_SHARE);
  }

  @Override
  public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((EnumerableIcebergPartialAggregate) obj).spec);
  }

  @Override
  public int deepHashCode() {
    return 31 * super.deepHashCode() + spec.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> columns = spec.scan().projectedNames();
    return ScanPlanning.explain(
        super.explainTerms(pw.item("table", table.getQualifiedName()))
            .item("groupBy", spec.keys().stream().map(columns::get).toList())
            .item("partials", spec.calls().stream().map(call -> text(call, columns)).toList()),
        spec.scan());
  }

  /** The call as EXPLAIN shows it, such as {@code SUM(l_extendedprice * (1 - l_discount))}. */
  private static String text(PartialAggregateSpec.Call call, List<String> columns) {
    String argument = call.term() != null ? text(call.term(), columns)
        : call.column() >= 0 ? columns.get(call.column()) : "*";
    return call.function() + "(" + argument + ")";
  }

  private static String text(DecimalTerm term, List<String> columns) {
    if (term instanceof DecimalTerm.Column column) {
      return columns.get(column.slot());
    }
    if (term instanceof DecimalTerm.Literal literal) {
      return literal.value().toPlainString();
    }
    if (term instanceof DecimalTerm.Check check) {
      return "CHECK_DECIMAL(" + text(check.value(), columns) + ", " + check.precision() + ", " + check.scale() + ")";
    }
    DecimalTerm.Arithmetic arithmetic = (DecimalTerm.Arithmetic) term;
    String operator = switch (arithmetic.operator()) {
      case PLUS -> " + ";
      case MINUS -> " - ";
      case TIMES -> " * ";
    };
    return "(" + text(arithmetic.left(), columns) + operator + text(arithmetic.right(), columns) + ")";
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Expression tableExpression = implementor.stash(icebergTable, IcebergTable.class);
    Expression specExpression = implementor.stash(spec, PartialAggregateSpec.class);
    return implementor.result(physType, Blocks.toBlock(
        Expressions.call(tableExpression, "partialAggregate", implementor.getRootExpression(), specExpression)));
  }
}
