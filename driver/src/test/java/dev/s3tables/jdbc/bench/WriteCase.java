package dev.s3tables.jdbc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;

/**
 * A case that writes the same rows into a fresh table per run, through the driver and through a
 * baseline. All tables are created before the first write (so the driver's connection, opened on
 * its first write, sees them all); the first run of each writer is the check: the table it filled
 * is read back with Iceberg's generic reader and must hold exactly the expected rows, or the case
 * is marked and not timed. The tables are dropped, files and all, at the end.
 */
abstract class WriteCase {
  /** Writes the case's rows into one existing table of namespace bench. */
  interface Writer {
    String engine();

    /** @return the rows the writer reports written */
    long write(String table) throws Exception;
  }

  abstract String name();

  /** Short table-name prefix, e.g. {@code batch}. */
  abstract String tablePrefix();

  /** The writers, the driver's first. */
  abstract List<Writer> writers() throws Exception;

  abstract Table createTable(BenchTables tables, String name);

  /** The rows every written table must hold, canonical. */
  abstract ResultDigest expected() throws Exception;

  ResultTable.Row measure(BenchTables tables, int runs) throws Exception {
    List<Writer> writers = writers();
    Map<Writer, List<String>> names = new LinkedHashMap<>();
    for (Writer w : writers) {
      List<String> list = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        String name = tablePrefix() + "_" + w.engine().replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT) + "_" + run;
        createTable(tables, name);
        list.add(name);
      }
      names.put(w, list);
    }
    ResultTable.RowBuilder row = new ResultTable.RowBuilder(name());
    try {
      ResultDigest expected = expected();
      boolean checked = true;
      for (Writer w : writers) {
        String table = names.get(w).get(0);
        double s = Timings.seconds(() -> w.write(table));
        ResultDigest written = new ResultDigest(false);
        IcebergGenericsEngine.read(tables.load(table), new ReadCase.IcebergScan(table, null), written);
        String difference = written.differenceFrom(expected);
        System.out.printf("  check %-12s %8s ms, %,d rows: %s%n", w.engine(), ResultTable.millis(s), written.rows(),
            difference == null ? "as expected" : "MISMATCH " + difference);
        if (difference != null) {
          row.failed(w.engine(), "MISMATCH");
          checked = false;
        }
      }
      if (checked) {
        Map<Writer, List<Double>> times = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
          for (Writer w : writers) {
            String table = names.get(w).get(run);
            // Each timed run starts from a collected heap: the garbage of the run before (a million
            // rows' objects) is not collected inside this one's time; and on a quiet machine.
            System.gc();
            Machine.waitUntilQuiet();
            double s = Timings.seconds(() -> w.write(table));
            times.computeIfAbsent(w, k -> new ArrayList<>()).add(s);
            System.out.printf("  run %d %-12s %8s ms%n", run, w.engine(), ResultTable.millis(s));
          }
        }
        times.forEach((w, t) -> row.seconds(w.engine(), Timings.median(t)));
      }
      row.note(String.format("%,d rows a run", expected.rows()));
    } catch (Exception e) {
      System.out.println("  FAILED: " + e);
      e.printStackTrace(System.out);
      row.failed(DriverEngine.NAME, "error").note("failed: " + e.getMessage());
    } finally {
      for (List<String> list : names.values()) {
        for (String name : list) {
          tables.drop(name);
        }
      }
    }
    return row.build();
  }
}
