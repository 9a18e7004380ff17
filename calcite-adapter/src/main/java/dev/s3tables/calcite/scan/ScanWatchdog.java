package dev.s3tables.calcite.scan;

import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Stops scans that were cancelled or ran out of time, even while their thread is blocked reading
 * from storage: it closes the scan's files from outside, which makes the blocked read fail at once.
 * One daemon thread serves every scan of the JVM and looks at them every 50 ms.
 */
public final class ScanWatchdog {
  /** Why a scan was stopped. */
  enum Stop {
    CANCELLED,
    TIMED_OUT
  }

  private static final long PERIOD_MILLIS = 50;
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "s3tables-scan-watchdog");
            thread.setDaemon(true);
            return thread;
          });
  private static final Map<Watch, Boolean> WATCHED = new ConcurrentHashMap<>();

  static {
    TIMER.scheduleWithFixedDelay(ScanWatchdog::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private ScanWatchdog() {}

  /** One watched scan; close it when the scan ends. */
  public static final class Watch implements AutoCloseable {
    private final AtomicBoolean cancelFlag;
    private final boolean hasDeadline;
    private final long deadlineNanos;
    private final Closeable resources;
    private volatile Stop stop;

    private Watch(AtomicBoolean cancelFlag, long startNanos, long timeoutMillis, Closeable resources) {
      this.cancelFlag = cancelFlag;
      this.hasDeadline = timeoutMillis > 0;
      this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      this.resources = resources;
    }

    /** Turns a stop by the watchdog into the error the statement should report. */
    public void throwIfStopped() {
      if (stop == Stop.CANCELLED) {
        throw new ScanStoppedException("Statement canceled", stop);
      }
      if (stop == Stop.TIMED_OUT) {
        throw new ScanStoppedException("Query timed out: the statement's query timeout passed", stop);
      }
    }

    private boolean due() {
      if (cancelFlag != null && cancelFlag.get()) {
        stop = Stop.CANCELLED;
      } else if (hasDeadline && System.nanoTime() - deadlineNanos > 0) {
        stop = Stop.TIMED_OUT;
      }
      return stop != null;
    }

    @Override
    public void close() {
      WATCHED.remove(this);
    }
  }

  /** Watches a scan for the statement's cancel flag and query timeout, as the data context holds them. */
  public static Watch watch(DataContext root, long startNanos, Closeable resources) {
    Watch watch = unwatched(root, startNanos, resources);
    WATCHED.put(watch, Boolean.TRUE);
    return watch;
  }

  /** Throws what a stopped scan throws if the statement, started at {@code startNanos}, was cancelled or timed out. */
  public static void throwIfDue(DataContext root, long startNanos) {
    Watch watch = unwatched(root, startNanos, () -> {});
    if (watch.due()) {
      watch.throwIfStopped();
    }
  }

  /**
   * @param startNanos when the statement started ({@link System#nanoTime()})
   * @param resources closed when the scan is stopped
   */
  private static Watch unwatched(DataContext root, long startNanos, Closeable resources) {
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    return new Watch(
        (AtomicBoolean) root.get(DataContext.Variable.CANCEL_FLAG.camelName),
        startNanos,
        timeout instanceof Long millis ? millis : 0,
        resources);
  }

  private static void check() {
    for (Watch watch : WATCHED.keySet()) {
      if (watch.due()) {
        WATCHED.remove(watch);
        try {
          watch.resources.close();
        } catch (Throwable e) {
          // The scan's own thread reports the stop; a failure to close changes nothing for it, and
          // must not end this thread, which serves every scan's cancel and timeout.
        }
      }
    }
  }
}
