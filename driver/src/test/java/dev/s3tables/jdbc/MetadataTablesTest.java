package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.MetadataTableType;
import org.apache.iceberg.MetadataTableUtils;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Iceberg's metadata tables as {@code "t$snapshots"} and the like: the rows Iceberg's own API
 * gives, with filters and joins; found by name only, never listed and never paid for by a listing;
 * read-only. The S3 Tables facts ({@code "t$details"}, {@code "t$maintenance"}) are in
 * {@link ServiceFactsTablesTest}.
 */
@StandIn
class MetadataTablesTest {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "region", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(9, 2)));

  private final LocalS3Tables s3tables;

  MetadataTablesTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void namespace() {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("meta"))) {
      catalog.createNamespace(Namespace.of("meta"), Map.of());
    }
  }

  /** A table partitioned by region with two appends through the driver: eu and us, then eu again. */
  private Table events(String name) throws SQLException {
    s3tables.bucket("demo").catalog()
        .buildTable(TableIdentifier.of("meta", name), SCHEMA)
        .withPartitionSpec(PartitionSpec.builderFor(SCHEMA).identity("region").build())
        .create();
    update("insert into meta." + name + " values (1, 'eu', 1.50), (2, 'us', 2.00)");
    update("insert into meta." + name + " values (3, 'eu', 3.25)");
    return reload(name);
  }

  private Table reload(String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("meta", name));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  private void update(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }

  @Test
  void snapshotsAreIcebergsSnapshotsWithExactTimes() throws SQLException {
    Table table = events("snaps");
    List<String> expected = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      expected.add(snapshot.snapshotId() + "|" + snapshot.parentId() + "|" + snapshot.operation() + "|"
          + snapshot.timestampMillis() + "|" + snapshot.manifestListLocation() + "|"
          + snapshot.summary().get("added-records"));
    }
    List<String> actual = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select snapshot_id, parent_id, operation, committed_at, manifest_list, summary['added-records'] as added"
                + " from meta.\"snaps$snapshots\" order by committed_at")) {
      while (rs.next()) {
        actual.add(rs.getLong(1) + "|" + rs.getObject(2) + "|" + rs.getString(3) + "|"
            + rs.getTimestamp(4).getTime() + "|" + rs.getString(5) + "|" + rs.getString(6));
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected).hasSize(2);
  }

  @Test
  void snapshotsFilterByOperationAndByParameter() throws SQLException {
    Table table = events("snaps_filtered");
    Snapshot first = table.snapshots().iterator().next();
    assertThat(query("select count(*) from meta.\"snaps_filtered$snapshots\" where operation = 'append'"))
        .containsExactly("2");
    assertThat(query("select count(*) from meta.\"snaps_filtered$snapshots\" where operation = 'delete'"))
        .containsExactly("0");
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement(
            "select parent_id, summary['added-records'] from meta.\"snaps_filtered$snapshots\" where snapshot_id = ?")) {
      p.setLong(1, first.snapshotId());
      try (ResultSet rs = p.executeQuery()) {
        assertThat(Oracle.rows(rs)).containsExactly("null|2");
      }
      p.setLong(1, table.currentSnapshot().snapshotId());
      try (ResultSet rs = p.executeQuery()) {
        assertThat(Oracle.rows(rs)).containsExactly(first.snapshotId() + "|1");
      }
    }
  }

  @Test
  void historyJoinsSnapshotsOnSnapshotId() throws SQLException {
    Table table = events("hist");
    List<String> expected = new ArrayList<>();
    for (HistoryEntry entry : table.history()) {
      Snapshot snapshot = table.snapshot(entry.snapshotId());
      expected.add(entry.timestampMillis() + "|" + entry.snapshotId() + "|true|" + snapshot.operation());
    }
    List<String> actual = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select h.made_current_at, h.snapshot_id, h.is_current_ancestor, s.operation"
                + " from meta.\"hist$history\" h join meta.\"hist$snapshots\" s on h.snapshot_id = s.snapshot_id"
                + " order by h.made_current_at")) {
      while (rs.next()) {
        actual.add(rs.getTimestamp(1).getTime() + "|" + rs.getLong(2) + "|" + rs.getBoolean(3) + "|" + rs.getString(4));
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected).hasSize(2);
  }

  @Test
  void filesAreThePlannedDataFilesWithTheirPartition() throws Exception {
    Table table = events("files");
    Map<String, String> expected = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        expected.put(task.file().location(),
            task.file().partition().get(0, String.class) + "|" + task.file().recordCount() + "|" + task.file().fileSizeInBytes());
      }
    }
    Map<String, String> actual = new TreeMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select f.file_path, f.\"partition\".region, f.record_count, f.file_size_in_bytes, f.content,"
                + " f.readable_metrics.id.lower_bound, f.readable_metrics.id.upper_bound, f.column_sizes"
                + " from meta.\"files$files\" f")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4));
        assertThat(rs.getInt(5)).as("content: data").isZero();
        assertThat(rs.getLong(6)).isBetween(1L, 3L);
        assertThat(rs.getLong(7)).isBetween(rs.getLong(6), 3L);
        assertThat(new HashSet<Object>(((Map<?, ?>) rs.getObject(8)).keySet())).containsExactlyInAnyOrder(1, 2, 3);
      }
    }
    assertThat(actual).isEqualTo(expected).hasSize(3);
  }

  @Test
  void filesJoinTheTablesRowsOnTheirPartition() throws SQLException {
    events("files_join");
    assertThat(query(
            "select f.\"partition\".region, sum(f.record_count), max(r.n)"
                + " from meta.\"files_join$files\" f"
                + " join (select region, count(*) as n from meta.files_join group by region) r"
                + " on f.\"partition\".region = r.region"
                + " group by f.\"partition\".region order by 1"))
        .containsExactly("eu|2|2", "us|1|1");
  }

  @Test
  void manifestsAreTheCurrentSnapshotsManifests() throws SQLException {
    Table table = events("manifests");
    Map<String, String> expected = new TreeMap<>();
    for (ManifestFile manifest : table.currentSnapshot().allManifests(table.io())) {
      expected.put(manifest.path(), manifest.length() + "|" + manifest.snapshotId() + "|" + manifest.addedFilesCount());
    }
    Map<String, String> actual = new TreeMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select path, length, added_snapshot_id, added_data_files_count, partition_summaries"
                + " from meta.\"manifests$manifests\"")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getInt(4));
        Object[] summaries = (Object[]) rs.getArray(5).getArray();
        assertThat(summaries).hasSize(1);
        assertThat(((Struct) summaries[0]).getAttributes()).hasSize(4);
      }
    }
    assertThat(actual).isEqualTo(expected).hasSize(2);
  }

  @Test
  void partitionsCountTheRowsOfEachPartition() throws SQLException {
    events("parts");
    assertThat(query(
            "select p.\"partition\".region, p.record_count, p.file_count from meta.\"parts$partitions\" p order by 1"))
        .containsExactly("eu|2|2", "us|1|1");
    assertThat(query("select region, count(*) from meta.parts group by region order by 1"))
        .containsExactly("eu|2", "us|1");
  }

  @Test
  void refsAreTheTablesBranchesAndTags() throws SQLException {
    Table table = events("refs");
    long first = table.snapshots().iterator().next().snapshotId();
    table.manageSnapshots().createTag("v1", first).commit();
    Map<String, SnapshotRef> refs = reload("refs").refs();
    List<String> expected = new ArrayList<>();
    refs.forEach((name, ref) -> expected.add(name + "|" + ref.type() + "|" + ref.snapshotId()));
    assertThat(query("select name, type, snapshot_id from meta.\"refs$refs\" order by name"))
        .containsExactlyInAnyOrderElementsOf(expected)
        .containsExactly("main|BRANCH|" + table.currentSnapshot().snapshotId(), "v1|TAG|" + first);
  }

  @Test
  void everyKindCountsWhatIcebergsOwnScanCounts() throws Exception {
    Table table = events("kinds");
    for (MetadataTableType type : MetadataTableType.values()) {
      if (type == MetadataTableType.POSITION_DELETES) {
        continue;
      }
      Table metadata = MetadataTableUtils.createMetadataTableInstance(table, type);
      long expected = 0;
      try (CloseableIterable<FileScanTask> tasks = metadata.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          try (CloseableIterable<?> rows = task.asDataTask().rows()) {
            for (Object ignored : rows) {
              expected++;
            }
          }
        }
      }
      String kind = type.name().toLowerCase(Locale.ROOT);
      assertThat(query("select count(*) from meta.\"kinds$" + kind + "\"")).as(kind).containsExactly(Long.toString(expected));
    }
  }

  @Test
  void aBatchInsertIsOneSnapshot() throws SQLException {
    Table table = events("batched");
    int before = count(table.snapshots());
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("insert into meta.batched values (?, ?, ?)")) {
      for (int i = 10; i < 60; i++) {
        p.setLong(1, i);
        p.setString(2, i % 2 == 0 ? "eu" : "us");
        p.setBigDecimal(3, BigDecimal.valueOf(i));
        p.addBatch();
      }
      assertThat(p.executeBatch()).hasSize(50);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "select count(*), sum(case when parent_id is null then 0 else 1 end) from meta.\"batched$snapshots\"")) {
        assertThat(Oracle.rows(rs)).containsExactly((before + 1) + "|" + before);
      }
      Snapshot latest = reload("batched").currentSnapshot();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "select snapshot_id, operation, summary['added-records'], summary['added-data-files']"
                  + " from meta.\"batched$snapshots\" where committed_at = (select max(committed_at) from meta.\"batched$snapshots\")")) {
        assertThat(Oracle.rows(rs)).containsExactly(latest.snapshotId() + "|append|50|2");
      }
    }
  }

  private static int count(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  @Test
  void namesResolveWithTheTablesCaseRules() throws SQLException {
    events("cased");
    // $ is not an identifier character of SQL: the name is quoted, as in Trino.
    assertThat(query("select count(*) from META.\"cased$snapshots\"")).containsExactly("2");
    assertThatThrownBy(() -> query("select count(*) from meta.\"CASED$snapshots\""))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
    assertThatThrownBy(() -> query("select count(*) from meta.\"cased$Snapshots\""))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
  }

  @Test
  void anUnknownKindIsATableNotFoundThatNamesTheKinds() throws SQLException {
    events("unknown_kind");
    assertThatThrownBy(() -> query("select * from meta.\"unknown_kind$nope\""))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("42S02");
          assertThat(e.getMessage()).contains("no metadata table 'nope'", "snapshots", "history", "maintenance");
        });
    assertThatThrownBy(() -> query("select * from meta.\"no_such_table$snapshots\""))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S02"));
  }

  @Test
  void listingsNeitherShowNorPayForMetadataTables() throws SQLException {
    events("listed");
    try (Connection c = connect()) {
      var md = c.getMetaData();
      s3tables.counters().reset();
      List<String> tables = Oracle.column(md.getTables(null, "meta", "%", null), "TABLE_NAME");
      assertThat(tables).contains("listed").noneMatch(t -> t.contains("$"));
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isZero();
      assertThat(s3tables.counters().total(Endpoint.CATALOG)).as("listNamespaces and listTables")
          .isEqualTo(s3tables.counters().count(Endpoint.CATALOG, "listNamespaces") + 1);
      s3tables.counters().reset();
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "meta", "%", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
        }
      }
      assertThat(columns).contains("listed.id").noneMatch(t -> t.contains("$"));
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).as("one load per table")
          .isEqualTo(tables.size());
      assertThat(s3tables.counters().total(Endpoint.CATALOG)).as("and nothing but listings")
          .isEqualTo(s3tables.counters().count(Endpoint.CATALOG, "listNamespaces")
              + s3tables.counters().count(Endpoint.CATALOG, "listTables") + tables.size());
      assertThat(s3tables.counters().total(Endpoint.CONTROL_PLANE)).isZero();
      assertThat(s3tables.counters().total(Endpoint.STORAGE)).isZero();
      assertThat(Oracle.column(md.getTables(null, "meta", "listed$%", null), "TABLE_NAME")).isEmpty();
      assertThat(Oracle.column(md.getColumns(null, "meta", "listed$snapshots", "%"), "COLUMN_NAME")).isEmpty();
    }
  }

  @Test
  void writesIntoMetadataTablesAreRefused() throws SQLException {
    events("refused");
    Map<String, String> outcomes = new TreeMap<>();
    for (String sql : List.of(
        "insert into meta.\"refused$history\" select * from meta.\"refused$history\"",
        "delete from meta.\"refused$snapshots\"",
        "update meta.\"refused$files\" set record_count = 0",
        "merge into meta.\"refused$history\" h using meta.refused r on h.snapshot_id = r.id"
            + " when matched then update set parent_id = 0",
        "drop table meta.\"refused$snapshots\"",
        "alter table meta.\"refused$snapshots\" add column x int")) {
      try {
        update(sql);
        outcomes.put(sql, "ran");
      } catch (SQLException e) {
        outcomes.put(sql, e.getSQLState() + " " + e.getMessage());
      }
    }
    assertThat(outcomes).allSatisfy((sql, outcome) ->
        assertThat(outcome).startsWith(sql.startsWith("drop") || sql.startsWith("alter") ? "42S02" : "0A000"));
    assertThat(outcomes.get("insert into meta.\"refused$history\" select * from meta.\"refused$history\""))
        .contains("meta.\"refused$history\" is a metadata table, read-only: INSERT is refused");
    assertThat(count(reload("refused").snapshots())).isEqualTo(2);
  }

  @Test
  void aPreparedStatementReadsTheColumnsItWasPlannedWithAndTheLatestRows() throws SQLException {
    s3tables.bucket("demo").catalog().buildTable(TableIdentifier.of("meta", "respecced"), SCHEMA).create();
    update("insert into meta.respecced values (1, 'eu', 1.00)");
    Properties login = s3tables.jdbcProperties();
    login.setProperty("metadataCacheTtl", "0");
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), login);
        PreparedStatement p = c.prepareStatement("select * from meta.\"respecced$files\"")) {
      assertThat(p.getMetaData().getColumnCount()).as("no partition column: unpartitioned").isEqualTo(21);
      reload("respecced").updateSpec().addField("region").commit();
      update("insert into meta.respecced values (2, 'us', 2.00)");
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(21);
        List<Long> counts = new ArrayList<>();
        while (rs.next()) {
          counts.add(rs.getLong("record_count"));
          assertThat(rs.getString("file_path")).endsWith(".parquet");
        }
        assertThat(counts).containsExactly(1L, 1L);
      }
    }
  }

  @Test
  void readOnlyConnectionsReadMetadataTables() throws SQLException {
    events("read_only");
    Properties login = s3tables.jdbcProperties();
    login.setProperty("readOnly", "true");
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), login);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from meta.\"read_only$history\"")) {
      assertThat(Oracle.rows(rs)).containsExactly("2");
    }
  }
}
