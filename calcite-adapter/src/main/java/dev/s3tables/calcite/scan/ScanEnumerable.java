package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.expr.ExpressionConverter;
import dev.s3tables.calcite.timetravel.TableVersions;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The rows of one scan of the spec's snapshot, streamed: Iceberg plans the files from the filter
 * (partition and metrics pruning), several files are read ahead in parallel with deletes applied
 * and the filter evaluated per row, rows come out in file order, and the scan stops at its limit,
 * on Statement.cancel() and at the query timeout, closing its files.
 */
public final class ScanEnumerable extends AbstractEnumerable<Object[]> {
  private final Table table;
  private final ScanSpec spec;
  private final DataContext root;
  private final long startNanos;

  public ScanEnumerable(Table table, ScanSpec spec, DataContext root) {
    this(table, spec, root, System.nanoTime());
  }

  /** A scan that is part of a statement which started at {@code startNanos}, for its timeout. */
  ScanEnumerable(Table table, ScanSpec spec, DataContext root, long startNanos) {
    this.table = requireNonNull(table, "table");
    this.spec = requireNonNull(spec, "spec");
    this.root = requireNonNull(root, "root");
    this.startNanos = startNanos;
  }

  /** The Iceberg filter of a spec, with prepared-statement parameters bound. */
  static Expression icebergFilter(ScanSpec spec, Schema schema, DataContext root) {
    return spec.filter() == null
        ? Expressions.alwaysTrue()
        : ExpressionConverter.toIceberg(spec.filter(), spec.columnNames(), schema, i -> root.get("?" + i));
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    TableScan version = TableVersions.newScan(table, spec.version(), root);
    TableScan scan = version.select(spec.projectedNames()).filter(icebergFilter(spec, version.schema(), root));
    PrefetchingRows rows = new PrefetchingRows(scan, spec.projectedNames(), spec.limit().orElse(Long.MAX_VALUE));
    return rows.watchedBy(ScanWatchdog.watch(root, startNanos, rows::stop));
  }
}
