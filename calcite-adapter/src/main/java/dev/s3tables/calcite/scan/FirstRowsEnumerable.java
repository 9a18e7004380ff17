package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.timetravel.TableVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The first rows of a scan in its spec's order, read in two passes over one planning of the files:
 * first the order's keys of every row, with the file and position of each, keeping the first rows
 * in a bounded queue (files read best first by their metrics, and skipped where those show that no
 * row can be among the first, {@link FirstKeyBounds}); then the spec's columns of the files that
 * hold those rows, keeping the rows at those positions. Both passes read the same planned files, so
 * they see the same snapshot, deletes and filter; both are stopped by Statement.cancel() and the
 * query timeout.
 */
public final class FirstRowsEnumerable extends AbstractEnumerable<Object[]> {
  private final Table table;
  private final ScanSpec spec;
  private final DataContext root;
  private final Comparator<Object[]> keyOrder;
  private final long startNanos = System.nanoTime();

  /**
   * @param keyOrder ranks rows that start with the values of the order's keys, in the order's order
   */
  public FirstRowsEnumerable(Table table, ScanSpec spec, DataContext root, Comparator<Object[]> keyOrder) {
    this.table = requireNonNull(table, "table");
    this.spec = requireNonNull(spec, "spec");
    this.root = requireNonNull(root, "root");
    this.keyOrder = requireNonNull(keyOrder, "keyOrder");
    if (spec.order() == null || spec.rowIds() != RowIds.NONE) {
      throw new IllegalArgumentException("not a scan of first rows: " + spec);
    }
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    TableScan version = TableVersions.newScan(table, spec.version(), root, spec.columnNames());
    TableScan filtered = version.filter(ScanEnumerable.icebergFilter(spec, version.schema(), root));
    Optional<FirstKeyBounds> bounds = FirstKeyBounds.of(version.schema(), spec);
    List<String> keyColumns = spec.orderNames();
    TableScan keyScan = RowIds.project(filtered, keyColumns);
    List<FileScanTask> tasks = plan(bounds.map(b -> keyScan.includeColumnStats(List.of(b.columnName()))).orElse(keyScan));
    bounds.ifPresent(b -> tasks.sort(b.bestFirst()));
    List<Object[]> first = firstKeys(keyScan, tasks, keyColumns, bounds);
    return Linq4j.enumerator(rowsAt(filtered, tasks, first, keyColumns.size()));
  }

  private static List<FileScanTask> plan(TableScan scan) {
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned = scan.planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tasks;
  }

  /**
   * The keys, file and position of the first rows: the worst kept row leaves the queue first, and
   * once enough rows are kept, files whose bounds show no better row are not read.
   */
  private List<Object[]> firstKeys(
      TableScan keyScan, List<FileScanTask> tasks, List<String> keyColumns, Optional<FirstKeyBounds> bounds) {
    int wanted = Math.toIntExact(spec.limit().orElseThrow());
    PriorityQueue<Object[]> kept = new PriorityQueue<>(wanted + 1, keyOrder.reversed());
    // Files are taken on this thread, between rows, so whether to skip one is decided on the rows kept so far.
    Iterable<FileScanTask> toRead = bounds.isEmpty()
        ? tasks
        : () -> tasks.stream().filter(task -> kept.size() < wanted || !bounds.get().cannotPrecede(task, kept.peek()[0])).iterator();
    try (PrefetchingRows rows = read(keyScan, toRead, RowIds.withRowIds(keyColumns), DictionaryFileFilter.of(keyScan))) {
      while (rows.moveNext()) {
        Object[] row = rows.current();
        if (kept.size() < wanted) {
          kept.add(row);
        } else if (keyOrder.compare(row, kept.peek()) < 0) {
          kept.poll();
          kept.add(row);
        }
      }
    }
    return new ArrayList<>(kept);
  }

  /** The spec's columns of the rows at the kept files and positions. */
  private List<Object[]> rowsAt(TableScan filtered, List<FileScanTask> tasks, List<Object[]> keys, int keyWidth) {
    Map<String, Set<Long>> positions = new HashMap<>();
    for (Object[] key : keys) {
      positions.computeIfAbsent((String) key[keyWidth], file -> new HashSet<>()).add((Long) key[keyWidth + 1]);
    }
    List<FileScanTask> holding = tasks.stream().filter(task -> positions.containsKey(task.file().location())).toList();
    List<String> columns = spec.projectedNames();
    int width = columns.size();
    List<Object[]> found = new ArrayList<>(keys.size());
    // Every file read holds kept rows: nothing for a dictionary probe to rule out.
    try (PrefetchingRows rows = read(RowIds.project(filtered, columns), holding, RowIds.withRowIds(columns), null)) {
      while (rows.moveNext()) {
        Object[] row = rows.current();
        Set<Long> wanted = positions.get((String) row[width]);
        if (wanted != null && wanted.contains((Long) row[width + 1])) {
          Object[] values = new Object[width];
          System.arraycopy(row, 0, values, 0, width);
          found.add(values);
        }
      }
    }
    if (found.size() != keys.size()) {
      // The second pass reads the same planned files; anything else would be a wrong answer.
      throw new IllegalStateException("Read " + found.size() + " of the " + keys.size() + " first rows again");
    }
    return found;
  }

  private PrefetchingRows read(
      TableScan scan, Iterable<FileScanTask> tasks, List<String> columns, @Nullable DictionaryFileFilter dictionaries) {
    PrefetchingRows rows =
        new PrefetchingRows(scan, () -> CloseableIterable.withNoopClose(tasks), columns, false, Long.MAX_VALUE, dictionaries);
    return rows.watchedBy(ScanWatchdog.watch(root, startNanos, rows::stop));
  }
}
