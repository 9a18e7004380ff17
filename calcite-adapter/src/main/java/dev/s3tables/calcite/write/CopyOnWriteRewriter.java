package dev.s3tables.calcite.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.FileScanTaskReader;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.TypeUtil;

/**
 * Copy-on-write: every data file with removed rows is read again, whole and with the delete files
 * that already apply to it, and its remaining rows are written to new files, values as read.
 */
final class CopyOnWriteRewriter {
  private CopyOnWriteRewriter() {}

  /** Writes the rows the statement keeps of each affected file into {@code out}; answers the files replaced. */
  static List<DataFile> rewrite(
      Table table, long snapshotId, Expression filter, DeletedPositions deleted, RecordConverter records, TableWriter<Record> out) {
    Schema withPosition = TypeUtil.join(table.schema(), new Schema(MetadataColumns.ROW_POSITION));
    TableScan scan =
        table.newScan().useSnapshot(snapshotId).filter(filter).ignoreResiduals().project(withPosition);
    FileScanTaskReader reader = new FileScanTaskReader(scan);
    List<DataFile> replaced = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        String path = task.file().location();
        if (!deleted.paths().contains(path)) {
          continue;
        }
        try (CloseableIterable<Record> rows = reader.open(task)) {
          for (Record row : rows) {
            if (!deleted.contains(path, (Long) row.getField(MetadataColumns.ROW_POSITION.name()))) {
              out.write(records.tableRecord(row));
            }
          }
        }
        replaced.add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return replaced;
  }
}
