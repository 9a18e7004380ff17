package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed in the middle of an INSERT leaves the table at the snapshot before that statement or
 * the one after it, never between: the writer runs in a child process that is killed (SIGKILL) at
 * a different point of a statement each time, after some statements have committed.
 */
@StandIn(demo = true)
class KilledWriterTest {
  private final LocalS3Tables s3tables;

  KilledWriterTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void aKilledWriterLeavesWholeStatementsOnly() throws Exception {
    long statementRows;
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      s.execute("create schema killed");
      s.execute("create table killed.copies (orderkey bigint, linenumber int, comment varchar)");
      statementRows = count(s, "select count(*) from (" + InsertUntilKilled.ROWS + ")");
    }
    List<Integer> committedPerRun = new ArrayList<>();
    for (long killAfterMillis : new long[] {50, 250, 450}) {
      committedPerRun.add(runAndKill(killAfterMillis));
    }

    Table copies = Oracle.table(s3tables, "killed", "copies");
    for (Snapshot snapshot : copies.snapshots()) {
      long total = Long.parseLong(snapshot.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP));
      assertThat(total % statementRows).as("rows in snapshot %s", snapshot.snapshotId()).isZero();
    }
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      long statements = count(s, "select count(*) from killed.copies") / statementRows;
      int reported = committedPerRun.stream().mapToInt(Integer::intValue).sum();
      System.out.printf("killed writers: statements reported per run %s, %d statements in the table, %d snapshots%n",
          committedPerRun, statements, copies.history().size());
      // A statement may commit and be killed before it prints: at most one per run more than reported.
      assertThat(statements).isBetween((long) reported, (long) reported + committedPerRun.size());
      assertThat(count(s, "select count(*) from killed.copies") % statementRows).isZero();
    }
  }

  /** Starts the writer and kills it the given time after its second commit; returns the commits it reported. */
  private int runAndKill(long killAfterMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            InsertUntilKilled.class.getName(), s3tables.jdbcUrl(), s3tables.accessKeyId(), s3tables.secretAccessKey(),
            "killed.copies")
        .redirectErrorStream(true)
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch twoCommits = new CountDownLatch(1);
    // Killing the process closes its streams: its output is read on a thread of its own until then.
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
          if (line.equals("committed 2")) {
            twoCommits.countDown();
          }
        }
      } catch (IOException e) {
        // closed by the kill
      }
    });
    reader.start();
    assertThat(twoCommits.await(120, TimeUnit.SECONDS)).as("the writer committed twice: %s", lines).isTrue();
    Thread.sleep(killAfterMillis);
    writer.destroyForcibly();
    reader.join(10_000);
    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return (int) lines.stream().filter(line -> line.startsWith("committed ")).count();
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
