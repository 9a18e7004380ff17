package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.io.CloseableIterator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A scan's planned tasks in plan order, without those a {@link DictionaryFileFilter} rules out.
 * The probes run ahead of the reads, many at once, because a probe mostly waits for storage and
 * holds no rows: a point lookup over hundreds of files is bound by how many footers are in flight,
 * not by how many files are read at once. Each probe that ends starts the next, so probing goes on
 * while the consumer waits for a read, and tells the consumer through {@code onProbed}, so a file
 * that may match is read as soon as it is known. A probe of a file that is then read anyway is
 * wasted (a filter on a column with a few values, like a ship mode, matches every file), so the
 * first few probes are a trial: probing stops for the rest of the scan as soon as it rules out
 * fewer than a quarter of the files it has probed.
 */
final class ProbedTasks {
  static final int PROBES_AHEAD = 16;
  static final int TRIAL_PROBES = 4;

  private final CloseableIterator<FileScanTask> tasks;
  private final Executor probers;
  private final Runnable onProbed;
  private final Deque<Probe> probes = new ArrayDeque<>();
  private @Nullable DictionaryFileFilter dictionaries;
  private int probed;
  private int ruledOut;
  private boolean cancelled;
  private @Nullable RuntimeException planningFailure;

  private record Probe(FileScanTask task, CompletableFuture<Boolean> mayMatch) {}

  /** @param onProbed run on a prober's thread after each probe ends, however it ends */
  ProbedTasks(CloseableIterator<FileScanTask> tasks, @Nullable DictionaryFileFilter dictionaries, Executor probers,
      Runnable onProbed) {
    this.tasks = requireNonNull(tasks, "tasks");
    this.dictionaries = dictionaries;
    this.probers = requireNonNull(probers, "probers");
    this.onProbed = requireNonNull(onProbed, "onProbed");
  }

  /**
   * The next task that may match if its probe has ended, else null; skips tasks ruled out. Throws
   * what a probe failed with. Without probes, the next task, taken only now: a caller may decide
   * which tasks to give on what it has read so far.
   */
  synchronized @Nullable FileScanTask poll() {
    while (true) {
      if (planningFailure != null) {
        throw planningFailure;
      }
      startProbes();
      Probe first = probes.peekFirst();
      if (first == null) {
        return dictionaries == null && tasks.hasNext() ? tasks.next() : null;
      }
      if (!first.mayMatch().isDone()) {
        return null;
      }
      probes.pollFirst();
      if (result(first)) {
        return first.task();
      }
    }
  }

  /** Whether a task is left, probed or not. */
  synchronized boolean hasMore() {
    return !probes.isEmpty() || tasks.hasNext();
  }

  /** Stops waiting for the probes under way; they end on their own. */
  synchronized void cancel() {
    cancelled = true;
    probes.forEach(probe -> probe.mayMatch().cancel(false));
    probes.clear();
  }

  private synchronized void startProbes() {
    DictionaryFileFilter filter = dictionaries;
    int ahead = probed >= TRIAL_PROBES ? PROBES_AHEAD : TRIAL_PROBES;
    while (filter != null && !cancelled && probes.size() < ahead && tasks.hasNext()) {
      FileScanTask task = tasks.next();
      CompletableFuture<Boolean> mayMatch = CompletableFuture.supplyAsync(() -> probe(filter, task), probers);
      probes.addLast(new Probe(task, mayMatch));
      mayMatch.whenComplete((result, failure) -> probed());
    }
  }

  /** Keeps the probes going while the consumer waits for a read; a failure is the consumer's to report. */
  private void probed() {
    try {
      startProbes();
    } catch (RuntimeException e) {
      synchronized (this) {
        planningFailure = e;
      }
    } finally {
      onProbed.run();
    }
  }

  private static boolean probe(DictionaryFileFilter dictionaries, FileScanTask task) {
    try {
      return dictionaries.mayMatch(task);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean result(Probe probe) {
    boolean mayMatch;
    try {
      mayMatch = probe.mayMatch().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
    probed++;
    ruledOut += mayMatch ? 0 : 1;
    if (probed >= TRIAL_PROBES && ruledOut * 4 < probed) {
      dictionaries = null;
    }
    return mayMatch;
  }
}
