package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.FileScanTaskReader;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Types;

/**
 * Opens the files of one table scan: with {@link ParquetRows} where it reads the file, otherwise
 * with Iceberg's generic reader, which also gives each row's record when the caller keeps it.
 */
final class ScanFiles {
  private final FileScanTaskReader generic;
  private final FileIO io;
  private final Schema readSchema;
  private final boolean caseSensitive;
  private final boolean direct;

  /**
   * @param withRecords whether callers keep each row's record, which only Iceberg's reader makes;
   *     otherwise a reader may refill one row for every row of a file
   */
  ScanFiles(TableScan scan, boolean withRecords) {
    requireNonNull(scan, "scan");
    this.generic = new FileScanTaskReader(scan, !withRecords);
    this.io = scan.table().io();
    this.readSchema = scan.schema();
    this.caseSensitive = scan.isCaseSensitive();
    this.direct = !withRecords && ParquetRows.supports(readSchema);
  }

  /** The task's rows; safe to call from several threads at once. */
  FileRows open(FileScanTask task) throws IOException {
    if (direct) {
      ParquetRows rows = ParquetRows.open(io, task, readSchema, caseSensitive);
      if (rows != null) {
        return rows;
      }
    }
    return new GenericRows(generic.open(task));
  }

  /** Iceberg's records as file rows. */
  private static final class GenericRows implements FileRows {
    private final CloseableIterable<Record> records;
    private final CloseableIterator<Record> iterator;
    private Record current;

    GenericRows(CloseableIterable<Record> records) {
      this.records = records;
      this.iterator = records.iterator();
    }

    @Override
    public boolean next() {
      if (!iterator.hasNext()) {
        return false;
      }
      current = iterator.next();
      return true;
    }

    @Override
    public StructLike row() {
      return current;
    }

    @Override
    public Types.StructType struct() {
      return current.struct();
    }

    @Override
    public void close() throws IOException {
      try (records) {
        iterator.close();
      }
    }
  }
}
