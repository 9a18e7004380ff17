package dev.s3tables.calcite.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.mapping.IntPair;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The estimated rows of an inner equi-join, without column statistics: {@code |L| * |R| / keys},
 * where {@code keys}, the distinct key values, is the row count of the smaller of the two tables
 * the key columns come from. A key join of a fact table with a dimension table (lineitem with
 * orders) then has about as many rows as the fact side keeps, less what a filter on the dimension
 * side removes. Calcite's own estimate, {@code |L| * |R| * 0.15}, makes every join look larger
 * than its inputs, and so puts the fact table on the side that is hashed. Other joins keep
 * Calcite's estimate.
 */
public final class JoinRowCount implements MetadataHandler<BuiltInMetadata.RowCount> {
  static final RelMetadataProvider SOURCE =
      ReflectiveRelMetadataProvider.reflectiveSource(new JoinRowCount(), BuiltInMetadata.RowCount.Handler.class);

  private JoinRowCount() {}

  @Override
  public MetadataDef<BuiltInMetadata.RowCount> getDef() {
    return BuiltInMetadata.RowCount.DEF;
  }

  /** Called by Calcite's metadata dispatch for every join. */
  public @Nullable Double getRowCount(Join join, RelMetadataQuery mq) {
    Double keyed = keyJoinRows(join, mq);
    return keyed != null ? keyed : RelMdUtil.getJoinRowCount(mq, join, join.getCondition());
  }

  private static @Nullable Double keyJoinRows(Join join, RelMetadataQuery mq) {
    JoinInfo info = join.analyzeCondition();
    if (join.getJoinType() != JoinRelType.INNER || info.leftKeys.isEmpty()) {
      return null;
    }
    Double left = mq.getRowCount(join.getLeft());
    Double right = mq.getRowCount(join.getRight());
    if (left == null || right == null) {
      return null;
    }
    // Several keys usually describe one relationship (TPC-H Q5: customer and nation), so the most
    // selective key stands for all of them.
    double keys = 1;
    for (IntPair pair : info.pairs()) {
      Double leftTable = tableRows(mq, join.getLeft(), pair.source);
      Double rightTable = tableRows(mq, join.getRight(), pair.target);
      if (leftTable == null || rightTable == null) {
        return null;
      }
      keys = Math.max(keys, Math.min(leftTable, rightTable));
    }
    double rest = RelMdUtil.guessSelectivity(info.getRemaining(join.getCluster().getRexBuilder()));
    return Math.max(1, left * right / keys * rest);
  }

  /** The rows of the table a column is read from, unfiltered; null for a computed column. */
  private static @Nullable Double tableRows(RelMetadataQuery mq, RelNode input, int column) {
    RelColumnOrigin origin = mq.getColumnOrigin(input, column);
    return origin == null || origin.isDerived() ? null : origin.getOriginTable().getRowCount();
  }
}
