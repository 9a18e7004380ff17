package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * The writes of one statement or one JDBC batch: rows go into one writer per table, and {@link
 * #commit} makes them visible in one Iceberg append per table (S3 Tables has no multi-table
 * transactions, so a batch over several tables commits table by table). A batch opens a
 * session on its thread so that the statement, executed once per parameter row, writes into the
 * same files and commits once.
 */
public final class AppendSession implements AutoCloseable {
  private static final ThreadLocal<AppendSession> CURRENT = new ThreadLocal<>();

  private final Map<String, TableWriter<Object[]>> writers = new LinkedHashMap<>();
  private final boolean batch;

  private AppendSession(boolean batch) {
    this.batch = batch;
  }

  /** Opens the session of a JDBC batch on this thread; commit it after the last row. */
  public static AppendSession openBatch() {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("A batch is already running on this thread");
    }
    AppendSession session = new AppendSession(true);
    CURRENT.set(session);
    return session;
  }

  /** The batch session of this thread, or a new session for a single statement. */
  public static AppendSession forStatement() {
    AppendSession current = CURRENT.get();
    return current != null ? current : new AppendSession(false);
  }

  /** True if the statement's writes are committed by a batch, not by the statement itself. */
  public boolean isBatch() {
    return batch;
  }

  /** The writer for a table, opened on first use with the table as the supplier loads it. */
  public TableWriter<Object[]> writer(String tableKey, Supplier<Table> table) {
    requireNonNull(tableKey, "tableKey");
    return writers.computeIfAbsent(tableKey, k -> TableWriter.forRows(table.get()));
  }

  /** Commits every table's files, one append each; returns the rows written. */
  public long commit() {
    long rows = 0;
    for (TableWriter<Object[]> writer : writers.values()) {
      List<DataFile> files = writer.finish();
      if (!files.isEmpty()) {
        AppendFiles append = writer.table().newAppend();
        files.forEach(append::appendFile);
        append.commit();
      }
      rows += writer.rows();
    }
    writers.clear();
    return rows;
  }

  /** Ends the session; files written and not committed stay unreferenced. */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      for (TableWriter<Object[]> writer : writers.values()) {
        try {
          writer.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } finally {
      writers.clear();
      if (batch) {
        CURRENT.remove();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
