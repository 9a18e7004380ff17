package dev.s3tables.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns a refined {@link IcebergTableScan} into the {@link EnumerableIcebergScan} that runs it. */
final class IcebergToEnumerableConverterRule extends ConverterRule {
  static final IcebergToEnumerableConverterRule INSTANCE =
      Config.INSTANCE
          .withConversion(
              IcebergTableScan.class,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "IcebergToEnumerableConverterRule")
          .withRuleFactory(IcebergToEnumerableConverterRule::new)
          .toRule(IcebergToEnumerableConverterRule.class);

  private IcebergToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    IcebergTableScan scan = (IcebergTableScan) rel;
    return new EnumerableIcebergScan(scan.getTraitSet().replace(EnumerableConvention.INSTANCE), scan);
  }
}
