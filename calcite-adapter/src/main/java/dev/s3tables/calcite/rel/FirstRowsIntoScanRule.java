package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.immutables.value.Value;

/**
 * Tells the scan under an ORDER BY with a LIMIT which rows are enough: the first ones in the sort's
 * order. The scan then reads only the sort keys of every row and the other columns of just the rows
 * it keeps (late materialization), so {@code SELECT * ... ORDER BY price DESC LIMIT 10} decodes one
 * column of the table, not all of them. The sort stays above and orders the rows the scan returns.
 * Only for scans that return columns besides the keys, and for at most {@link #MAX_ROWS} rows, whose
 * files are read a second time.
 */
@Value.Enclosing
public final class FirstRowsIntoScanRule extends RelRule<FirstRowsIntoScanRule.Config> {
  static final long MAX_ROWS = 1_000;

  FirstRowsIntoScanRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Sort sort = call.rel(0);
    IcebergTableScan scan = call.rel(1);
    ScanSpec spec = scan.spec();
    long fetch = LimitIntoScanRule.literal(sort.fetch);
    long offset = sort.offset == null ? 0 : LimitIntoScanRule.literal(sort.offset);
    if (fetch <= 0 || offset < 0 || fetch + offset > MAX_ROWS || spec.limit().isPresent() || spec.rowIds() != RowIds.NONE) {
      return;
    }
    int[] projection = spec.projection();
    List<RelFieldCollation> keys = new ArrayList<>();
    Set<Integer> keyColumns = new HashSet<>();
    for (RelFieldCollation key : sort.getCollation().getFieldCollations()) {
      int column = projection[key.getFieldIndex()];
      keys.add(key.withFieldIndex(column));
      keyColumns.add(column);
    }
    boolean readsMore = false;
    for (int column : projection) {
      readsMore |= !keyColumns.contains(column);
    }
    if (!readsMore) {
      return;
    }
    ScanSpec first = spec.first(fetch + offset, RelCollations.of(keys));
    call.transformTo(sort.copy(sort.getTraitSet(), scan.withSpec(first), sort.getCollation(), sort.offset, sort.fetch));
  }

  /** Rule configuration. */
  @Value.Immutable(singleton = true)
  public interface Config extends RelRule.Config {
    Config DEFAULT =
        ImmutableFirstRowsIntoScanRule.Config.of()
            .withOperandSupplier(
                b0 -> b0.operand(Sort.class)
                    .predicate(sort -> sort.fetch != null && !sort.getCollation().getFieldCollations().isEmpty())
                    .oneInput(b1 -> b1.operand(IcebergTableScan.class).noInputs()));

    @Override
    default FirstRowsIntoScanRule toRule() {
      return new FirstRowsIntoScanRule(this);
    }
  }
}
