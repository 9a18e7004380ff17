package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.table.IcebergTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;

/**
 * Runs an INSERT: the generated code hands every row of the input to {@link IcebergTable#append},
 * which writes them into data files and commits once, and answers the row count.
 */
public final class EnumerableIcebergAppend extends TableModify implements EnumerableRel {

  EnumerableIcebergAppend(RelTraitSet traits, TableModify modify, RelNode input) {
    super(modify.getCluster(), traits, modify.getTable(), modify.getCatalogReader(), input, modify.getOperation(),
        null, null, false);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIcebergAppend(traitSet, this, sole(inputs));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("rows", input.block);
    // Every row as an Object[], whatever format the input produced (a bare value for one column).
    Expression arrays = builder.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    IcebergTable table = getTable().unwrapOrThrow(IcebergTable.class);
    Expression target = implementor.stash(table, IcebergTable.class);
    builder.add(
        Expressions.return_(
            null,
            Expressions.call(
                target,
                "append",
                implementor.getRootExpression(),
                Expressions.convert_(arrays, Enumerable.class),
                // The rows were planned against this schema; writing under another would misplace them.
                Expressions.constant(table.icebergSchema().schemaId()))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
