package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.expr.ExpressionConverter;
import dev.s3tables.calcite.timetravel.TableVersions;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of one scan of the spec's snapshot, streamed: Iceberg plans the files from the filter
 * (partition and metrics pruning), several files are read ahead in parallel with deletes applied
 * and the filter evaluated per row, rows come out in file order, and the scan stops at its limit,
 * on Statement.cancel() and at the query timeout, closing its files. A scan with row ids reads the
 * files a DELETE or UPDATE planned ({@link PinnedReads}).
 */
public final class ScanEnumerable extends AbstractEnumerable<Object[]> {
  private final @Nullable Table table;
  private final PinnedReads.@Nullable PinnedRead pinned;
  private final ScanSpec spec;
  private final DataContext root;
  private final long startNanos;
  private @Nullable Supplier<FileRead.RowFold> fold;

  public ScanEnumerable(Table table, ScanSpec spec, DataContext root) {
    this(requireNonNull(table, "table"), null, spec, root, System.nanoTime());
  }

  ScanEnumerable(PinnedReads.PinnedRead pinned, ScanSpec spec, DataContext root) {
    this(null, requireNonNull(pinned, "pinned"), spec, root, System.nanoTime());
  }

  /** A scan that is part of a statement which started at {@code startNanos}, for its timeout. */
  ScanEnumerable(Table table, ScanSpec spec, DataContext root, long startNanos) {
    this(requireNonNull(table, "table"), null, spec, root, startNanos);
  }

  private ScanEnumerable(
      @Nullable Table table, PinnedReads.@Nullable PinnedRead pinned, ScanSpec spec, DataContext root, long startNanos) {
    this.table = table;
    this.pinned = pinned;
    this.spec = requireNonNull(spec, "spec");
    this.root = requireNonNull(root, "root");
    this.startNanos = startNanos;
  }

  /**
   * The partial aggregates of each file the spec's scan reads, computed on the reader threads
   * ({@link FileAggregation}): one row per group of a file, keys first.
   */
  public static ScanEnumerable partialAggregates(Table table, PartialAggregateSpec spec, DataContext root) {
    requireNonNull(spec, "spec");
    ScanEnumerable scan = new ScanEnumerable(table, spec.scan(), root);
    scan.fold = () -> new FileAggregation(spec);
    return scan;
  }

  /** The Iceberg filter of a spec, with prepared-statement parameters bound. */
  public static Expression icebergFilter(ScanSpec spec, Schema schema, DataContext root) {
    return spec.filter() == null
        ? Expressions.alwaysTrue()
        : ExpressionConverter.toIceberg(spec.filter(), spec.columnNames(), schema, i -> root.get("?" + i));
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    PrefetchingRows rows;
    if (pinned == null) {
      TableScan version = TableVersions.newScan(table, spec.version(), root, spec.columnNames());
      TableScan scan = version.select(spec.projectedNames()).filter(icebergFilter(spec, version.schema(), root));
      rows = new PrefetchingRows(scan, scan::planFiles, spec.projectedNames(), false, spec.limit().orElse(Long.MAX_VALUE),
          DictionaryFileFilter.of(scan));
    } else {
      rows = new PrefetchingRows(pinned.scan(), () -> CloseableIterable.withNoopClose(pinned.tasks()),
          RowIds.withRowIds(spec.projectedNames()),
          spec.rowIds() == RowIds.RECORDS, Long.MAX_VALUE, DictionaryFileFilter.of(pinned.scan()));
    }
    if (fold != null) {
      rows.foldedBy(fold);
    }
    return rows.watchedBy(ScanWatchdog.watch(root, startNanos, rows::stop));
  }
}
