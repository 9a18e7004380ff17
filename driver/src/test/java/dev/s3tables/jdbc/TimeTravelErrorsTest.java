package dev.s3tables.jdbc;

import static dev.s3tables.jdbc.TimeTravelTest.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time travel that cannot be answered fails with a SQLState and a message that says why, and
 * versions of tables ({@code "t@..."}) are read-only and never listed.
 */
@StandIn
class TimeTravelErrorsTest {
  private static final String NS = "travel_errors";

  private final LocalS3Tables s3tables;
  private Connection connection;

  TimeTravelErrorsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

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

  private void assertFails(String sql, String sqlState, String message) {
    assertThatThrownBy(() -> {
          try (Statement s = connection.createStatement()) {
            s.execute(sql);
          }
        })
        .as(sql)
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
        .hasMessageContaining(message);
  }

  @Test
  void aTimeBeforeTheFirstSnapshotFails() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "young", 1);
    long created = table.currentSnapshot().timestampMillis();
    assertFails("select * from " + NS + ".young for system_time as of TIMESTAMP '2000-01-01 00:00:00'", "22023",
        "Table travel_errors.young had no snapshot as of 2000-01-01 00:00:00.000 UTC: its first snapshot is from");
    assertFails("select count(*) from " + NS + ".young for system_time as of " + utc(created - 1), "22023",
        "its first snapshot is from");
    assertThat(query("select id from " + NS + ".young for system_time as of " + utc(created))).containsExactly("1");
  }

  @Test
  void aTableWithoutSnapshotsHasNoVersionToRead() {
    IcebergTestTables.create(s3tables, NS, "unwritten", IcebergTestTables.SCHEMA, PartitionSpec.unpartitioned());
    assertFails("select * from " + NS + ".unwritten for system_time as of TIMESTAMP '2026-01-01 00:00:00'", "22023",
        "Table travel_errors.unwritten has no snapshots yet");
    assertFails("select * from " + NS + ".\"unwritten@1\"", "42S02", "Table travel_errors.unwritten has no snapshot 1");
    assertFails("select * from " + NS + ".\"unwritten@main\"", "42S02",
        "Table travel_errors.unwritten has no branch or tag 'main'");
  }

  @Test
  void unknownSnapshotsAndRefsAreNotFound() throws Exception {
    IcebergTestTables.createWithRows(s3tables, NS, "known", 1);
    assertFails("select * from " + NS + ".\"known@1\"", "42S02", "Table travel_errors.known has no snapshot 1");
    assertFails("select * from " + NS + ".\"known@nope\"", "42S02", "Table travel_errors.known has no branch or tag 'nope'");
    assertFails("select * from " + NS + ".\"known@\"", "42S02", "has no branch or tag ''");
    assertFails("select * from " + NS + ".\"unknown@1\"", "42S02", "not found");
  }

  @Test
  void aTagMovedToOtherColumnsAfterPlanningFailsRatherThanReadingByName() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "moving", 1, 2);
    table.manageSnapshots().createTag("release", table.currentSnapshot().snapshotId()).commit();
    try (PreparedStatement ps = connection.prepareStatement("select * from " + NS + ".\"moving@release\" order by id")) {
      assertThat(rows(ps)).containsExactly("1|row 1", "2|row 2");
      // Give the name another meaning: "name" becomes "label", and a new column is called "name".
      table.updateSchema().renameColumn("name", "label").commit();
      table.updateSchema().addColumn("name", org.apache.iceberg.types.Types.StringType.get()).commit();
      table.newAppend().appendFile(IcebergTestTables.dataFile(table,
          IcebergTestTables.row(table, "id", 3L, "label", "row 3", "name", "not a label"))).commit();
      table.manageSnapshots().replaceTag("release", table.currentSnapshot().snapshotId()).commit();
      assertThatThrownBy(() -> rows(ps))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"))
          .hasMessageContaining("Branch or tag 'release' of table travel_errors.moving moved to a snapshot with other"
              + " columns");
    }
    assertThat(query("select * from " + NS + ".\"moving@release\" order by id"))
        .containsExactly("1|row 1|null", "2|row 2|null", "3|row 3|not a label");
  }

  private static List<String> rows(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return Oracle.rows(rs);
    }
  }

  @Test
  void aTimeMustBeAConstantOrAParameterAndNotNull() throws Exception {
    IcebergTestTables.createWithRows(s3tables, NS, "timed", 1);
    assertFails("select * from " + NS + ".timed for system_time as of current_timestamp", "0A000",
        "the time must be a TIMESTAMP literal or a parameter");
    assertFails("select * from " + NS + ".timed for system_time as of date '2026-01-01'", "42000",
        "expects Timestamp type");
    try (PreparedStatement ps =
        connection.prepareStatement("select * from " + NS + ".timed for system_time as of ?")) {
      assertThat(ps.getParameterMetaData().getParameterType(1)).isEqualTo(Types.TIMESTAMP);
      ps.setNull(1, Types.TIMESTAMP);
      assertThatThrownBy(ps::executeQuery)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22004"))
          .hasMessageContaining("FOR SYSTEM_TIME AS OF NULL");
    }
  }

  @Test
  void aVersionHasNoOtherVersions() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "pinned", 1);
    long id = table.currentSnapshot().snapshotId();
    assertFails("select * from " + NS + ".\"pinned@" + id + "\" for system_time as of "
            + utc(table.currentSnapshot().timestampMillis()), "42000",
        "FOR SYSTEM_TIME AS OF cannot apply to table travel_errors.pinned at snapshot " + id);
  }

  @Test
  void versionsAreReadOnly() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "frozen", 1);
    long id = table.currentSnapshot().snapshotId();
    String version = NS + ".\"frozen@" + id + "\"";
    assertFails("insert into " + version + " values (2, 'two')", "42000",
        "Table travel_errors.frozen at snapshot " + id + " is read-only");
    assertFails("insert into " + version + " select * from " + NS + ".frozen", "42000", "is read-only");
    assertFails("delete from " + version + " where id = 1", "42000", "is read-only");
    assertFails("update " + version + " set name = 'x'", "42000", "is read-only");
    assertFails("alter table " + version + " add column note varchar", "42000", "names a version of a table");
    assertFails("drop table " + version, "42000", "names a version of a table");
    assertFails("create table " + NS + ".\"frozen@v2\" (id bigint)", "42000", "names a version of a table");
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(id);
    assertThat(table.schema().columns()).hasSize(2);
  }

  @Test
  void versionsAreFoundButNeverListed() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, NS, "listed", 1);
    table.manageSnapshots().createTag("v1", table.currentSnapshot().snapshotId()).commit();
    assertThat(query("select id from " + NS + ".\"listed@v1\"")).containsExactly("1");
    var md = connection.getMetaData();
    assertThat(Oracle.column(md.getTables(null, NS, "%", null), "TABLE_NAME")).doesNotContain("listed@v1")
        .contains("listed").allMatch(name -> !name.contains("@"));
    assertThat(Oracle.column(md.getTables(null, NS, "listed@%", null), "TABLE_NAME")).isEmpty();
    assertThat(Oracle.column(md.getColumns(null, NS, "listed@%", null), "COLUMN_NAME")).isEmpty();
  }
}
