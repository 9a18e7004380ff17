package dev.s3tables.jdbc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/** What machine and Java a run was measured on, and a wait for that machine to be quiet. */
final class Machine {
  private static final long QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long QUIET_INTERVAL_MILLIS = 100;
  private static final double QUIET_IDLE_SHARE = 0.9;

  private Machine() {}

  /**
   * Waits until the processors were at least 90% idle over 100 ms, for at most 5 s: what one engine
   * still does after its run (Trino's compiler and collector, this JVM's) is then not timed in the
   * next engine's run. Returns at once where there is no /proc/stat.
   */
  static void waitUntilQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + QUIET_WAIT_NANOS;
    long[] before = cpuTimes();
    while (before != null && System.nanoTime() < deadline) {
      Thread.sleep(QUIET_INTERVAL_MILLIS);
      long[] after = cpuTimes();
      if (after == null) {
        return;
      }
      long total = after[0] - before[0];
      if (total > 0 && after[1] - before[1] >= QUIET_IDLE_SHARE * total) {
        return;
      }
      before = after;
    }
  }

  /** All processors' time and idle time so far, in jiffies, or null if unknown. */
  private static long @Nullable [] cpuTimes() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      String[] fields = lines.findFirst().orElse("").trim().split("\\s+");
      if (fields.length < 9 || !fields[0].equals("cpu")) {
        return null;
      }
      long total = 0;
      for (int i = 1; i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      // idle and iowait
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String describe() {
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    long initialHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
    return String.format("%d cores (%s), %.0f GiB memory, %s %s, Java %s (%s), heap %.1f GiB initial and %.1f GiB at most",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memory / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        initialHeap / (1024.0 * 1024 * 1024), Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }
}
