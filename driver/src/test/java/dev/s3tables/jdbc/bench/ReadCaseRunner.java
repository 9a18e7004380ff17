package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Measures read cases on the driver and its baselines: first one run of each engine whose answer
 * is kept and compared with the driver's (this run is also the warm-up), then the timed runs, the
 * engines taking turns within each run so that a slow spell of the machine hits them alike. A case
 * whose answers differ is marked and not timed; an engine that fails is left out of the case.
 */
final class ReadCaseRunner {
  private final List<Engine> engines;
  private final int runs;
  private final LocalS3Tables s3tables;
  private final Map<String, Long> rowsByCase = new LinkedHashMap<>();

  /** @param engines the driver first */
  ReadCaseRunner(List<Engine> engines, int runs, LocalS3Tables s3tables) {
    this.engines = engines;
    this.runs = runs;
    this.s3tables = s3tables;
  }

  ResultTable.Row measure(ReadCase c) {
    System.out.printf("== %s%n", c.name());
    ResultTable.RowBuilder row = new ResultTable.RowBuilder(c.name());
    Engine driver = engines.get(0);
    Map<Engine, ResultDigest> answers = new LinkedHashMap<>();
    for (Engine engine : engines) {
      if (!engine.runs(c)) {
        continue;
      }
      ResultDigest answer = new ResultDigest(c.ordered());
      if (engine == driver && c.countsFilesRead()) {
        s3tables.counters().reset();
      }
      try {
        double s = Timings.seconds(() -> {
          engine.run(c, answer);
          return null;
        });
        System.out.printf("  check %-12s %8s ms, %,d rows, first: %s%n", engine.name(), ResultTable.millis(s), answer.rows(),
            answer.firstRows(1));
        answers.put(engine, answer);
      } catch (Exception e) {
        System.out.printf("  FAILED %s: %s%n", engine.name(), e);
        row.cell(engine.name(), "error");
        if (engine == driver) {
          e.printStackTrace(System.out);
          return row.note("driver failed: " + firstLine(e)).build();
        }
      }
      if (engine == driver && c.countsFilesRead()) {
        row.note(filesRead());
      }
    }
    ResultDigest reference = answers.get(driver);
    boolean agreed = true;
    List<String> withinLastPlace = new ArrayList<>();
    for (Map.Entry<Engine, ResultDigest> peer : answers.entrySet()) {
      String difference = peer.getKey() == driver ? null : reference.differenceFrom(peer.getValue());
      if (difference != null) {
        System.out.printf("  MISMATCH driver against %s: %s%n", peer.getKey().name(), difference);
        row.failed(peer.getKey().name(), "MISMATCH");
        agreed = false;
      } else if (!reference.identicalTo(peer.getValue())) {
        System.out.printf("  equal within 0.01 only: driver %s, %s %s%n", reference.firstRows(1), peer.getKey().name(),
            peer.getValue().firstRows(1));
        withinLastPlace.add(peer.getKey().name());
      }
    }
    if (!agreed) {
      return row.note("answers differ, not timed").build();
    }
    if (!withinLastPlace.isEmpty()) {
      row.note("driver's numbers within 0.01 of " + String.join(", ", withinLastPlace));
    }
    Map<Engine, List<Double>> times = time(c, answers, row);
    times.forEach((engine, t) -> row.seconds(engine.name(), Timings.median(t)));
    rowsByCase.put(c.name(), reference.rows());
    return row.note(String.format(reference.rows() == 1 ? "%,d row" : "%,d rows", reference.rows())).build();
  }

  /**
   * The full scan again with {@code latency} added to every request of the stand-in's object store,
   * for the engines that read through it (the driver and Trino).
   */
  ResultTable.Row measureWithStorageLatency(ReadCase fullScan, Duration latency, ResultTable results) {
    String name = fullScan.name() + ", " + latency.toMillis() + " ms storage latency";
    System.out.printf("== %s%n", name);
    ResultTable.RowBuilder row = new ResultTable.RowBuilder(name);
    Long expectedRows = rowsByCase.get(fullScan.name());
    if (expectedRows == null) {
      return row.note("skipped: the full scan gave no checked answer").build();
    }
    Map<Engine, ResultDigest> answers = new LinkedHashMap<>();
    for (Engine engine : engines) {
      if (engine instanceof DriverEngine || engine instanceof TrinoEngine) {
        answers.put(engine, null);
      } else {
        row.cell(engine.name(), "n/a");
      }
    }
    s3tables.faults().latency(Endpoint.STORAGE, latency);
    try {
      Map<Engine, List<Double>> times = new LinkedHashMap<>();
      for (Engine engine : answers.keySet()) {
        RowSink.Count warmUp = new RowSink.Count();
        double s = Timings.seconds(() -> {
          engine.run(fullScan, warmUp);
          return null;
        });
        System.out.printf("  warm-up %-12s %8s ms, %,d rows%n", engine.name(), ResultTable.millis(s), warmUp.rows());
        if (warmUp.rows() != expectedRows) {
          throw new IllegalStateException(engine.name() + " read " + warmUp.rows() + " rows, not " + expectedRows);
        }
      }
      times.putAll(time(fullScan, answers, row));
      List<String> kept = new ArrayList<>();
      times.forEach((engine, t) -> {
        double median = Timings.median(t);
        row.seconds(engine.name(), median);
        Double without = results.seconds(fullScan.name(), engine.name());
        if (without != null) {
          kept.add(String.format("%s %.0f%%", engine.name(), 100 * without / median));
        }
      });
      row.note("throughput kept against no latency: " + String.join(", ", kept));
    } catch (Exception e) {
      System.out.printf("  FAILED: %s%n", e);
      row.failed(DriverEngine.NAME, "error").note("failed: " + firstLine(e));
    } finally {
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ZERO);
    }
    return row.build();
  }

  /** The timed runs of the engines that have a checked answer; each run must give as many rows. */
  private Map<Engine, List<Double>> time(ReadCase c, Map<Engine, ResultDigest> answers, ResultTable.RowBuilder row) {
    Map<Engine, List<Double>> times = new LinkedHashMap<>();
    Set<Engine> failed = new HashSet<>();
    for (int run = 1; run <= runs; run++) {
      StringBuilder line = new StringBuilder("  run " + run + ":");
      for (Map.Entry<Engine, ResultDigest> answer : answers.entrySet()) {
        Engine engine = answer.getKey();
        if (failed.contains(engine)) {
          continue;
        }
        RowSink.Count count = new RowSink.Count();
        try {
          Machine.waitUntilQuiet();
          double s = Timings.seconds(() -> {
            engine.run(c, count);
            return null;
          });
          long expected = answer.getValue() != null ? answer.getValue().rows() : rowsByCase.get(c.name());
          if (count.rows() != expected) {
            throw new IllegalStateException(count.rows() + " rows, not " + expected);
          }
          times.computeIfAbsent(engine, e -> new ArrayList<>()).add(s);
          line.append(String.format("  %s %s ms", engine.name(), ResultTable.millis(s)));
        } catch (Exception e) {
          System.out.printf("  FAILED %s in run %d: %s%n", engine.name(), run, e);
          failed.add(engine);
          times.remove(engine);
          row.cell(engine.name(), "error");
        }
      }
      System.out.println(line);
    }
    return times;
  }

  private String filesRead() {
    Set<String> read = s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).collect(Collectors.toSet());
    Table lineitem = s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("tpch", "lineitem"));
    Set<String> total = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = lineitem.newScan().planFiles()) {
      tasks.forEach(t -> total.add(t.file().location()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return String.format("driver read %d of %d data files", read.size(), total.size());
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
