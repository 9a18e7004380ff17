package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import java.io.File;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight connections reading, inserting, batching and running DDL in one namespace while 1% of
 * requests to storage and to the catalog fail: every acknowledged row is there exactly once, no failed statement left
 * rows behind (unless its commit outcome was reported unknown), no read ever saw fewer rows than
 * were acknowledged before it, every failure is a SQLException with a transient SQLState, and the
 * driver's threads, file handles and heap return to where they started. Runs 12 seconds in CI;
 * {@code -Dsoak.seconds=60} runs the full length. Prints throughput and latencies.
 */
class SoakTest {
  private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("soak.seconds", 12));
  private static final int CONNECTIONS = 8;
  private static final int BATCH_ROWS = 20;
  private static final double FAULT_RATE = 0.01;

  private LocalS3Tables s3tables;
  private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> outcomeUnknown = ConcurrentHashMap.newKeySet();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> failureStates = new ConcurrentHashMap<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

  /** The stand-in keeps its objects on disk here, so that the heap measured is the driver's. */
  @Test
  void eightConnectionsUnderFaultsLoseNoRowAndLeakNothing(@TempDir Path dataDir) throws Exception {
    try (LocalS3Tables standIn = LocalS3Tables.builder().dataDir(dataDir).start()) {
      s3tables = standIn;
      soak();
    }
  }

  private void soak() throws Exception {
    try (Connection admin = connect(); Statement s = admin.createStatement()) {
      s.execute("create schema soak");
      s.execute("create table soak.events (writer int not null, seq bigint not null, payload varchar)");
      s.executeUpdate("insert into soak.events values (-1, 0, 'warm-up')");
      acknowledged.put(key(-1, 0), true);
    }
    Resources before = Resources.measure();

    s3tables.faults()
        .internalErrorRate(Endpoint.STORAGE, FAULT_RATE)
        .connectionResetRate(Endpoint.STORAGE, FAULT_RATE)
        .unavailableRate(Endpoint.CATALOG, FAULT_RATE);
    long end = System.nanoTime() + LENGTH.toNanos();
    ExecutorService writers = Executors.newFixedThreadPool(CONNECTIONS);
    List<Future<Integer>> operations = new ArrayList<>();
    for (int w = 0; w < CONNECTIONS; w++) {
      int writer = w;
      operations.add(writers.submit(() -> work(writer, end)));
    }
    int total = 0;
    for (Future<Integer> done : operations) {
      total += done.get(LENGTH.toSeconds() + 120, TimeUnit.SECONDS);
    }
    writers.shutdown();
    s3tables.faults().clear();

    Map<String, Integer> present = presentRows();
    for (String row : acknowledged.keySet()) {
      if (present.getOrDefault(row, 0) != 1) {
        problems.add("acknowledged row " + row + " present " + present.getOrDefault(row, 0) + " times");
      }
    }
    present.forEach((row, times) -> {
      if (times > 1) {
        problems.add("row " + row + " present " + times + " times");
      }
      if (failed.contains(row)) {
        problems.add("row " + row + " of a failed statement is present");
      }
      if (!acknowledged.containsKey(row) && !outcomeUnknown.contains(row)) {
        problems.add("row " + row + " was never written");
      }
    });
    assertThat(Oracle.rows(Oracle.table(s3tables, "soak", "events"), List.of("writer"), r -> true))
        .as("Iceberg's own reader sees the same table").hasSize(present.values().stream().mapToInt(i -> i).sum());

    Resources after = Resources.settled(before);
    System.out.printf("soak: %d connections, %d s, %d statements (%.0f/s), %,d rows acknowledged, failures by SQLState %s%n",
        CONNECTIONS, LENGTH.toSeconds(), total, total / (double) LENGTH.toSeconds(), acknowledged.size(), failureStates);
    latencies.forEach((op, values) -> System.out.printf("  %-6s n=%d p50=%d ms p99=%d ms%n", op, values.size(),
        percentile(values, 50), percentile(values, 99)));
    System.out.println("  resources before " + before + ", after " + after);
    assertThat(problems).isEmpty();
    assertThat(acknowledged).hasSizeGreaterThan(CONNECTIONS);
    after.assertNoLeakSince(before);
  }

  /** One connection's statements until the end; returns how many it ran. */
  private int work(int writer, long end) throws SQLException {
    Random random = new Random(writer);
    int statements = 0;
    long seq = 0;
    try (Connection c = connect();
        PreparedStatement count = c.prepareStatement("select count(*) from soak.events where writer = ?");
        PreparedStatement insert = c.prepareStatement("insert into soak.events values (?, ?, ?)")) {
      while (System.nanoTime() < end) {
        int op = random.nextInt(12);
        String kind = op < 4 ? "read" : op < 7 ? "insert" : op < 10 ? "batch" : "ddl";
        List<String> rows = new ArrayList<>();
        long acknowledgedBefore = acknowledgedOf(writer);
        long start = System.nanoTime();
        try {
          if (kind.equals("read")) {
            count.setInt(1, writer);
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              long seen = rs.getLong(1);
              if (seen < acknowledgedBefore) {
                problems.add("writer " + writer + " read " + seen + " rows after " + acknowledgedBefore + " were acknowledged");
              }
            }
          } else if (kind.equals("ddl")) {
            try (Statement ddl = c.createStatement()) {
              String scratch = "soak.scratch_" + writer;
              ddl.execute(op == 10 ? "create table if not exists " + scratch + " (a int)" : "drop table if exists " + scratch);
            }
          } else {
            int n = kind.equals("insert") ? 1 : BATCH_ROWS;
            for (int i = 0; i < n; i++) {
              rows.add(key(writer, seq));
              insert.setInt(1, writer);
              insert.setLong(2, seq++);
              insert.setString(3, "payload " + seq);
              if (n > 1) {
                insert.addBatch();
              }
            }
            if (n > 1) {
              insert.executeBatch();
            } else {
              insert.executeUpdate();
            }
            rows.forEach(row -> acknowledged.put(row, true));
          }
          latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
              .add((System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
          insert.clearBatch();
          String state = String.valueOf(e.getSQLState());
          failureStates.merge(state, 1, Integer::sum);
          if (!state.startsWith("08") && !state.startsWith("40")) {
            problems.add(kind + " failed with non-transient " + state + ": " + e.getMessage());
          }
          (state.equals("40003") ? outcomeUnknown : failed).addAll(rows);
        } catch (RuntimeException e) {
          problems.add(kind + " threw " + e);
        }
        statements++;
      }
    }
    return statements;
  }

  private long acknowledgedOf(int writer) {
    String prefix = writer + "/";
    return acknowledged.keySet().stream().filter(k -> k.startsWith(prefix)).count();
  }

  private Map<String, Integer> presentRows() throws SQLException {
    Map<String, Integer> present = new HashMap<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select writer, seq from soak.events")) {
      while (rs.next()) {
        present.merge(key(rs.getInt(1), rs.getLong(2)), 1, Integer::sum);
      }
    }
    return present;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  private static String key(int writer, long seq) {
    return writer + "/" + seq;
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
  }

  /** The driver's threads, the process's open file handles and the heap in use after a GC. */
  private record Resources(long driverThreads, long fileHandles, long heapMb) {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    static Resources measure() {
      System.gc();
      long threads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("s3tables-") && !t.getName().startsWith("s3tables-local"))
          .filter(t -> !t.getName().equals("s3tables-scan-watchdog"))
          .count();
      String[] fds = new File("/proc/self/fd").list();
      return new Resources(threads, fds == null ? -1 : fds.length, MEMORY.getHeapMemoryUsage().getUsed() >> 20);
    }

    /** Measured once the driver's idle pool threads have ended (they linger a few seconds). */
    static Resources settled(Resources before) throws InterruptedException {
      Resources now = measure();
      for (int i = 0; i < 40 && now.driverThreads > before.driverThreads; i++) {
        Thread.sleep(250);
        now = measure();
      }
      return now;
    }

    void assertNoLeakSince(Resources before) {
      assertThat(driverThreads).as("driver threads").isLessThanOrEqualTo(before.driverThreads);
      // Kept-alive HTTP connections of both sides (the stand-in runs in this process) come and go.
      assertThat(fileHandles).as("open file handles").isLessThan(before.fileHandles + 64);
      assertThat(heapMb).as("heap in use after GC, MB").isLessThan(before.heapMb + 128);
    }
  }
}
