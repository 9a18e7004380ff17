package dev.s3tables.calcite.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.io.CloseableIterator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A scan's planned tasks in plan order, without those a {@link DictionaryFileFilter} rules out.
 * The probes run ahead of the reads, many at once, because a probe mostly waits for storage and
 * holds no rows: a point lookup over hundreds of files is bound by how many footers are in flight,
 * not by how many files are read at once. A probe of a file that is then read anyway is wasted
 * (a filter on a column with a few values, like a ship mode, matches every file), so the first
 * few probes are a trial: probing stops for the rest of the scan as soon as it rules out fewer
 * than a quarter of the files it has probed. Used by the consumer's thread only.
 */
final class ProbedTasks {
  static final int PROBES_AHEAD = 16;
  static final int TRIAL_PROBES = 4;

  private final CloseableIterator<FileScanTask> tasks;
  private final Executor probers;
  private final Deque<Probe> probes = new ArrayDeque<>();
  private @Nullable DictionaryFileFilter dictionaries;
  private int probed;
  private int ruledOut;

  private record Probe(FileScanTask task, CompletableFuture<Boolean> mayMatch) {}

  ProbedTasks(CloseableIterator<FileScanTask> tasks, @Nullable DictionaryFileFilter dictionaries, Executor probers) {
    this.tasks = tasks;
    this.dictionaries = dictionaries;
    this.probers = probers;
  }

  /**
   * The next task that may match if its probe has ended, else null; skips tasks ruled out. Throws
   * what a probe failed with. Without probes, the next task, taken only now: a caller may decide
   * which tasks to give on what it has read so far.
   */
  @Nullable FileScanTask poll() {
    while (true) {
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
  boolean hasMore() {
    return !probes.isEmpty() || tasks.hasNext();
  }

  /** Waits up to {@code millis} for the oldest probe to end. */
  void await(long millis) throws InterruptedException {
    Probe first = probes.peekFirst();
    if (first != null) {
      try {
        first.mayMatch().get(millis, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | CancellationException | TimeoutException e) {
        // poll() reports a failure; a timeout only means the caller checks its watch again.
      }
    }
  }

  /** Stops waiting for the probes under way; they end on their own. */
  void cancel() {
    probes.forEach(probe -> probe.mayMatch().cancel(false));
    probes.clear();
  }

  private void startProbes() {
    DictionaryFileFilter filter = dictionaries;
    int ahead = probed >= TRIAL_PROBES ? PROBES_AHEAD : TRIAL_PROBES;
    while (filter != null && probes.size() < ahead && tasks.hasNext()) {
      FileScanTask task = tasks.next();
      probes.addLast(new Probe(task, CompletableFuture.supplyAsync(() -> probe(filter, task), probers)));
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
