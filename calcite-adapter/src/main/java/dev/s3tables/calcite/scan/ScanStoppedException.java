package dev.s3tables.calcite.scan;

/** A scan ended early because its statement was cancelled or timed out. */
public final class ScanStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean timedOut;

  ScanStoppedException(String message, ScanWatchdog.Stop stop) {
    super(message);
    this.timedOut = stop == ScanWatchdog.Stop.TIMED_OUT;
  }

  /**
   * Throws if the statement that started at {@code startNanos} ({@link System#nanoTime()}) was
   * cancelled or ran past its query timeout, as the data context tells; for work that is no scan.
   */
  public static void throwIfStopped(org.apache.calcite.DataContext root, long startNanos) {
    ScanWatchdog.throwIfDue(root, startNanos);
  }

  /** True for a query timeout (SQLState HYT00), false for a cancel (HY008). */
  public boolean timedOut() {
    return timedOut;
  }
}
