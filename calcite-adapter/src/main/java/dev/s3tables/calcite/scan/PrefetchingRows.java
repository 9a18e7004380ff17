package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.DaemonPools;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.CloseableIterator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of a scan's files, read ahead: up to {@link #FILES_AHEAD} files are read at once on
 * reader threads while the consumer takes rows from the oldest of them, so rows come out in the
 * order the files were planned, reading overlaps consuming, and storage latency overlaps both.
 * Files whose dictionaries rule out the filter's equality conjuncts are never opened for reading
 * ({@link ProbedTasks}).
 */
final class PrefetchingRows implements Enumerator<Object[]> {
  static final int FILES_AHEAD = 4;

  private static final long POLL_MILLIS = 50;
  private static final ExecutorService READERS = DaemonPools.cached("s3tables-scan-reader");

  private final Supplier<CloseableIterable<FileScanTask>> plan;
  private final ScanFiles files;
  private final @Nullable DictionaryFileFilter dictionaries;
  private final List<String> columns;
  private final boolean withRecords;
  private final long limit;
  private final Deque<FileRead> reading = new ConcurrentLinkedDeque<>();
  /** Released by reader and prober threads whenever a read queues an item or a probe ends. */
  private final Semaphore ready = new Semaphore(0);
  private ScanWatchdog.Watch watch;
  private @Nullable Supplier<FileRead.RowFold> fold;
  private volatile boolean stopped;
  private volatile CloseableIterable<FileScanTask> planned;
  private CloseableIterator<FileScanTask> tasks;
  private ProbedTasks probed;
  private Object[][] batch;
  private int index;
  private long produced;
  private Object[] current;

  /**
   * @param scan the projection and snapshot the files are read with
   * @param plan the files to read, planned when the first row is asked for
   * @param columns the columns of each row, by name in the records read
   * @param withRecords whether each row ends with the record it was converted from
   * @param dictionaries what probes the files before they are read, if anything
   */
  PrefetchingRows(TableScan scan, Supplier<CloseableIterable<FileScanTask>> plan, List<String> columns,
      boolean withRecords, long limit, @Nullable DictionaryFileFilter dictionaries) {
    this.files = new ScanFiles(scan, withRecords);
    this.dictionaries = dictionaries;
    this.plan = requireNonNull(plan, "plan");
    this.columns = List.copyOf(columns);
    this.withRecords = withRecords;
    this.limit = limit;
  }

  /** Folds each file's rows on its reader thread, and gives what the folds made instead of the rows; call before reading. */
  PrefetchingRows foldedBy(Supplier<FileRead.RowFold> fold) {
    this.fold = requireNonNull(fold, "fold");
    return this;
  }

  /** Reports stops of the watch (cancel, timeout) as the statement's error; call before reading. */
  PrefetchingRows watchedBy(ScanWatchdog.Watch watch) {
    this.watch = requireNonNull(watch, "watch");
    return this;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (produced >= limit) {
      return false;
    }
    try {
      while (batch == null || index == batch.length) {
        if (!nextBatch()) {
          watch.throwIfStopped();
          return false;
        }
      }
    } catch (RuntimeException e) {
      watch.throwIfStopped();
      throw e;
    }
    current = batch[index++];
    produced++;
    return true;
  }

  /** Takes the next batch of the oldest file into {@link #batch}; false when no file is left. */
  private boolean nextBatch() {
    batch = null;
    Object item = null;
    while (item == null) {
      watch.throwIfStopped();
      // A signal that comes after this drain and before the checks below ends the wait at once.
      ready.drainPermits();
      startReads();
      FileRead oldest = reading.peekFirst();
      if (oldest != null) {
        item = oldest.poll();
      } else if (!probed.hasMore()) {
        return false;
      }
      if (item == null) {
        try {
          ready.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ScanStoppedException("Statement canceled", ScanWatchdog.Stop.CANCELLED);
        }
      }
    }
    if (item == FileRead.END) {
      reading.pollFirst();
    } else if (item instanceof Object[][] rows) {
      batch = rows;
      index = 0;
    } else if (item instanceof RuntimeException e) {
      throw e;
    } else if (item instanceof Error e) {
      throw e;
    } else if (item instanceof IOException e) {
      throw new UncheckedIOException(e);
    } else {
      throw new IllegalStateException((Throwable) item);
    }
    return true;
  }

  private void startReads() {
    if (tasks == null) {
      planned = plan.get();
      tasks = planned.iterator();
      probed = new ProbedTasks(tasks, dictionaries, READERS, ready::release);
    }
    FileScanTask task;
    while (!stopped && reading.size() < FILES_AHEAD && (task = probed.poll()) != null) {
      FileRead read = new FileRead(files, task, columns, withRecords, ready::release, fold == null ? null : fold.get());
      reading.addLast(read);
      if (stopped) {
        read.close(READERS);
      }
      READERS.execute(read);
    }
  }

  /** Stops every read and the planning; called by the watchdog from its thread, and by close. */
  void stop() {
    stopped = true;
    reading.forEach(read -> read.close(READERS));
    closeQuietly(planned);
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("A scan is read once");
  }

  /** Closing a result set must not fail; a file that does not close has nothing left to give. */
  @Override
  public void close() {
    watch.close();
    stop();
    if (probed != null) {
      probed.cancel();
    }
    closeQuietly(tasks);
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      // The scan is over either way; the caller asked to release, not to read.
    }
  }
}
