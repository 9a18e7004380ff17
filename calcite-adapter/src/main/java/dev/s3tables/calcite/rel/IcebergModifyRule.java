package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.table.IcebergTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Turns DELETE and UPDATE of an Iceberg table into the {@link EnumerableIcebergModify} that runs
 * them, over an input rebuilt to carry row ids. It stands in for Calcite's own table-modify rule,
 * which it hands every other modification (MERGE, which then fails as unsupported).
 */
final class IcebergModifyRule extends ConverterRule {
  static final IcebergModifyRule INSTANCE =
      Config.INSTANCE
          .withConversion(LogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "IcebergModifyRule")
          .withRuleFactory(IcebergModifyRule::new)
          .toRule(IcebergModifyRule.class);

  private IcebergModifyRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalTableModify modify = (LogicalTableModify) rel;
    IcebergTable table = modify.getTable().unwrap(IcebergTable.class);
    if (table == null || !(modify.isDelete() || modify.isUpdate())) {
      return EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE.convert(rel);
    }
    RelNode input;
    List<RexNode> newValues = null;
    int[] updatedColumns = new int[0];
    if (modify.isDelete()) {
      input = RowIdInput.forDelete(modify.getInput(), modify.getTable());
    } else {
      List<String> columns = modify.getUpdateColumnList();
      List<String> tableColumns = modify.getTable().getRowType().getFieldNames();
      updatedColumns = columns.stream().mapToInt(tableColumns::indexOf).toArray();
      input = RowIdInput.forUpdate(modify.getInput(), modify.getTable(), modify.getSourceExpressionList(), columns);
      newValues = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        newValues.add(new RexInputRef(i, input.getRowType().getFieldList().get(i).getType()));
      }
    }
    RelNode enumerableInput = convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE));
    return new EnumerableIcebergModify(
        modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
        modify,
        enumerableInput,
        modify.getUpdateColumnList(),
        newValues,
        updatedColumns);
  }
}
