package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.ScanWatchdog;
import dev.s3tables.calcite.types.RowConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;

/**
 * The rows of a metadata table scan, streamed task by task (one task per manifest for the files
 * tables). The scan is planned without a filter: the rows of a metadata table's data tasks are not
 * filtered by the scan's residuals, so every filter stays with Calcite. Statement.cancel() and the
 * query timeout stop it between rows.
 */
final class DataTaskRows extends AbstractEnumerable<Object[]> {
  private final TableScan scan;
  private final RowConverter converter;
  private final DataContext root;
  private final long startNanos;

  DataTaskRows(TableScan scan, RowConverter converter, DataContext root) {
    this.scan = requireNonNull(scan, "scan");
    this.converter = requireNonNull(converter, "converter");
    this.root = requireNonNull(root, "root");
    this.startNanos = System.nanoTime();
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    ScanWatchdog.throwIfDue(root, startNanos);
    CloseableIterable<FileScanTask> tasks = scan.planFiles();
    CloseableIterable<StructLike> rows =
        CloseableIterable.concat(CloseableIterable.transform(tasks, task -> task.asDataTask().rows()));
    // The watchdog only marks the scan stopped: a manifest read in progress is short and ends by itself.
    return new RowEnumerator(tasks, rows.iterator(), ScanWatchdog.watch(root, startNanos, () -> {}));
  }

  private final class RowEnumerator implements Enumerator<Object[]> {
    private final CloseableIterable<FileScanTask> tasks;
    private final CloseableIterator<StructLike> rows;
    private final ScanWatchdog.Watch watch;
    private Object[] current;

    RowEnumerator(CloseableIterable<FileScanTask> tasks, CloseableIterator<StructLike> rows, ScanWatchdog.Watch watch) {
      this.tasks = tasks;
      this.rows = rows;
      this.watch = watch;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      watch.throwIfStopped();
      if (!rows.hasNext()) {
        return false;
      }
      current = converter.convert(rows.next());
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("A metadata table scan runs once");
    }

    @Override
    public void close() {
      try (watch; tasks; rows) {
        current = null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
