package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.RowIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.StrictMetricsEvaluator;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of one snapshot that a DELETE or UPDATE filter may match, split into those it
 * drops whole, because the partition or the column metrics prove every row matches and no delete
 * file applies to them, and those its scan reads.
 */
final class PlannedFiles {
  private final TableScan readScan;
  private final List<FileScanTask> toRead = new ArrayList<>();
  private final Map<String, DataFile> readFiles = new HashMap<>();
  private final List<DataFile> dropped = new ArrayList<>();
  private long droppedRows;

  private PlannedFiles(TableScan readScan) {
    this.readScan = readScan;
  }

  /**
   * @param columns the table columns the statement's scan returns (the filter's are added)
   * @param dropWholeFiles whether files may be dropped without reading (only when the filter is the
   *     whole condition and the statement writes no new rows for them)
   */
  static PlannedFiles plan(Table table, long snapshotId, Expression filter, List<String> columns, boolean dropWholeFiles) {
    requireNonNull(filter, "filter");
    PlannedFiles plan = new PlannedFiles(RowIds.project(table.newScan().useSnapshot(snapshotId).filter(filter), columns));
    // Column metrics decide which files every row of which matches; planning leaves them out unless asked.
    TableScan planning = dropWholeFiles ? plan.readScan.includeColumnStats() : plan.readScan;
    try (CloseableIterable<FileScanTask> tasks = planning.planFiles()) {
      for (FileScanTask task : tasks) {
        if (dropWholeFiles && task.deletes().isEmpty() && everyRowMatches(table, filter, task)) {
          plan.dropped.add(task.file());
          plan.droppedRows += task.file().recordCount();
        } else {
          plan.toRead.add(task);
          plan.readFiles.put(task.file().location(), task.file());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return plan;
  }

  /** The partition decides the filter for every row (no residual), or the file's column metrics do. */
  private static boolean everyRowMatches(Table table, Expression filter, FileScanTask task) {
    return task.residual().op() == Expression.Operation.TRUE
        || new StrictMetricsEvaluator(table.schema(), filter).eval(task.file());
  }

  /** What the statement's scan reads with: the snapshot, the columns, and Iceberg's file path and position. */
  TableScan readScan() {
    return readScan;
  }

  List<FileScanTask> toRead() {
    return List.copyOf(toRead);
  }

  /** A data file the scan reads, by path. */
  DataFile readFile(String path) {
    DataFile file = readFiles.get(path);
    if (file == null) {
      throw new IllegalStateException("A row id names " + path + ", which the statement did not plan to read");
    }
    return file;
  }

  /** The files dropped whole, and how many rows they held. */
  List<DataFile> dropped() {
    return List.copyOf(dropped);
  }

  long droppedRows() {
    return droppedRows;
  }
}
