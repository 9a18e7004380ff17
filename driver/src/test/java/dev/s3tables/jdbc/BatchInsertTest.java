package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.rel.ParameterRowInsert;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.demo.AllTypesTable;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PreparedStatement batches of {@code INSERT ... VALUES (?, ...)}, which are bound and appended
 * without running the statement per row, against running the same statement once per row
 * (executeUpdate, Calcite's general path): the same rows stored and the same failures, over every
 * primitive column type, and a batch commits all of its rows or none.
 */
@StandIn(demo = true)
class BatchInsertTest {
  private static final Schema PRIMITIVES = new Schema(AllTypesTable.SCHEMA.columns().subList(0, BatchValues.COLUMNS));
  private static final String VALUES = "values (" + "?, ".repeat(BatchValues.COLUMNS - 1) + "?)";

  private final LocalS3Tables s3tables;

  BatchInsertTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void namespace() {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("batches"))) {
      catalog.createNamespace(Namespace.of("batches"), Map.of());
    }
  }

  @Test
  void aBatchStoresWhatRunningEachRowStoresAndFailsAsItFails() throws SQLException {
    create("each_row", PartitionSpec.unpartitioned());
    create("failed_batches", PartitionSpec.unpartitioned());
    create("one_batch", PartitionSpec.unpartitioned());
    List<BatchValues.Value> values = BatchValues.all();
    List<BatchValues.Value> good = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    try (Connection c = connect();
        PreparedStatement eachRow = c.prepareStatement("insert into batches.each_row " + VALUES);
        PreparedStatement batched = c.prepareStatement("insert into batches.failed_batches " + VALUES)) {
      for (int k = 0; k < values.size(); k++) {
        BatchValues.Value value = values.get(k);
        bind(eachRow, k, value);
        String expected = outcome(() -> eachRow.executeUpdate());
        if (expected.equals("1")) {
          good.add(value);
        } else {
          failures.put(value.label(), expected.substring(0, 5));
          bind(batched, k, value);
          batched.addBatch();
          assertThat(outcome(() -> batched.executeBatch()[0])).as(value.label()).isEqualTo(expected);
        }
      }
    }
    assertThat(failures).containsExactlyInAnyOrderEntriesOf(BatchValues.FAILURES);
    assertThat(table("failed_batches").currentSnapshot()).isNull();
    try (Connection c = connect(); PreparedStatement batched = c.prepareStatement("insert into batches.one_batch " + VALUES)) {
      for (BatchValues.Value value : good) {
        bind(batched, values.indexOf(value), value);
        batched.addBatch();
      }
      assertThat(batched.executeBatch()).hasSize(good.size()).containsOnly(1);
    }
    List<String> expected = stored("each_row");
    assertThat(expected).hasSize(good.size());
    assertThat(stored("one_batch")).containsExactlyElementsOf(expected);
    assertThat(snapshots("one_batch")).isEqualTo(1);
  }

  @Test
  void aFailingRowInTheMiddleCommitsNothingAndTheNextBatchRuns() throws SQLException {
    create("middle", PartitionSpec.unpartitioned());
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("insert into batches.middle (id, col_decimal_9_2) values (?, ?)")) {
      for (int i = 0; i < 21; i++) {
        ps.setLong(1, i);
        ps.setBigDecimal(2, i == 10 ? new BigDecimal("12345678.9") : BigDecimal.valueOf(i));
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("22003");
        assertThat(e.getMessage()).contains("12345678.9 is out of range for parameter 2 of type DECIMAL(9, 2)");
      });
      assertThat(table("middle").currentSnapshot()).isNull();
      for (int i = 0; i < 3; i++) {
        ps.setLong(1, i);
        ps.setNull(2, java.sql.Types.DECIMAL);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
    }
    assertThat(stored("middle")).hasSize(3);
    assertThat(snapshots("middle")).isEqualTo(1);
  }

  @Test
  void aPartitionedTableGetsTheRowsAnUnpartitionedOneGets() throws Exception {
    create("flat", PartitionSpec.unpartitioned());
    create("partitioned", PartitionSpec.builderFor(PRIMITIVES).bucket("id", 4).day("col_date").identity("col_string").build());
    for (String name : List.of("flat", "partitioned")) {
      try (Connection c = connect();
          PreparedStatement ps = c.prepareStatement("insert into batches." + name + " (col_string, id, col_date) values (?, ?, ?)")) {
        for (int i = 0; i < 300; i++) {
          ps.setString(1, i % 7 == 0 ? null : "s" + i % 3);
          ps.setLong(2, i);
          if (i % 11 == 0) {
            ps.setNull(3, java.sql.Types.DATE);
          } else {
            ps.setDate(3, Date.valueOf(LocalDate.of(2024, 12, 30).plusDays(i % 5)));
          }
          ps.addBatch();
        }
        assertThat(ps.executeBatch()).hasSize(300).containsOnly(1);
      }
    }
    assertThat(stored("partitioned")).hasSize(300).containsExactlyElementsOf(stored("flat"));
    Table table = table("partitioned");
    assertThat(snapshots("partitioned")).isEqualTo(1);
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      int files = 0;
      for (FileScanTask task : tasks) {
        files++;
        assertThat(task.file().partition().size()).isEqualTo(3);
      }
      assertThat(files).isGreaterThan(12);
    }
  }

  @Test
  void aConnectionMadeReadOnlyRefusesTheBatch() throws SQLException {
    create("guarded", PartitionSpec.unpartitioned());
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into batches.guarded (id) values (?)")) {
      c.setReadOnly(true);
      for (int i = 0; i < 3; i++) {
        ps.setLong(1, i);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(BatchUpdateException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    }
    assertThat(table("guarded").currentSnapshot()).isNull();
  }

  @Test
  void clearBatchDropsRowsAndEachExecuteBatchCommitsItsOwn() throws SQLException {
    create("twice", PartitionSpec.unpartitioned());
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into batches.twice (id, col_int) values (?, ?)")) {
      addRows(ps, 100, 2);
      ps.clearBatch();
      addRows(ps, 0, 3);
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
      assertThat(ps.executeBatch()).isEmpty();
      addRows(ps, 3, 2);
      assertThat(ps.executeBatch()).containsExactly(1, 1);
    }
    assertThat(stored("twice")).extracting(row -> row.substring(0, row.indexOf('|'))).containsExactly("0", "1", "2", "3", "4");
    assertThat(snapshots("twice")).isEqualTo(2);
  }

  private static void addRows(PreparedStatement ps, int first, int count) throws SQLException {
    for (int i = first; i < first + count; i++) {
      ps.setLong(1, i);
      ps.setInt(2, i * 10);
      ps.addBatch();
    }
  }

  /**
   * Only a VALUES row of parameters and literals is bound directly; expressions, several rows and
   * queries are planned as before, and their batches still commit once.
   */
  @Test
  void onlyAValuesRowOfParametersAndLiteralsIsBoundDirectly() throws SQLException {
    create("shapes", PartitionSpec.unpartitioned());
    Map<String, Boolean> shapes = new LinkedHashMap<>();
    shapes.put("insert into batches.shapes " + VALUES, true);
    shapes.put("insert into batches.shapes (col_string, id) values (?, ?)", true);
    shapes.put("insert into batches.shapes (id, col_string, col_int) values (?, 'literal', null)", true);
    shapes.put("insert into batches.shapes (id, col_decimal_9_2) values (?, cast(? as decimal(5, 1)))", true);
    shapes.put("insert into batches.shapes (id) values (? + 1)", false);
    shapes.put("insert into batches.shapes (id) values (?), (?)", false);
    shapes.put("insert into batches.shapes (id) select id + ? from batches.shapes where id = ?", false);
    try (Connection c = connect()) {
      for (Map.Entry<String, Boolean> shape : shapes.entrySet()) {
        List<RelNode> plans = new ArrayList<>();
        try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) -> {
          plans.add(root.rel);
        })) {
          c.prepareStatement(shape.getKey()).close();
        }
        assertThat(plans).hasSize(1);
        assertThat(ParameterRowInsert.of(plans.get(0))).as(shape.getKey()).matches(p -> p.isPresent() == shape.getValue());
      }
      try (PreparedStatement ps = c.prepareStatement("insert into batches.shapes (id) values (? + 1), (?)")) {
        for (int i = 0; i < 3; i++) {
          ps.setLong(1, i * 10);
          ps.setLong(2, i * 10 + 5);
          ps.addBatch();
        }
        assertThat(ps.executeBatch()).containsExactly(2, 2, 2);
      }
    }
    assertThat(stored("shapes")).extracting(row -> row.substring(0, row.indexOf('|')))
        .containsExactly("1", "5", "11", "15", "21", "25");
    assertThat(snapshots("shapes")).isEqualTo(1);
  }

  private static void bind(PreparedStatement ps, int k, BatchValues.Value value) throws SQLException {
    for (int i = 2; i <= BatchValues.COLUMNS; i++) {
      ps.setNull(i, ps.getParameterMetaData().getParameterType(i));
    }
    ps.setLong(1, 1000 + k);
    value.setter().set(ps, value.index());
  }

  /** Runs a statement. */
  @FunctionalInterface
  private interface Run {
    int run() throws SQLException;
  }

  /** The update count, or the failure's SQLState and message. */
  private static String outcome(Run run) {
    try {
      return String.valueOf(run.run());
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }

  private Table create(String name, PartitionSpec spec) {
    return s3tables.bucket("demo").catalog().buildTable(TableIdentifier.of("batches", name), PRIMITIVES)
        .withPartitionSpec(spec).create();
  }

  private Table table(String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("batches", name));
  }

  private int snapshots(String name) {
    int count = 0;
    for (var ignored : table(name).snapshots()) {
      count++;
    }
    return count;
  }

  /** Every stored row, read with Iceberg's reader, ordered by id; binaries in hex. */
  private List<String> stored(String name) {
    Map<Long, String> rows = new LinkedHashMap<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(name)).build()) {
      for (Record r : records) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
          row.append(i == 0 ? "" : "|").append(text(r.get(i)));
        }
        rows.put((Long) r.get(0), row.toString());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return HexFormat.of().formatHex(bytes);
    }
    return String.valueOf(value);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }
}
