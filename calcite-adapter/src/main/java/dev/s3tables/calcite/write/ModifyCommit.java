package dev.s3tables.calcite.write;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;

/**
 * The one commit of a DELETE or UPDATE, validated against what committed since the snapshot the
 * statement read: a concurrent delete or rewrite of the files it changes always fails it, and a
 * concurrent append of rows its filter may match fails it under serializable isolation. Iceberg
 * retries the commit itself when only the table's version moved; a failed validation becomes a
 * commit conflict (SQLState 40001): nothing was committed and the statement may run again.
 */
final class ModifyCommit {
  private final Table table;
  private final long snapshotId;
  private final Expression filter;
  private final ModifyPolicy policy;
  private final String statement;

  ModifyCommit(Table table, long snapshotId, Expression filter, ModifyPolicy policy, String statement) {
    this.table = table;
    this.snapshotId = snapshotId;
    this.filter = filter;
    this.policy = policy;
    this.statement = statement;
  }

  /** Merge-on-read: files dropped whole, position deletes for the others, and new rows. */
  void rowDelta(List<DataFile> dropped, List<DeleteFile> deletes, Iterable<String> referenced, List<DataFile> added) {
    RowDelta delta =
        table.newRowDelta()
            .validateFromSnapshot(snapshotId)
            .conflictDetectionFilter(filter)
            .validateDataFilesExist(referenced)
            .validateDeletedFiles()
            .validateNoConflictingDeleteFiles();
    if (policy.serializable()) {
      delta.validateNoConflictingDataFiles();
    }
    dropped.forEach(delta::removeRows);
    deletes.forEach(delta::addDeletes);
    added.forEach(delta::addRows);
    commit(delta::commit);
  }

  /** Copy-on-write: the files replaced or dropped, and the files that replace them. */
  void overwrite(List<DataFile> removed, List<DataFile> added) {
    OverwriteFiles overwrite =
        table.newOverwrite()
            .validateFromSnapshot(snapshotId)
            .conflictDetectionFilter(filter)
            .validateNoConflictingDeletes();
    if (policy.serializable()) {
      overwrite.validateNoConflictingData();
    }
    removed.forEach(overwrite::deleteFile);
    added.forEach(overwrite::addFile);
    commit(overwrite::commit);
  }

  private void commit(Runnable commit) {
    try {
      commit.run();
    } catch (ValidationException e) {
      throw new CommitFailedException(e, "%s of %s conflicts with a change committed since it read snapshot %s,"
          + " and committed nothing; run it again: %s", statement, table.name(), snapshotId, e.getMessage());
    }
  }
}
