package dev.s3tables.jdbc;

import static dev.s3tables.jdbc.IcebergTestTables.dataFile;
import static dev.s3tables.jdbc.IcebergTestTables.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading older versions of tables made with Iceberg's API: FOR SYSTEM_TIME AS OF a time (literal
 * or parameter, UTC), {@code "t@<snapshot id>"} and {@code "t@<branch or tag>"}, with pushdown,
 * pruning and metadata-answered aggregates on the old snapshot, and each version's schema.
 */
@StandIn
class TimeTravelTest {
  private static final String NS = "travel";
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final LocalS3Tables s3tables;
  private Connection connection;

  TimeTravelTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  /** Without the metadata cache, each statement sees commits made with Iceberg's API at once. */
  @BeforeEach
  void connect() throws SQLException {
    Properties properties = s3tables.jdbcProperties();
    properties.setProperty("metadataCacheTtl", "0");
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), properties);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private List<String> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", query("explain plan for " + sql));
  }

  /** A TIMESTAMP literal of the instant's wall-clock time in UTC. */
  static String utc(long epochMillis) {
    return "TIMESTAMP '" + UTC.format(Instant.ofEpochMilli(epochMillis)) + "'";
  }

  /** Table {@code name} with snapshots {1, 2}, then {1, 2, 3}: the snapshots, oldest first. */
  private List<Snapshot> twoSnapshots(String name) throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, name, 1, 2);
    table.newAppend().appendFile(dataFile(table, row(table, "id", 3L, "name", "row 3"))).commit();
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(2);
    assertThat(snapshots.get(1).timestampMillis()).isGreaterThan(snapshots.get(0).timestampMillis());
    return snapshots;
  }

  @Test
  void forSystemTimeAsOfALiteralReadsTheSnapshotCurrentThen() throws Exception {
    List<Snapshot> snapshots = twoSnapshots("history");
    long first = snapshots.get(0).timestampMillis();
    long second = snapshots.get(1).timestampMillis();
    String sql = "select id, name from " + NS + ".history for system_time as of %s order by id";

    assertThat(query(sql.formatted(utc(first)))).containsExactly("1|row 1", "2|row 2");
    assertThat(query(sql.formatted(utc(second - 1)))).containsExactly("1|row 1", "2|row 2");
    assertThat(query(sql.formatted(utc(second)))).containsExactly("1|row 1", "2|row 2", "3|row 3");
    assertThat(query(sql.formatted("TIMESTAMP '2999-01-01 00:00:00'"))).containsExactly("1|row 1", "2|row 2", "3|row 3");
    String localTimeZone = utc(first).replace("TIMESTAMP", "TIMESTAMP WITH LOCAL TIME ZONE");
    assertThat(query(sql.formatted(localTimeZone))).containsExactly("1|row 1", "2|row 2");
    assertThat(plan(sql.formatted(utc(first))))
        .contains("EnumerableIcebergScan(table=[[travel, history]]")
        .contains("version=[as of " + UTC.format(Instant.ofEpochMilli(first)) + " UTC]");
  }

  @Test
  void forSystemTimeAsOfAParameterIsBoundWhenTheStatementRuns() throws Exception {
    List<Snapshot> snapshots = twoSnapshots("by_parameter");
    String sql = "select id from " + NS + ".by_parameter for system_time as of ? where id >= ? order by id";
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setTimestamp(1, new Timestamp(snapshots.get(0).timestampMillis()), utc);
      ps.setLong(2, 2);
      assertThat(rows(ps)).containsExactly("2");
      ps.setTimestamp(1, new Timestamp(snapshots.get(1).timestampMillis()), utc);
      assertThat(rows(ps)).containsExactly("2", "3");
      // Without a calendar, the Timestamp's wall-clock time is the one taken as UTC.
      LocalDateTime wallClock =
          LocalDateTime.ofInstant(Instant.ofEpochMilli(snapshots.get(0).timestampMillis()), ZoneOffset.UTC);
      ps.setTimestamp(1, Timestamp.valueOf(wallClock));
      assertThat(rows(ps)).containsExactly("2");
    }
    try (PreparedStatement explain = connection.prepareStatement("explain plan for " + sql)) {
      explain.setTimestamp(1, new Timestamp(snapshots.get(0).timestampMillis()), utc);
      explain.setLong(2, 2);
      assertThat(String.join("\n", rows(explain))).contains("filter=[>=(id, ?1)]").contains("version=[as of ?0]");
    }
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return Oracle.rows(rs);
    }
  }

  @Test
  void aSnapshotIdInTheNameReadsThatSnapshot() throws Exception {
    List<Snapshot> snapshots = twoSnapshots("by_id");
    long first = snapshots.get(0).snapshotId();
    assertThat(query("select * from " + NS + ".\"by_id@" + first + "\" order by id"))
        .containsExactly("1|row 1", "2|row 2");
    assertThat(query("select count(*) from " + NS + ".\"by_id@" + snapshots.get(1).snapshotId() + "\""))
        .containsExactly("3");
    assertThat(plan("select id from " + NS + ".\"by_id@" + first + "\""))
        .contains("EnumerableIcebergScan(table=[[travel, by_id@" + first + "]], columns=[[id]], version=[snapshot "
            + first + "])");
  }

  @Test
  void aSnapshotNewerThanTheCachedMetadataIsFound() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "cached", 1);
    try (Connection cached = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = cached.createStatement()) {
      assertThat(Oracle.rows(s.executeQuery("select id from " + NS + ".cached"))).containsExactly("1");
      table.newAppend().appendFile(dataFile(table, row(table, "id", 2L, "name", "row 2"))).commit();
      long newer = table.currentSnapshot().snapshotId();
      assertThat(Oracle.rows(s.executeQuery("select id from " + NS + ".\"cached@" + newer + "\" order by id")))
          .containsExactly("1", "2");
    }
  }

  @Test
  void aTableJoinsItsOwnOlderVersions() throws Exception {
    List<Snapshot> snapshots = twoSnapshots("self_diff");
    String old = NS + ".\"self_diff@" + snapshots.get(0).snapshotId() + "\"";
    assertThat(query("select c.id from " + NS + ".self_diff c left join " + old + " o on c.id = o.id"
        + " where o.id is null")).containsExactly("3");
    assertThat(query("select c.id, o.id from " + NS + ".self_diff c join " + NS + ".self_diff for system_time as of "
        + utc(snapshots.get(0).timestampMillis()) + " o on c.id = o.id order by c.id"))
        .containsExactly("1|1", "2|2");
  }

  @Test
  void branchesAndTagsAreReadByName() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "refs", 1, 2);
    long tagged = table.currentSnapshot().snapshotId();
    table.manageSnapshots().createTag("v1", tagged).createBranch("audit", tagged).createTag("2024", tagged).commit();
    table.newAppend().appendFile(dataFile(table, row(table, "id", 5L, "name", "row 5"))).toBranch("audit").commit();
    table.newAppend().appendFile(dataFile(table, row(table, "id", 3L, "name", "row 3"))).commit();

    assertThat(query("select id from " + NS + ".\"refs@v1\" order by id")).containsExactly("1", "2");
    assertThat(query("select id from " + NS + ".\"refs@audit\" order by id")).containsExactly("1", "2", "5");
    assertThat(query("select id from " + NS + ".\"refs@main\" order by id")).containsExactly("1", "2", "3");
    assertThat(query("select id from " + NS + ".refs order by id")).containsExactly("1", "2", "3");
    // Digits are a snapshot id, unless the table has no such snapshot but a ref of that name.
    assertThat(query("select id from " + NS + ".\"refs@2024\" order by id")).containsExactly("1", "2");
    assertThat(plan("select id from " + NS + ".\"refs@audit\"")).contains("version=[ref audit]");
  }

  @Test
  void eachVersionHasItsOwnSchema() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "evolving", 1, 2);
    long first = table.currentSnapshot().snapshotId();
    long firstMillis = table.currentSnapshot().timestampMillis();
    table.updateSchema().renameColumn("name", "label").addColumn("extra", Types.IntegerType.get()).commit();
    table.newAppend().appendFile(dataFile(table, row(table, "id", 3L, "label", "row 3", "extra", 30))).commit();
    long second = table.currentSnapshot().snapshotId();
    table.updateSchema().deleteColumn("label").commit();
    table.newAppend().appendFile(dataFile(table, row(table, "id", 4L, "extra", 40))).commit();

    assertThat(columns("select * from " + NS + ".\"evolving@" + first + "\"")).containsExactly("id", "name");
    assertThat(query("select * from " + NS + ".\"evolving@" + first + "\" order by id"))
        .containsExactly("1|row 1", "2|row 2");
    assertThat(query("select id from " + NS + ".\"evolving@" + first + "\" where name = 'row 2'")).containsExactly("2");
    assertThat(columns("select * from " + NS + ".\"evolving@" + second + "\"")).containsExactly("id", "label", "extra");
    assertThat(query("select * from " + NS + ".\"evolving@" + second + "\" order by id"))
        .containsExactly("1|row 1|null", "2|row 2|null", "3|row 3|30");
    assertThat(query("select id from " + NS + ".\"evolving@" + second + "\" where label like 'row%' and extra is null"))
        .containsExactly("1", "2");
    assertThat(query("select * from " + NS + ".evolving order by id"))
        .containsExactly("1|null", "2|null", "3|30", "4|40");
    // FOR SYSTEM_TIME keeps today's columns: the old rows, with a column added since as NULL.
    String asOfFirst = NS + ".evolving for system_time as of " + utc(firstMillis);
    assertThat(columns("select * from " + asOfFirst)).containsExactly("id", "extra");
    assertThat(query("select * from " + asOfFirst + " order by id")).containsExactly("1|null", "2|null");
    assertThat(query("select id from " + asOfFirst + " where extra is null and id > 1")).containsExactly("2");
  }

  private List<String> columns(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i));
      }
      return names;
    }
  }

  @Test
  void oldSnapshotsArePrunedAndCountedFromTheirOwnMetadata() throws Exception {
    Schema schema = new Schema(
        Types.NestedField.required(1, "id", Types.LongType.get()),
        Types.NestedField.required(2, "region", Types.StringType.get()));
    Table table = IcebergTestTables.create(s3tables, NS, "regions", schema,
        PartitionSpec.builderFor(schema).identity("region").build());
    DataFile a = dataFile(table, row(table, "id", 1L, "region", "a"), row(table, "id", 2L, "region", "a"));
    DataFile b = dataFile(table, row(table, "id", 3L, "region", "b"));
    table.newAppend().appendFile(a).appendFile(b).commit();
    Snapshot first = table.currentSnapshot();
    table.newAppend().appendFile(dataFile(table, row(table, "id", 4L, "region", "c"))).commit();
    table.newDelete().deleteFile(a).commit();

    String old = NS + ".\"regions@" + first.snapshotId() + "\"";
    assertThat(dataFilesRead("select id from " + old + " where region = 'a' order by id", "1", "2"))
        .containsExactly(objectPath(a));
    String asOf = NS + ".regions for system_time as of " + utc(first.timestampMillis());
    assertThat(dataFilesRead("select id from " + asOf + " where region = 'b'", "3")).containsExactly(objectPath(b));
    assertThat(dataFilesRead("select id from " + NS + ".regions where region = 'a'")).isEmpty();

    assertThat(dataFilesRead("select count(*) from " + old, "3")).isEmpty();
    assertThat(dataFilesRead("select count(*), min(id), max(id) from " + asOf, "3|1|3")).isEmpty();
    assertThat(dataFilesRead("select count(*) from " + NS + ".regions", "2")).isEmpty();
    assertThat(plan("select count(*) from " + asOf)).contains("EnumerableIcebergMetadataAggregate(table=[[travel,"
        + " regions]], aggregates=[[COUNT(*)]], fallback=[scan on deletes], version=[as of ");
  }

  /** Runs the query, checks its rows, and answers the data files the stand-in served meanwhile. */
  private Set<String> dataFilesRead(String sql, String... expectedRows) throws SQLException {
    s3tables.counters().reset();
    assertThat(query(sql)).as(sql).containsExactly(expectedRows);
    return s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).collect(Collectors.toSet());
  }

  private static String objectPath(DataFile file) {
    return "/" + file.location().substring("s3://".length());
  }
}
