package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.write.ModifySpec;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs a DELETE or UPDATE: the generated code hands the input's rows (new values, then row ids) to
 * {@link IcebergTable#modify}, which changes the table in one commit and answers the row count.
 */
public final class EnumerableIcebergModify extends TableModify implements EnumerableRel {
  private final int[] updatedColumns;

  EnumerableIcebergModify(
      RelTraitSet traits,
      TableModify modify,
      RelNode input,
      @Nullable List<String> updateColumns,
      @Nullable List<RexNode> newValues,
      int[] updatedColumns) {
    super(modify.getCluster(), traits, modify.getTable(), modify.getCatalogReader(), input, modify.getOperation(),
        updateColumns, newValues, false);
    this.updatedColumns = updatedColumns.clone();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIcebergModify(
        traitSet, this, sole(inputs), getUpdateColumnList(), getSourceExpressionList(), updatedColumns);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    EnumerableIcebergScan scan = rowIdScan(getInput());
    if (scan == null) {
      // The planner proved the WHERE false (WHERE 1 = 0) and dropped the scan: nothing to change.
      return implementor.result(physType,
          Blocks.toBlock(Expressions.call(Linq4j.class, "singletonEnumerable", Expressions.constant(0L, Long.class))));
    }
    IcebergTable table = getTable().unwrapOrThrow(IcebergTable.class);
    ModifySpec spec =
        new ModifySpec(scan.spec(), filterIsExact(getInput()), updatedColumns, table.icebergSchema().schemaId());
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("rows", input.block);
    Expression arrays = builder.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    builder.add(
        Expressions.return_(
            null,
            Expressions.call(
                implementor.stash(table, IcebergTable.class),
                "modify",
                implementor.getRootExpression(),
                Expressions.convert_(arrays, Enumerable.class),
                implementor.stash(spec, ModifySpec.class))));
    return implementor.result(physType, builder.toBlock());
  }

  /** The scan that finds the rows to change: the one with row ids. */
  private static @Nullable EnumerableIcebergScan rowIdScan(RelNode rel) {
    if (rel instanceof EnumerableIcebergScan scan && scan.spec().rowIds() != RowIds.NONE) {
      return scan;
    }
    for (RelNode input : rel.getInputs()) {
      EnumerableIcebergScan found = rowIdScan(input);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** True if only projections lie between the modify and its scan: the pushed filter is the whole WHERE. */
  private static boolean filterIsExact(RelNode rel) {
    if (rel instanceof EnumerableIcebergScan scan) {
      return scan.spec().rowIds() != RowIds.NONE;
    }
    if (rel instanceof Calc calc && calc.getProgram().getCondition() == null || rel instanceof Project) {
      return filterIsExact(rel.getInput(0));
    }
    return false;
  }
}
