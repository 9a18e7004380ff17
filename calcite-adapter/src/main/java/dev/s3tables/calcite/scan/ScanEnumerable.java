package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.expr.ExpressionConverter;
import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.calcite.types.UnsupportedTypePolicy;
import java.io.IOException;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;

/**
 * The rows of one scan, streamed: Iceberg plans the files from the filter (partition and metrics
 * pruning), reads them with deletes applied and the filter evaluated per row, and the scan stops at
 * its limit, on Statement.cancel() and at the query timeout, closing its files.
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
    List<String> columns = spec.projectedNames();
    CloseableIterable<Record> records =
        IcebergGenerics.read(table).select(columns).where(icebergFilter(spec, table.schema(), root)).build();
    CloseableIterator<Record> iterator = records.iterator();
    // The iterator holds the open data file; closing it is what unblocks a read in progress.
    ScanWatchdog.Watch watch =
        ScanWatchdog.watch(
            root,
            startNanos,
            () -> {
              iterator.close();
              records.close();
            });
    long limit = spec.limit().orElse(Long.MAX_VALUE);
    return new RowEnumerator(records, iterator, watch, columns, limit);
  }

  /** Iterates the records, converting each to a Calcite row. */
  private static final class RowEnumerator implements Enumerator<Object[]> {
    private final CloseableIterable<Record> records;
    private final CloseableIterator<Record> iterator;
    private final ScanWatchdog.Watch watch;
    private final List<String> columns;
    private final long limit;
    private RowConverter converter;
    private long produced;
    private Object[] current;

    RowEnumerator(
        CloseableIterable<Record> records,
        CloseableIterator<Record> iterator,
        ScanWatchdog.Watch watch,
        List<String> columns,
        long limit) {
      this.records = records;
      this.iterator = iterator;
      this.watch = watch;
      this.columns = columns;
      this.limit = limit;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (produced >= limit) {
        return false;
      }
      try {
        if (!iterator.hasNext()) {
          watch.throwIfStopped();
          return false;
        }
        Record record = iterator.next();
        if (converter == null) {
          // Records also carry the columns the filter needs; the converter picks the projection.
          converter = RowConverter.of(record.struct(), columns, UnsupportedTypePolicy.FAIL);
        }
        current = converter.convert(record);
      } catch (RuntimeException e) {
        watch.throwIfStopped();
        throw e;
      }
      watch.throwIfStopped();
      produced++;
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("A scan is read once");
    }

    /** Closing a result set must not fail; a file that does not close has nothing left to give. */
    @Override
    public void close() {
      watch.close();
      closeQuietly(iterator);
      closeQuietly(records);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        // The scan is over either way; the caller asked to release, not to read.
      }
    }
  }
}
