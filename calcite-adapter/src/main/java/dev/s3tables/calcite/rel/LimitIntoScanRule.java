package dev.s3tables.calcite.rel;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.immutables.value.Value;

/**
 * Tells the scan under an unordered LIMIT (and OFFSET) how many rows are enough, so it stops reading
 * files once it has them. The limit stays above the scan; the scan's filter is exact, so the first
 * rows it produces are rows of the answer.
 */
@Value.Enclosing
public final class LimitIntoScanRule extends RelRule<LimitIntoScanRule.Config> {

  LimitIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Sort sort = call.rel(0);
    IcebergTableScan scan = call.rel(1);
    long fetch = literal(sort.fetch);
    long offset = sort.offset == null ? 0 : literal(sort.offset);
    if (fetch < 0 || offset < 0 || fetch > Long.MAX_VALUE - offset) {
      return;
    }
    long rows = fetch + offset;
    if (scan.spec().limit().isPresent() && scan.spec().limit().getAsLong() <= rows) {
      return;
    }
    call.transformTo(sort.copy(sort.getTraitSet(), scan.withSpec(scan.spec().limit(rows)), sort.getCollation(), sort.offset, sort.fetch));
  }

  /** The value of a literal fetch or offset; -1 for a parameter or a value beyond a long. */
  static long literal(RexNode node) {
    if (!(node instanceof RexLiteral literal)) {
      return -1;
    }
    java.math.BigDecimal value = literal.getValueAs(java.math.BigDecimal.class);
    return value == null || value.signum() < 0 || value.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0
        ? -1
        : value.longValueExact();
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config DEFAULT =
        ImmutableLimitIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Sort.class)
                    .predicate(sort -> sort.fetch != null && sort.getCollation().getFieldCollations().isEmpty())
                    .oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    @Override
    default LimitIntoScanRule toRule() {
      return new LimitIntoScanRule(this);
    }
  }
}
