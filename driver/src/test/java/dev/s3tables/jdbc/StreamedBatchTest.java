package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches of {@code INSERT ... VALUES (?, ...)} stream their rows to a writer thread as they are
 * added: more rows than the writer queues still commit once, at executeBatch and not before; a
 * row that fails to bind fails the batch wherever it is; a batch dropped by clearBatch, by closing
 * its statement or its connection commits nothing and leaves no writer behind; batches of two
 * statements on one connection stream side by side.
 */
@StandIn
class StreamedBatchTest {
  /** More rows than the writer queue holds (8 chunks of 1,024), so that addBatch waits for the writer. */
  private static final int MANY = 30_000;
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "label", Types.StringType.get()),
      Types.NestedField.optional(3, "small", Types.IntegerType.get()));

  private final LocalS3Tables s3tables;

  StreamedBatchTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void namespace() {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("streamed"))) {
      catalog.createNamespace(Namespace.of("streamed"), Map.of());
    }
  }

  @Test
  void moreRowsThanTheWriterQueuesCommitOnceAtExecuteBatch() throws SQLException {
    create("many");
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into streamed.many values (?, ?, ?)")) {
      addRows(ps, 0, MANY);
      assertThat(table("many").currentSnapshot()).as("committed before executeBatch").isNull();
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(MANY).containsOnly(1);
      addRows(ps, MANY, 5);
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1, 1);
    }
    assertThat(ids("many")).isEqualTo(range(0, MANY + 5));
    assertThat(snapshots("many")).isEqualTo(2);
  }

  @Test
  void aRowThatFailsToBindFailsTheBatchWhereverItIs() throws SQLException {
    create("late_failure");
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("insert into streamed.late_failure values (?, ?, ?)");
        PreparedStatement single = c.prepareStatement("insert into streamed.late_failure values (?, ?, ?)")) {
      for (int i = 0; i < MANY; i++) {
        ps.setLong(1, i);
        ps.setString(2, "row " + i);
        ps.setLong(3, i == MANY - 100 ? 1L << 40 : i);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("22003");
        assertThat(e.getMessage()).contains("1099511627776");
        assertThat(e.getLargeUpdateCounts()).isEmpty();
      });

      single.setLong(1, 1);
      single.setString(2, "unset third");
      String unset = sqlState(single::executeUpdate);
      assertThat(unset).isNotNull();
      for (int i = 0; i < 3; i++) {
        ps.clearParameters();
        ps.setLong(1, i);
        ps.setString(2, "unset third");
        if (i != 1) {
          ps.setInt(3, i);
        }
        ps.addBatch();
      }
      assertThat(sqlState(ps::executeBatch)).as("as executeUpdate fails").isEqualTo(unset);
      assertThat(table("late_failure").currentSnapshot()).isNull();

      addRows(ps, 0, 3);
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
    }
    assertThat(ids("late_failure")).isEqualTo(range(0, 3));
  }

  @Test
  void aDroppedBatchCommitsNothingAndLeavesNoWriter() throws SQLException {
    create("dropped");
    try (Connection c = connect()) {
      try (PreparedStatement ps = c.prepareStatement("insert into streamed.dropped values (?, ?, ?)")) {
        addRows(ps, 0, MANY);
        ps.clearBatch();
        assertThat(busyWriters()).isEmpty();
        addRows(ps, 100, 2);
        assertThat(ps.executeBatch()).containsExactly(1, 1);
        addRows(ps, 200, MANY);
      }
      assertThat(busyWriters()).as("after closing the statement").isEmpty();
      PreparedStatement open = c.prepareStatement("insert into streamed.dropped values (?, ?, ?)");
      addRows(open, 300, MANY);
    }
    assertThat(busyWriters()).as("after closing the connection").isEmpty();
    assertThat(ids("dropped")).containsExactly(100L, 101L);
    assertThat(snapshots("dropped")).isEqualTo(1);
  }

  @Test
  void batchesOfTwoStatementsStreamSideBySide() throws SQLException {
    create("orders");
    create("lines");
    try (Connection c = connect();
        PreparedStatement orders = c.prepareStatement("insert into streamed.orders values (?, ?, ?)");
        PreparedStatement lines = c.prepareStatement("insert into streamed.lines (id, label) values (?, ?)")) {
      for (int i = 0; i < MANY; i++) {
        orders.setLong(1, i);
        orders.setString(2, "order " + i);
        orders.setInt(3, i % 100);
        orders.addBatch();
        if (i % 3 == 0) {
          lines.setLong(1, i);
          lines.setString(2, "line " + i);
          lines.addBatch();
        }
        if (i == MANY / 2) {
          orders.setLong(1, -1);
          orders.setString(2, "single -1");
          assertThat(orders.executeUpdate()).as("a single row between the rows of a batch").isEqualTo(1);
        }
      }
      assertThat(lines.executeBatch()).hasSize(MANY / 3);
      assertThat(orders.executeBatch()).hasSize(MANY);
    }
    List<Long> orders = new ArrayList<>(range(0, MANY));
    orders.add(0, -1L);
    assertThat(ids("orders")).isEqualTo(orders);
    assertThat(ids("lines")).isEqualTo(range(0, MANY).stream().filter(i -> i % 3 == 0).toList());
    assertThat(snapshots("orders")).isEqualTo(2);
    assertThat(snapshots("lines")).isEqualTo(1);
  }

  @Test
  void parametersInAnotherOrderThanTheColumnsGoToTheirColumns() throws SQLException {
    create("reordered");
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("insert into streamed.reordered (small, label, id) values (?, ?, ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setInt(1, i * 10);
        ps.setString(2, "row " + i);
        ps.setLong(3, i);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
    }
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table("reordered")).build()) {
      records.forEach(r -> rows.add(r.getField("id") + "|" + r.getField("label") + "|" + r.getField("small")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(rows).containsExactlyInAnyOrder("0|row 0|0", "1|row 1|10", "2|row 2|20");
  }

  private static void addRows(PreparedStatement ps, int first, int count) throws SQLException {
    for (int i = first; i < first + count; i++) {
      ps.setLong(1, i);
      ps.setString(2, "row " + i);
      ps.setInt(3, i % 1000);
      ps.addBatch();
    }
  }

  /** Writer threads that are working on a batch (a pooled idle one is not). */
  private static List<String> busyWriters() {
    List<String> busy = new ArrayList<>();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().startsWith("s3tables-batch-writer")
          && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().contains("StreamedBatch"))) {
        busy.add(thread.getName());
      }
    });
    return busy;
  }

  @FunctionalInterface
  private interface Run {
    Object run() throws SQLException;
  }

  private static String sqlState(Run run) {
    try {
      run.run();
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i < to; i++) {
      ids.add(i);
    }
    return ids;
  }

  private void create(String name) {
    s3tables.bucket("demo").catalog().createTable(TableIdentifier.of("streamed", name), SCHEMA);
  }

  private Table table(String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("streamed", name));
  }

  private int snapshots(String name) {
    int count = 0;
    for (var ignored : table(name).snapshots()) {
      count++;
    }
    return count;
  }

  /** The stored ids, sorted, each checked against the row's other values. */
  private List<Long> ids(String name) {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(name)).build()) {
      for (Record r : records) {
        long id = (Long) r.getField("id");
        String label = (String) r.getField("label");
        assertThat(label).as("label of %d", id).endsWith(" " + id);
        ids.add(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ids.sort(null);
    return ids;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }
}
