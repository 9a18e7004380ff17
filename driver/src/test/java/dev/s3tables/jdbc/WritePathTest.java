package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INSERT through the driver: one Iceberg append per statement or batch, rows routed by the
 * partition spec, values checked against their columns, nothing committed by a failed statement,
 * read-only connections refused, concurrent writers losing nothing. Every result is read back with
 * Iceberg's own reader.
 */
@StandIn(demo = true)
class WritePathTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(9, 2)),
          Types.NestedField.optional(4, "event_date", Types.DateType.get()));

  private final LocalS3Tables s3tables;

  WritePathTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void namespace() {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("writes"))) {
      catalog.createNamespace(Namespace.of("writes"), Map.of());
    }
  }

  private Table create(String name, PartitionSpec spec) {
    return s3tables.bucket("demo").catalog()
        .buildTable(TableIdentifier.of("writes", name), SCHEMA).withPartitionSpec(spec).create();
  }

  private Table reload(String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("writes", name));
  }

  private static int snapshots(Table table) {
    int count = 0;
    for (var ignored : table.snapshots()) {
      count++;
    }
    return count;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  @Test
  void insertValuesIsOneAppendWithTheRightCount() throws SQLException {
    create("vals", PartitionSpec.unpartitioned());
    try (Connection c = connect(); Statement s = c.createStatement()) {
      int count = s.executeUpdate("insert into writes.vals values"
          + " (1, 'one', 1.50, date '2024-01-31'), (2, null, null, null), (3, 'drei', -7.25, date '1969-12-31')");
      assertThat(count).isEqualTo(3);
      assertThat(s.executeUpdate("insert into writes.vals (id, name) values (4, 'four')")).isEqualTo(1);
      assertThat(Oracle.rows(s.executeQuery("select id, name, amount, event_date from writes.vals order by id")))
          .containsExactly("1|one|1.50|2024-01-31", "2|null|null|null", "3|drei|-7.25|1969-12-31", "4|four|null|null");
    }
    Table table = reload("vals");
    assertThat(snapshots(table)).isEqualTo(2);
    assertThat(Oracle.rows(table, List.of("id", "name", "amount", "event_date"), r -> true))
        .containsExactlyInAnyOrder("1|one|1.50|2024-01-31", "2|null|null|null", "3|drei|-7.25|1969-12-31", "4|four|null|null");
  }

  /** String literals are UTF-8: Calcite's ISO-8859-1 default refused them ("Failed to encode ..."). */
  @Test
  void nonLatin1StringLiteralsInsertAndFilter() throws SQLException {
    create("unicode", PartitionSpec.unpartitioned());
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("insert into writes.unicode (id, name) values (1, 'Zürich ✓ 日本'), (2, 'ice 🧊'), (3, 'plain')"))
          .isEqualTo(3);
      assertThat(Oracle.rows(s.executeQuery("select id, name from writes.unicode where name = 'Zürich ✓ 日本'")))
          .containsExactly("1|Zürich ✓ 日本");
      assertThat(Oracle.rows(s.executeQuery("select id from writes.unicode where name like 'ice 🧊%' or name > '日'")))
          .containsExactlyInAnyOrder("2");
      assertThat(Oracle.rows(s.executeQuery("select name || ' ✓' from writes.unicode where id = 3")))
          .containsExactly("plain ✓");
    }
    assertThat(Oracle.rows(reload("unicode"), List.of("id", "name"), r -> true))
        .containsExactlyInAnyOrder("1|Zürich ✓ 日本", "2|ice 🧊", "3|plain");
  }

  @Test
  void insertSelectRoutesRowsByThePartitionSpec() throws Exception {
    PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).month("event_date").bucket("id", 4).build();
    create("routed", spec);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      int count = s.executeUpdate("insert into writes.routed"
          + " select o_orderkey, o_orderpriority, o_totalprice / 1000, o_orderdate from tpch.orders where o_orderkey < 2000");
      assertThat(count).isPositive();
      Table table = reload("routed");
      assertThat(snapshots(table)).isEqualTo(1);
      List<String> fromDriver = Oracle.rows(s.executeQuery("select id, event_date from writes.routed"));
      assertThat(fromDriver).hasSize(count);
      // Every file holds rows of its own month only, as Iceberg's partition filter shows.
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          assertThat(task.file().partition().size()).isEqualTo(2);
        }
      }
      List<String> march = Oracle.rows(table, List.of("id"), r -> r.getField("event_date").toString().startsWith("1995-03"));
      assertThat(Oracle.rows(s.executeQuery(
          "select id from writes.routed where event_date >= date '1995-03-01' and event_date < date '1995-04-01'")))
          .containsExactlyInAnyOrderElementsOf(march);
    }
  }

  @Test
  void aBatchCommitsOnceWithAnUpdateCountPerRow() throws SQLException {
    create("batched", PartitionSpec.builderFor(SCHEMA).day("event_date").build());
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("insert into writes.batched (id, name, event_date) values (?, ?, ?)")) {
      for (int i = 0; i < 500; i++) {
        ps.setLong(1, i);
        ps.setString(2, "row " + i);
        ps.setDate(3, java.sql.Date.valueOf("2025-01-0" + (1 + i % 5)));
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(500).containsOnly(1);
    }
    Table table = reload("batched");
    assertThat(snapshots(table)).isEqualTo(1);
    assertThat(table.currentSnapshot().addedDataFiles(table.io())).hasSize(5);
    assertThat(Oracle.rows(table, List.of("id"), r -> true)).hasSize(500);
  }

  @Test
  void filesRollAtTheTargetSizeAndManyPartitionsStayCorrect() throws SQLException {
    s3tables.bucket("demo").catalog()
        .buildTable(TableIdentifier.of("writes", "rolled"), SCHEMA)
        .withPartitionSpec(PartitionSpec.builderFor(SCHEMA).day("event_date").build())
        .withProperty("write.target-file-size-bytes", "1")
        .create();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      // 60 days arriving interleaved: more partitions than the writer keeps open at once.
      int count = s.executeUpdate("insert into writes.rolled (id, event_date)"
          + " select l_orderkey * 10 + l_linenumber, date '2024-01-01' + (mod(l_orderkey, 60)) * interval '1' day"
          + " from tpch.lineitem where l_orderkey < 3000");
      assertThat(count).isPositive();
      Table table = reload("rolled");
      assertThat(Oracle.rows(table, List.of("id"), r -> true)).hasSize(count).doesNotHaveDuplicates();
      assertThat(Oracle.rows(s.executeQuery("select count(distinct event_date) from writes.rolled"))).containsExactly("60");
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        int files = 0;
        for (FileScanTask task : tasks) {
          files++;
          assertThat(task.file().recordCount()).isLessThanOrEqualTo(1000);
        }
        assertThat(files).isGreaterThanOrEqualTo(60);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void theTablesCompressionCodecIsHonoured() throws Exception {
    s3tables.bucket("demo").catalog()
        .buildTable(TableIdentifier.of("writes", "snappy"), SCHEMA)
        .withProperty("write.parquet.compression-codec", "snappy")
        .create();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeUpdate("insert into writes.snappy (id, name) values (1, 'a'), (2, 'b')");
    }
    Table table = reload("snappy");
    var file = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    assertThat(ParquetFooter.codecs(table.io().newInputFile(file.location()))).containsOnly("SNAPPY");
  }

  @Test
  void badValuesFailWithTheirSqlStateAndCommitNothing() throws SQLException {
    create("checked", PartitionSpec.unpartitioned());
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into writes.checked (id, amount) values (?, ?)")) {
      ps.setLong(1, 1);
      ps.setBigDecimal(2, new BigDecimal("12345678.9"));
      assertThatThrownBy(ps::executeUpdate)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22003"));
      ps.setNull(1, java.sql.Types.BIGINT);
      ps.setBigDecimal(2, BigDecimal.ONE);
      assertThatThrownBy(ps::executeUpdate)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
    }
    assertThat(reload("checked").currentSnapshot()).isNull();
  }

  @Test
  void aReadOnlyConnectionRefusesInsertsBeforeWriting() throws SQLException {
    create("guarded", PartitionSpec.unpartitioned());
    Properties readOnly = s3tables.jdbcProperties();
    readOnly.setProperty("readOnly", "true");
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), readOnly); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("insert into writes.guarded (id) values (1)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      assertThat(Oracle.rows(s.executeQuery("select count(*) from writes.guarded"))).containsExactly("0");
    }
    try (Connection c = connect()) {
      c.setReadOnly(true);
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeUpdate("insert into writes.guarded (id) values (2)"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      }
      assertThatThrownBy(() -> c.prepareStatement("insert into writes.guarded (id) values (?)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    }
    // Prepared while writable, run after the connection became read-only: each way of running it is refused.
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into writes.guarded (id) values (?)")) {
      c.setReadOnly(true);
      ps.setLong(1, 3);
      assertThatThrownBy(ps::executeUpdate)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      assertThatThrownBy(ps::execute)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    }
    assertThat(reload("guarded").currentSnapshot()).isNull();
  }

  @Test
  void concurrentWritersLoseNoRowAndDuplicateNone() throws Exception {
    create("contended", PartitionSpec.unpartitioned());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          try (Connection c = connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
              insertRetryingConflicts(s, "insert into writes.contended (id) values (" + (writer * 100 + i) + ")");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Table table = reload("contended");
    List<String> ids = Oracle.rows(table, List.of("id"), r -> true);
    assertThat(ids).hasSize(20).doesNotHaveDuplicates();
    assertThat(snapshots(table)).isEqualTo(20);
  }

  /**
   * What an application does with SQLState 40001 (Iceberg's own commit retries were not enough):
   * the statement committed nothing, so it runs again.
   */
  private static void insertRetryingConflicts(Statement s, String sql) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        assertThat(s.executeUpdate(sql)).isEqualTo(1);
        return;
      } catch (SQLException e) {
        if (!"40001".equals(e.getSQLState()) || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
