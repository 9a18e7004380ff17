package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the driver's time goes in the TPC-H cases of the peer benchmark (or in the cases whose name
 * {@code --only} matches): per query the median ms of
 * {@code prepareStatement} (parse, validate, plan, generate code) and of {@code executeQuery} to the
 * last row, each column read with getObject, after one warm-up run; with {@code --explain} also the
 * physical plan. Not a test: it prints, it asserts nothing.
 *
 * <pre>scripts/bench-planning.sh [--scale S] [--runs N] [--only REGEX] [--explain]</pre>
 */
public final class PlanningBenchmark {
  private PlanningBenchmark() {}

  public static void main(String[] args) throws Exception {
    double scale = 1;
    int runs = 3;
    Path dataDir = Path.of("target/bench-data");
    Pattern only = Pattern.compile("TPC-H");
    boolean explain = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--only" -> only = Pattern.compile(args[++i], Pattern.CASE_INSENSITIVE);
        case "--explain" -> explain = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (LocalS3Tables s3tables = LocalS3Tables.builder().dataDir(dataDir.resolve("scale-" + scale))
            .credentials(PeerBenchmark.ACCESS_KEY, PeerBenchmark.SECRET_KEY).demo(true).tpchScale(scale).start();
        Connection connection = DriverManager.getConnection(s3tables.jdbcUrl(), DriverEngine.properties(s3tables))) {
      System.out.printf("%-36s %12s %12s %6s%n", "case", "planning ms", "execution ms", "rows");
      for (ReadCase c : Cases.reads(scale)) {
        if (!only.matcher(c.name()).find()) {
          continue;
        }
        if (explain) {
          System.out.println(plan(connection, c.sql()));
        }
        measure(connection, c, new double[2]);
        List<Double> planning = new ArrayList<>();
        List<Double> execution = new ArrayList<>();
        long rows = 0;
        for (int run = 0; run < runs; run++) {
          double[] times = new double[2];
          rows = measure(connection, c, times);
          planning.add(times[0]);
          execution.add(times[1]);
        }
        System.out.printf("%-36s %12s %12s %6d%n", c.name(), ResultTable.millis(Timings.median(planning)),
            ResultTable.millis(Timings.median(execution)), rows);
      }
    }
  }

  /** Runs the case once: seconds to prepare in {@code times[0]}, to execute and read every row in {@code times[1]}. */
  private static long measure(Connection connection, ReadCase c, double[] times) throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement statement = connection.prepareStatement(c.sql())) {
      long prepared = System.nanoTime();
      long rows = 0;
      try (ResultSet rs = statement.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
      times[0] = (prepared - start) / 1e9;
      times[1] = (System.nanoTime() - prepared) / 1e9;
      return rows;
    }
  }

  private static String plan(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("explain plan for " + sql);
        ResultSet rs = statement.executeQuery()) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }
}
