package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The read path's figures, in one process on one stand-in: a full scan of tpch.lineitem through the
 * driver's ResultSet against Iceberg's own generic reader (the baseline), the files a one-month
 * l_shipdate filter reads against the table's total, and the warm latency of {@code select count(*)
 * from tpch.lineitem}. Not a test: it prints, it asserts nothing.
 *
 * <pre>scripts/bench-read-path.sh [--scale S] [--runs N] [--count-runs N] [--only count] [--data-dir DIR]</pre>
 */
public final class ReadPathBenchmark {
  private ReadPathBenchmark() {}

  public static void main(String[] args) throws Exception {
    double scale = 1;
    int runs = 3;
    int countRuns = 21;
    boolean countOnly = false;
    Path dataDir = Path.of("target/bench-data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--count-runs" -> countRuns = Integer.parseInt(args[++i]);
        case "--only" -> countOnly = "count".equals(args[++i]) || fail("--only takes count");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long seedStart = System.nanoTime();
    try (LocalS3Tables s3tables =
        LocalS3Tables.builder()
            .dataDir(dataDir.resolve("scale-" + scale))
            .credentials("AKIABENCHMARK0000000", "benchmark-secret")
            .demo(true)
            .tpchScale(scale)
            .start()) {
      System.out.printf("stand-in ready in %.1f s (seeds TPC-H scale %s on first use)%n",
          (System.nanoTime() - seedStart) / 1e9, scale);
      Table lineitem = s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("tpch", "lineitem"));
      try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
        if (!countOnly) {
          fullScanAndMonthFilter(s3tables, c, lineitem, runs);
        }
        countStar(s3tables, c, countRuns);
      }
    }
  }

  private static boolean fail(String message) {
    throw new IllegalArgumentException(message);
  }

  private static void fullScanAndMonthFilter(LocalS3Tables s3tables, Connection c, Table lineitem, int runs)
      throws Exception {
    List<Double> baseline = new ArrayList<>();
    List<Double> driver = new ArrayList<>();
    long rowsBaseline = 0;
    long rowsDriver = 0;
    for (int run = 0; run <= runs; run++) {
      long[] count = new long[1];
      double b = Timings.seconds(() -> count[0] = icebergGenericsScan(lineitem));
      rowsBaseline = count[0];
      double d = Timings.seconds(() -> count[0] = driverScan(c));
      rowsDriver = count[0];
      if (run > 0) {
        baseline.add(b);
        driver.add(d);
      }
      System.out.printf("run %d%s: iceberg generics %.2f s, driver %.2f s%n", run, run == 0 ? " (warm-up)" : "", b, d);
    }
    if (rowsBaseline != rowsDriver) {
      throw new IllegalStateException("row counts differ: " + rowsBaseline + " vs " + rowsDriver);
    }
    double mb = Timings.median(baseline);
    double md = Timings.median(driver);
    System.out.printf("full scan of %,d rows x 16 columns, median of %d warm runs:%n", rowsDriver, runs);
    System.out.printf("  baseline  IcebergGenerics (one thread)  %.2f s  %,.0f rows/s%n", mb, rowsDriver / mb);
    System.out.printf("  driver    ResultSet.next + getObject     %.2f s  %,.0f rows/s  ratio %.2fx%n", md, rowsDriver / md, md / mb);
    monthFilter(s3tables, c, lineitem);
  }

  /**
   * Warm latency of count(*) over the whole table, after as many runs again to warm the JIT and the
   * caches, and the data files one such query reads.
   */
  private static void countStar(LocalS3Tables s3tables, Connection c, int runs) throws Exception {
    String sql = "select count(*) from tpch.lineitem";
    long[] count = new long[1];
    for (int warmUp = 0; warmUp < runs; warmUp++) {
      singleLong(c, sql);
    }
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      millis.add(1000 * Timings.seconds(() -> count[0] = singleLong(c, sql)));
    }
    s3tables.counters().reset();
    singleLong(c, sql);
    long dataFilesRead = s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).count();
    System.out.printf("%s = %,d: median %.1f ms (min %.1f, max %.1f) of %d warm runs; data files read %d%n",
        sql, count[0], Timings.median(millis), Collections.min(millis), Collections.max(millis),
        runs, dataFilesRead);
  }

  private static long singleLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void monthFilter(LocalS3Tables s3tables, Connection c, Table lineitem) throws Exception {
    Set<String> total = new java.util.HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = lineitem.newScan().planFiles()) {
      tasks.forEach(t -> total.add(t.file().location()));
    }
    s3tables.counters().reset();
    try (Statement s = c.createStatement();
        // The sum makes the rows be read; a count alone is answered from metadata.
        ResultSet rs = s.executeQuery("select count(l_orderkey), sum(l_quantity) from tpch.lineitem"
            + " where l_shipdate >= date '1995-03-01' and l_shipdate < date '1995-04-01'")) {
      rs.next();
      Set<String> read = s3tables.counters().objectsRead().stream()
          .filter(p -> p.contains("/data/")).collect(Collectors.toSet());
      System.out.printf("one-month l_shipdate filter: %,d rows; data files read %d of %d (%.1f%%)%n",
          rs.getLong(1), read.size(), total.size(), 100.0 * read.size() / total.size());
    }
  }

  private static long icebergGenericsScan(Table table) throws IOException {
    long rows = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        for (int i = 0; i < 16; i++) {
          r.get(i);
        }
        rows++;
      }
    }
    return rows;
  }

  private static long driverScan(Connection c) throws SQLException {
    long rows = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from tpch.lineitem")) {
      while (rs.next()) {
        for (int i = 1; i <= 16; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return rows;
  }
}
