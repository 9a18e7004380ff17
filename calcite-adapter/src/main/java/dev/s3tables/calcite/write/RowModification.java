package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.PinnedReads;
import dev.s3tables.calcite.scan.ScanEnumerable;
import dev.s3tables.calcite.scan.ScanStoppedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.types.Types;

/**
 * Runs one DELETE or UPDATE on a table as just loaded: plans the files of its current snapshot
 * from the statement's filter, drops the files every row of which matches without reading them,
 * hands the others to the statement's scan, records the rows the scan finds (and for UPDATE writes
 * them again with their new values), then removes those rows with position delete files or by
 * rewriting their files, and commits once. Nothing is committed if the statement fails, is
 * cancelled or times out before its commit.
 */
public final class RowModification {
  private final Table table;
  private final ModifySpec spec;
  private final DataContext root;
  private final String scanKey;
  private final long startNanos = System.nanoTime();

  /**
   * @param scanKey what the statement's scan with row ids is keyed by in {@link PinnedReads}
   */
  public RowModification(Table table, ModifySpec spec, DataContext root, String scanKey) {
    this.table = requireNonNull(table, "table");
    this.spec = requireNonNull(spec, "spec");
    this.root = requireNonNull(root, "root");
    this.scanKey = requireNonNull(scanKey, "scanKey");
  }

  /** Changes the rows the input names and answers how many there were. */
  public long run(Enumerable<Object[]> rows) {
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return 0;
    }
    boolean update = spec.isUpdate();
    Expression filter = ScanEnumerable.icebergFilter(spec.scan(), table.schema(), root);
    List<String> columns =
        update ? table.schema().columns().stream().map(Types.NestedField::name).toList() : spec.scan().projectedNames();
    PlannedFiles plan =
        PlannedFiles.plan(table, snapshot.snapshotId(), filter, columns, !update && spec.filterIsExact());
    RecordConverter records = new RecordConverter(table.schema());
    DeletedPositions deleted = new DeletedPositions();
    try (TableWriter<Record> out = TableWriter.forRecords(table)) {
      readRows(rows, plan, records, deleted, out);
      long count = deleted.count() + plan.droppedRows();
      if (count == 0) {
        return 0;
      }
      ModifyPolicy policy = ModifyPolicy.of(table, update);
      ModifyCommit commit = new ModifyCommit(table, snapshot.snapshotId(), filter, policy, update ? "UPDATE" : "DELETE");
      if (policy.copyOnWrite()) {
        List<DataFile> removed = new ArrayList<>(plan.dropped());
        removed.addAll(CopyOnWriteRewriter.rewrite(table, snapshot.snapshotId(), filter, deleted, records, out));
        List<DataFile> added = out.finish();
        ScanStoppedException.throwIfStopped(root, startNanos);
        commit.overwrite(removed, added);
      } else {
        List<DeleteFile> deletes = PositionDeleteFiles.write(table, deleted, plan);
        List<DataFile> added = out.finish();
        ScanStoppedException.throwIfStopped(root, startNanos);
        commit.rowDelta(plan.dropped(), deletes, deleted.paths(), added);
      }
      return count;
    }
  }

  /** Records the rows the statement's scan finds in the files it reads, and writes UPDATE's new rows. */
  private void readRows(
      Enumerable<Object[]> rows, PlannedFiles plan, RecordConverter records, DeletedPositions deleted, TableWriter<Record> out) {
    int file = spec.filePathIndex();
    int[] updatedColumns = spec.updatedColumns();
    try (PinnedReads.Pin pin = PinnedReads.pin(root, scanKey, new PinnedReads.PinnedRead(plan.readScan(), plan.toRead()));
        Enumerator<Object[]> input = rows.enumerator()) {
      while (input.moveNext()) {
        Object[] row = input.current();
        if (deleted.add((String) row[file], (Long) row[file + 1]) && spec.isUpdate()) {
          Record record = records.tableRecord((Record) row[file + 2]);
          out.write(records.withValues(record, updatedColumns, row));
        }
      }
    }
  }
}
