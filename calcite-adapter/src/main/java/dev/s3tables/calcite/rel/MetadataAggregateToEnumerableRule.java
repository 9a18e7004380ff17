package dev.s3tables.calcite.rel;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns an {@link IcebergMetadataAggregate} into the {@link EnumerableIcebergMetadataAggregate} that runs it. */
final class MetadataAggregateToEnumerableRule extends ConverterRule {
  static final MetadataAggregateToEnumerableRule INSTANCE =
      Config.INSTANCE
          .withConversion(
              IcebergMetadataAggregate.class,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "MetadataAggregateToEnumerableRule")
          .withRuleFactory(MetadataAggregateToEnumerableRule::new)
          .toRule(MetadataAggregateToEnumerableRule.class);

  private MetadataAggregateToEnumerableRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    IcebergMetadataAggregate aggregate = (IcebergMetadataAggregate) rel;
    return new EnumerableIcebergMetadataAggregate(
        aggregate.getTraitSet().replace(EnumerableConvention.INSTANCE), aggregate);
  }
}
