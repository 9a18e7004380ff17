package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.TableScan;

/**
 * The reads of the tables that running DELETE and UPDATE statements change. Such a statement plans
 * its files itself, from the snapshot it will validate its commit against, and decides which files
 * it drops whole; the scan with row ids in its plan reads exactly the other files, with the same
 * snapshot. Keyed by the statement's data context, which the statement and its scan share, and the
 * table's qualified name.
 */
public final class PinnedReads {
  private static final Map<Key, PinnedRead> PINNED = new ConcurrentHashMap<>();

  private PinnedReads() {}

  /**
   * The files one scan reads: its projection (with Iceberg's file path and position columns) and
   * snapshot come from {@code scan}, its files from {@code tasks}.
   */
  public record PinnedRead(TableScan scan, List<FileScanTask> tasks) {
    public PinnedRead {
      requireNonNull(scan, "scan");
      tasks = List.copyOf(tasks);
    }
  }

  /** A data context by identity: it is one execution of one statement. */
  private record Key(DataContext root, String table) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that && root == that.root && table.equals(that.table);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(root) + table.hashCode();
    }
  }

  /** Ends a pinned read. */
  public interface Pin extends AutoCloseable {
    @Override
    void close();
  }

  /** Hands the read to the statement's scan of {@code table} until the returned handle is closed. */
  public static Pin pin(DataContext root, String table, PinnedRead read) {
    Key key = new Key(requireNonNull(root, "root"), requireNonNull(table, "table"));
    if (PINNED.putIfAbsent(key, requireNonNull(read, "read")) != null) {
      throw new IllegalStateException("A read of " + table + " is already pinned for this statement");
    }
    return () -> PINNED.remove(key);
  }

  /**
   * The rows of the read pinned when they are asked for (the plan binds its scans before the
   * statement pins the read), with the spec's row ids after its columns.
   */
  public static Enumerable<Object[]> scan(DataContext root, String table, ScanSpec spec) {
    Key key = new Key(requireNonNull(root, "root"), requireNonNull(table, "table"));
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        PinnedRead read = PINNED.get(key);
        if (read == null) {
          throw new IllegalStateException("A scan with row ids of " + table + " runs only inside a DELETE or UPDATE");
        }
        return new ScanEnumerable(read, spec, root).enumerator();
      }
    };
  }
}
