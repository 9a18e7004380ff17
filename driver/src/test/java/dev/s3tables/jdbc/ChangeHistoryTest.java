package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table's history as the driver itself writes it: a batch INSERT, a DELETE and an UPDATE, each
 * one snapshot that {@code "t$snapshots"} shows, and each older version still readable by id and
 * by time after the rows it held were deleted or changed.
 */
@StandIn
class ChangeHistoryTest {
  private static final String TABLE = "history.orders";

  private final LocalS3Tables s3tables;
  private Connection connection;

  ChangeHistoryTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    Properties properties = s3tables.jdbcProperties();
    properties.setProperty("metadataCacheTtl", "0");
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), properties);
    update("create schema if not exists history");
    update("create table " + TABLE + " (id bigint not null, region varchar, amount decimal(9, 2))"
        + " partitioned by (region)");
  }

  @AfterEach
  void close() throws SQLException {
    update("drop table if exists " + TABLE);
    connection.close();
  }

  @Test
  void everyChangeIsOneSnapshotAndEveryOlderVersionStaysReadable() throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " values (?, ?, ?)")) {
      for (long id = 1; id <= 6; id++) {
        insert.setLong(1, id);
        insert.setString(2, id % 2 == 0 ? "eu" : "us");
        insert.setBigDecimal(3, BigDecimal.valueOf(id * 100, 2));
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).hasSize(6);
    }
    long afterInsert = currentSnapshotId();
    List<String> inserted = query("select * from " + TABLE + " order by id");
    assertThat(inserted).containsExactly(
        "1|us|1.00", "2|eu|2.00", "3|us|3.00", "4|eu|4.00", "5|us|5.00", "6|eu|6.00");

    assertThat(update("delete from " + TABLE + " where id in (2, 5)")).isEqualTo(2);
    long afterDelete = currentSnapshotId();
    assertThat(update("update " + TABLE + " set amount = amount * 10 where region = 'us'")).isEqualTo(2);
    long afterUpdate = currentSnapshotId();

    assertThat(query("select * from " + TABLE + " order by id"))
        .containsExactly("1|us|10.00", "3|us|30.00", "4|eu|4.00", "6|eu|6.00");
    assertThat(query("select * from " + named("@" + afterInsert) + " order by id")).isEqualTo(inserted);
    assertThat(query("select * from " + named("@" + afterDelete) + " order by id"))
        .containsExactly("1|us|1.00", "3|us|3.00", "4|eu|4.00", "6|eu|6.00");
    assertThat(query("select count(*) from " + named("@" + afterInsert))).containsExactly("6");
    assertThat(query("select * from " + TABLE + " for system_time as of "
        + TimeTravelTest.utc(snapshotMillis(afterInsert)) + " order by id")).isEqualTo(inserted);

    // One snapshot per statement: the batch appended, the DELETE only deleted, the UPDATE did both.
    assertThat(query("select snapshot_id, parent_id, operation, summary['added-records'],"
        + " summary['added-position-deletes'] from " + named("$snapshots") + " order by committed_at"))
        .containsExactly(
            afterInsert + "|null|append|6|null",
            afterDelete + "|" + afterInsert + "|delete|null|2",
            afterUpdate + "|" + afterDelete + "|overwrite|2|2");
    // The UPDATE's position deletes point at the batch's file of region us; nothing was rewritten.
    assertThat(query("select content, count(*) from " + named("$files") + " group by content order by content"))
        .containsExactly("0|3", "1|3");
    assertThat(Oracle.rows(icebergTable(), List.of("id", "region", "amount"), r -> true))
        .containsExactlyInAnyOrder("1|us|10.00", "3|us|30.00", "4|eu|4.00", "6|eu|6.00");
  }

  /** The table's name with a suffix, such as {@code @<snapshot id>} or {@code $snapshots}, quoted. */
  private static String named(String suffix) {
    return "history.\"orders" + suffix + "\"";
  }

  private Table icebergTable() {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("history", "orders"));
  }

  private long currentSnapshotId() {
    return icebergTable().currentSnapshot().snapshotId();
  }

  private long snapshotMillis(long snapshotId) {
    return icebergTable().snapshot(snapshotId).timestampMillis();
  }

  private long update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  private List<String> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }
}
