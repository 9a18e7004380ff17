package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.http.RequestCounters;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;

/**
 * The driver against its peers, in one process on one stand-in, so that ratios are measured in
 * one run: TPC-H queries, scans and fetches, a batch insert, INSERT ... SELECT, DBeaver's metadata
 * crawl and a full scan under storage latency. Baselines: Iceberg Java (IcebergGenerics for the
 * scan-like cases, Iceberg's writers for the batch insert), DuckDB over the same Parquet files, and
 * Trino 476 on the same stand-in. Every answer is checked against the driver's before anything is
 * timed. Prints the table and writes it as markdown. Not a test: it asserts nothing.
 *
 * <pre>scripts/bench.sh [--scale S] [--runs N] [--skip-trino] [--out FILE]</pre>
 */
public final class PeerBenchmark {
  static final String ACCESS_KEY = "AKIABENCHMARK0000000";
  static final String SECRET_KEY = "benchmark-secret";
  private static final Duration STORAGE_LATENCY = Duration.ofMillis(20);
  private static final int CRAWL_NAMESPACES = 10;
  private static final int CRAWL_TABLES = 100;

  private PeerBenchmark() {}

  public static void main(String[] args) throws Exception {
    double scale = 1;
    int runs = 5;
    Path dataDir = Path.of("target/bench-data");
    Path out = null;
    Path trinoServe = Path.of("scripts/lib/trino-serve.sh");
    boolean skipTrino = false;
    String label = "";
    Pattern only = Pattern.compile(".*");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--trino-serve" -> trinoServe = Path.of(args[++i]);
        case "--skip-trino" -> skipTrino = true;
        case "--label" -> label = args[++i];
        case "--only" -> only = Pattern.compile(args[++i], Pattern.CASE_INSENSITIVE);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String scaleText = BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
    if (out == null) {
      out = Path.of("target/bench-results", LocalDate.now() + "-scale-" + scaleText + ".md");
    }
    Path scaleDir = dataDir.resolve("scale-" + scale);
    long start = System.nanoTime();
    try (LocalS3Tables s3tables = LocalS3Tables.builder().dataDir(scaleDir).credentials(ACCESS_KEY, SECRET_KEY)
        .bucket("demo").bucket("crawl").demo(true).tpchScale(scale).start()) {
      System.out.printf("stand-in ready in %.1f s (TPC-H scale %s, seeded on first use in %s)%n",
          (System.nanoTime() - start) / 1e9, scaleText, scaleDir);
      Catalog catalog = s3tables.bucket("demo").catalog();
      Path objectsDir = scaleDir.resolve("objects");
      List<Engine> engines = new ArrayList<>();
      TrinoServer trino = null;
      try {
        engines.add(new DriverEngine(s3tables));
        engines.add(new IcebergGenericsEngine(catalog));
        DuckDbEngine duckDb = new DuckDbEngine(catalog, objectsDir);
        engines.add(duckDb);
        if (!skipTrino) {
          long t = System.nanoTime();
          trino = TrinoServer.start(trinoServe, Path.of("target/bench-trino"), s3tables, "3G");
          engines.add(new TrinoEngine(trino));
          System.out.printf("Trino ready in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        ResultTable results = new ResultTable(engines.stream().map(Engine::name).toList());
        ReadCaseRunner reads = new ReadCaseRunner(engines, runs, s3tables);
        ReadCase fullScan = null;
        for (ReadCase c : Cases.reads(scale)) {
          if (only.matcher(c.name()).find()) {
            results.add(reads.measure(c));
            fullScan = c.name().equals(Cases.FULL_SCAN) ? c : fullScan;
          }
        }
        if (fullScan != null) {
          results.add(reads.measureWithStorageLatency(fullScan, STORAGE_LATENCY, results));
        }
        BenchTables benchTables = new BenchTables(catalog, objectsDir);
        benchTables.reset();
        BatchInsertCase batch = new BatchInsertCase(s3tables, batchRows(scale));
        if (only.matcher(batch.name()).find()) {
          System.out.printf("== %s%n", batch.name());
          results.add(batch.measure(benchTables, runs));
          batch.close();
        }
        InsertSelectCase insertSelect = new InsertSelectCase(s3tables, trino);
        if (only.matcher(insertSelect.name()).find()) {
          System.out.printf("== %s%n", insertSelect.name());
          results.add(insertSelect.measure(benchTables, runs));
          insertSelect.close();
        }
        String crawlName = String.format("metadata crawl, %d x %d tables", CRAWL_NAMESPACES, CRAWL_TABLES);
        if (only.matcher(crawlName).find()) {
          results.add(measureCrawl(crawlName, s3tables, runs));
        }
        String header = header(scaleText, runs, label, duckDb.version(), trino != null);
        System.out.println();
        System.out.println(header);
        System.out.print(results.text());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, header + "\n" + results.markdown());
        System.out.printf("%nwritten to %s; total %.0f s%n", out, (System.nanoTime() - start) / 1e9);
      } finally {
        for (Engine engine : engines) {
          engine.close();
        }
        if (trino != null) {
          trino.close();
        }
      }
    }
  }

  /** 1,000,000 rows at scale 1 and above; fewer at smaller scales, at least 10,000. */
  static long batchRows(double scale) {
    return Math.max(10_000, Math.round(Math.min(1, scale) * 1_000_000));
  }

  /** DBeaver's crawl over 10 namespaces x 100 tables of bucket crawl: the median of warm crawls on one connection. */
  private static ResultTable.Row measureCrawl(String name, LocalS3Tables s3tables, int runs) throws Exception {
    System.out.printf("== %s%n", name);
    double created = Timings.seconds(() -> MetadataCrawlBenchmark.create(s3tables.bucket("crawl").catalog(), CRAWL_NAMESPACES, CRAWL_TABLES));
    System.out.printf("  tables ready in %.1f s (created on first use)%n", created);
    ResultTable.RowBuilder row = new ResultTable.RowBuilder(name);
    RequestCounters counters = s3tables.counters();
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl("crawl"), s3tables.jdbcProperties())) {
      counters.reset();
      int[] columns = new int[1];
      double first = Timings.seconds(() -> columns[0] = MetadataCrawlBenchmark.crawl(c));
      String firstRequests = MetadataCrawlBenchmark.requests(counters);
      System.out.printf("  first crawl on a new connection %s ms, %,d columns; requests: %s%n", ResultTable.millis(first), columns[0], firstRequests);
      List<Double> warm = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        double s = Timings.seconds(() -> MetadataCrawlBenchmark.crawl(c));
        warm.add(s);
        System.out.printf("  run %d: %s ms%n", run, ResultTable.millis(s));
      }
      row.seconds(DriverEngine.NAME, Timings.median(warm));
      row.note(String.format("warm crawls on one connection; the first on a new connection took %s ms (%,d columns; requests: %s)",
          ResultTable.millis(first), columns[0], firstRequests));
    }
    return row.build();
  }

  private static String header(String scale, int runs, String label, String duckDbVersion, boolean trino) {
    StringBuilder h = new StringBuilder();
    h.append("# s3tables-jdbc against its peers, TPC-H scale ").append(scale).append("\n\n");
    h.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append('\n');
    h.append("- machine: ").append(Machine.describe()).append('\n');
    if (!label.isEmpty()) {
      h.append("- code: ").append(label).append('\n');
    }
    h.append("- runs: per case one checked warm-up run per engine (answers compared with the driver's), then ")
        .append(runs).append(" timed runs, each started once the processors were 90% idle for 100 ms (waiting at most 5 s);")
        .append(" medians in ms; ratio = driver / baseline (below 1: the driver is faster)\n");
    h.append("- baselines: Iceberg Java = IcebergGenerics, one thread, row at a time (scan-like cases), or Iceberg's own")
        .append(" writers and one append (batch insert); DuckDB ").append(duckDbVersion)
        .append(" = read_parquet over the same data files, from local disk; ")
        .append(trino ? "Trino 476 = the same stand-in through trino-jdbc" : "Trino skipped (--skip-trino)").append('\n');
    return h.toString();
  }
}
