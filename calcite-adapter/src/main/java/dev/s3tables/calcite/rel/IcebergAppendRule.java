package dev.s3tables.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns an INSERT into an Iceberg table into the {@link EnumerableIcebergAppend} that runs it. */
final class IcebergAppendRule extends ConverterRule {
  static final IcebergAppendRule INSTANCE =
      Config.INSTANCE
          .withConversion(IcebergTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "IcebergAppendRule")
          .withRuleFactory(IcebergAppendRule::new)
          .toRule(IcebergAppendRule.class);

  private IcebergAppendRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    IcebergTableModify modify = (IcebergTableModify) rel;
    RelNode input = convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
    return new EnumerableIcebergAppend(modify.getTraitSet().replace(EnumerableConvention.INSTANCE), modify, input);
  }
}
