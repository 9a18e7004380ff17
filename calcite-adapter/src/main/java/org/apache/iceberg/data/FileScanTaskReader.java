package org.apache.iceberg.data;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Opens the file scan tasks of one table scan one at a time, with delete files applied and the
 * task's residual filter evaluated per row: Iceberg's own generic reader, the one IcebergGenerics
 * uses for whole scans. In Iceberg's package because that reader's constructor is package-private;
 * reading task by task is what lets the driver read a scan's files in parallel, in order.
 */
public final class FileScanTaskReader {
  private final GenericReader reader;

  /** A reader whose records are new objects, for callers that keep them. */
  public FileScanTaskReader(TableScan scan) {
    this(scan, false);
  }

  /**
   * @param reuseRecords whether each file's reader fills one record for every row: for callers
   *     that are done with a record before asking for the next
   */
  public FileScanTaskReader(TableScan scan, boolean reuseRecords) {
    this.reader = new GenericReader(requireNonNull(scan, "scan"), reuseRecords);
  }

  /** The task's records; safe to call from several threads at once. */
  public CloseableIterable<Record> open(FileScanTask task) {
    return reader.open(requireNonNull(task, "task"));
  }
}
