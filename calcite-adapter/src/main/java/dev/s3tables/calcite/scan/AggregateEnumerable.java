package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.timetravel.TableVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one row of an {@link AggregateSpec}, computed when the statement runs, from the snapshot its
 * scan reads: Iceberg plans the files from the filter, and if metadata answers every file
 * exactly ({@link MetadataAggregator}) no data file is opened; otherwise the rows are read with
 * the same filter through a {@link ScanEnumerable}, deletes applied, and aggregated here.
 * Cancel and the query timeout stop both.
 */
public final class AggregateEnumerable extends AbstractEnumerable<Object[]> {
  private final Table table;
  private final AggregateSpec spec;
  private final DataContext root;
  private final long startNanos = System.nanoTime();

  public AggregateEnumerable(Table table, AggregateSpec spec, DataContext root) {
    this.table = requireNonNull(table, "table");
    this.spec = requireNonNull(spec, "spec");
    this.root = requireNonNull(root, "root");
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    Object[] row = fromMetadata();
    return Linq4j.singletonEnumerator(row != null ? row : fromRows());
  }

  /** The answer from the planned files' metadata; null if some file needs reading. */
  private Object @Nullable [] fromMetadata() {
    TableScan version = TableVersions.newScan(table, spec.scan().version(), root, spec.scan().columnNames());
    Schema schema = version.schema();
    TableScan scan = version.filter(ScanEnumerable.icebergFilter(spec.scan(), schema, root));
    List<String> columns = new ArrayList<>(spec.rowsToRead().projectedNames());
    if (!columns.isEmpty()) {
      // Planning drops the files' column metrics unless asked to keep them.
      scan = scan.includeColumnStats(columns);
    }
    AggregateResults results = new AggregateResults(spec);
    MetadataAggregator aggregator = new MetadataAggregator(schema, spec, results);
    CloseableIterable<FileScanTask> tasks = scan.planFiles();
    CloseableIterator<FileScanTask> iterator = tasks.iterator();
    // Planning reads manifests from storage; closing them is what unblocks a read in progress.
    ScanWatchdog.Watch watch =
        ScanWatchdog.watch(
            root,
            startNanos,
            () -> {
              iterator.close();
              tasks.close();
            });
    try (watch; iterator; tasks) {
      while (iterator.hasNext()) {
        if (!aggregator.add(iterator.next())) {
          return null;
        }
      }
    } catch (IOException | RuntimeException e) {
      watch.throwIfStopped();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    watch.throwIfStopped();
    return results.row();
  }

  /** The answer from reading the rows. */
  private Object[] fromRows() {
    AggregateResults results = new AggregateResults(spec);
    int[] positions = spec.positionsInRowsRead();
    try (Enumerator<Object[]> rows = new ScanEnumerable(table, spec.rowsToRead(), root, startNanos).enumerator()) {
      while (rows.moveNext()) {
        results.add(rows.current(), positions);
      }
    }
    return results.row();
  }
}
