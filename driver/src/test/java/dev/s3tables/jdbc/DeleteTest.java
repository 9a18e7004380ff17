package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * DELETE through the driver: position delete files on format v2 (merge-on-read), files dropped from
 * metadata without reading them where the filter covers them, copy-on-write where the table says so
 * and on v1, one commit with the right count, and the same rows through the driver and through
 * Iceberg's own reader, which applies the deletes.
 */
@StandIn(demo = true)
class DeleteTest {
  private final LocalS3Tables s3tables;
  private final DmlTables tables;

  DeleteTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
    this.tables = new DmlTables(s3tables, "deletes");
  }

  private List<String> ids(String name) throws SQLException {
    return tables.query("select id from deletes." + name + " order by id");
  }

  private List<String> oracleIds(String name) {
    return tables.oracle(name, "id").stream().sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
  }

  private static List<String> range(int from, int to, java.util.function.IntPredicate keep) {
    List<String> ids = new ArrayList<>();
    for (int id = from; id <= to; id++) {
      if (keep.test(id)) {
        ids.add(String.valueOf(id));
      }
    }
    return ids;
  }

  private static List<DataFile> dataFiles(Table table) {
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  @Test
  void someRowsArePositionDeletesAndNoDataFileIsRewritten() throws SQLException {
    tables.regions("t_some", "", 9);
    List<DataFile> before = dataFiles(tables.table("t_some"));
    assertThat(tables.run("delete from deletes.t_some where amount in (20, 40, 90)")).isEqualTo(3);
    assertThat(ids("t_some")).containsExactly("1", "3", "5", "6", "7", "8");
    assertThat(oracleIds("t_some")).containsExactly("1", "3", "5", "6", "7", "8");
    assertThat(tables.current("t_some").operation()).isEqualTo("delete");
    assertThat(tables.summary("t_some", "added-position-delete-files")).isPositive();
    assertThat(tables.summary("t_some", "added-position-deletes")).isEqualTo(3);
    assertThat(tables.summary("t_some", "deleted-data-files")).isZero();
    assertThat(tables.summary("t_some", "added-data-files")).isZero();
    assertThat(dataFiles(tables.table("t_some"))).map(DataFile::location)
        .containsExactlyInAnyOrderElementsOf(before.stream().map(DataFile::location).toList());
  }
  @Test
  void aWholePartitionIsDroppedWithoutReadingADataFile() throws SQLException {
    tables.regions("by_region", "partitioned by (region)", 9);
    s3tables.counters().reset();
    assertThat(tables.run("delete from deletes.by_region where region = 'b'")).isEqualTo(3);
    assertThat(tables.dataFilesRead()).isEmpty();
    assertThat(tables.summary("by_region", "deleted-data-files")).isEqualTo(1);
    assertThat(tables.summary("by_region", "added-position-delete-files")).isZero();
    List<String> left = range(1, 9, id -> (id - 1) % 3 != 1);
    assertThat(ids("by_region")).containsExactlyElementsOf(left);
    assertThat(oracleIds("by_region")).containsExactlyElementsOf(left);
  }

  @Test
  void aFileWhoseMetricsCoverTheFilterIsDroppedWithoutReadingIt() throws SQLException {
    tables.regions("two_files", "", 5);
    tables.run("insert into deletes.two_files values (6, 'x', 60), (7, 'y', 70)");
    s3tables.counters().reset();
    assertThat(tables.run("delete from deletes.two_files where id >= 6")).isEqualTo(2);
    assertThat(tables.dataFilesRead()).isEmpty();
    assertThat(tables.summary("two_files", "deleted-data-files")).isEqualTo(1);
    assertThat(oracleIds("two_files")).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void everythingWithoutWhereDropsEveryFile() throws SQLException {
    tables.regions("all_rows", "partitioned by (region)", 7);
    s3tables.counters().reset();
    assertThat(tables.run("delete from deletes.all_rows")).isEqualTo(7);
    assertThat(tables.dataFilesRead()).isEmpty();
    assertThat(ids("all_rows")).isEmpty();
    assertThat(oracleIds("all_rows")).isEmpty();
    assertThat(tables.query("select count(*) from deletes.all_rows")).containsExactly("0");
  }

  @Test
  void nothingMatchingCommitsNothing() throws SQLException {
    tables.regions("none_match", "", 4);
    long before = tables.current("none_match").snapshotId();
    assertThat(tables.run("delete from deletes.none_match where amount > 1000")).isZero();
    assertThat(tables.run("delete from deletes.none_match where region = 'a' and amount = 20")).isZero();
    assertThat(tables.run("delete from deletes.none_match where 1 = 0")).isZero();
    assertThat(tables.current("none_match").snapshotId()).isEqualTo(before);
    assertThat(oracleIds("none_match")).containsExactly("1", "2", "3", "4");
  }

  @Test
  void copyOnWriteRewritesTheAffectedFile() throws SQLException {
    tables.regions("cow", "with ('write.delete.mode' = 'copy-on-write')", 6);
    assertThat(tables.run("delete from deletes.cow where id in (2, 5)")).isEqualTo(2);
    assertThat(tables.current("cow").operation()).isEqualTo("overwrite");
    assertThat(tables.summary("cow", "added-position-delete-files")).isZero();
    assertThat(tables.summary("cow", "deleted-data-files")).isEqualTo(1);
    assertThat(tables.summary("cow", "added-data-files")).isEqualTo(1);
    assertThat(tables.summary("cow", "added-records")).isEqualTo(4);
    assertThat(ids("cow")).containsExactly("1", "3", "4", "6");
    assertThat(oracleIds("cow")).containsExactly("1", "3", "4", "6");
  }

  @Test
  void formatV1TablesAreRewrittenSinceTheyHaveNoDeleteFiles() throws SQLException {
    tables.regions("v1", "partitioned by (region) with ('format-version' = '1')", 9);
    assertThat(org.apache.iceberg.TableUtil.formatVersion(tables.table("v1"))).isEqualTo(1);
    assertThat(tables.run("delete from deletes.v1 where amount < 35 or id = 9")).isEqualTo(4);
    assertThat(tables.summary("v1", "added-position-delete-files")).isZero();
    List<String> left = range(1, 9, id -> id >= 4 && id != 9);
    assertThat(ids("v1")).containsExactlyElementsOf(left);
    assertThat(oracleIds("v1")).containsExactlyElementsOf(left);
  }

  /** Predicates over NULL, NaN and ordinary doubles: a DELETE removes exactly the rows the same WHERE selects. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "x > 1", "x < 1", "not (x > 1)", "x <> 2", "x is null", "x is not null", "x = x", "x between 0 and 2.5",
      "x in (2, 3)", "not (x in (2, 3))", "x > 1 or x is null", "coalesce(x, 0) < 1", "x * 2 > 3"})
  void deletesExactlyWhatTheSameWhereSelects(String predicate) throws SQLException {
    String name = "nan_" + Integer.toHexString(predicate.hashCode()).replace('-', 'm');
    tables.run("create table deletes." + name + " (id int not null, x double)",
        "insert into deletes." + name + " values (1, null), (2, cast('NaN' as double)), (3, 0.5), (4, 2.0), (5, 3.0),"
            + " (6, -1.0), (7, cast('Infinity' as double))");
    List<String> all = ids(name);
    List<String> selected = tables.query("select id from deletes." + name + " where " + predicate + " order by id");
    assertThat(tables.run("delete from deletes." + name + " where " + predicate)).isEqualTo(selected.size());
    List<String> expected = all.stream().filter(id -> !selected.contains(id)).toList();
    assertThat(ids(name)).as(predicate).containsExactlyElementsOf(expected);
    assertThat(oracleIds(name)).as(predicate).containsExactlyElementsOf(expected);
  }

  @Test
  void aDeleteOfXGreaterThanOneKeepsNullAndNaN() throws SQLException {
    tables.run("create table deletes.gt_one (id int not null, x double)",
        "insert into deletes.gt_one values (1, null), (2, cast('NaN' as double)), (3, 0.5), (4, 2.0)");
    assertThat(tables.run("delete from deletes.gt_one where x > 1")).isEqualTo(1);
    assertThat(oracleIds("gt_one")).containsExactly("1", "2", "3");
  }

  @Test
  void countMinAndMaxAreRightAfterADelete() throws SQLException {
    tables.regions("aggregates", "partitioned by (region)", 9);
    tables.run("delete from deletes.aggregates where amount in (10, 90) or id = 5");
    assertThat(tables.query("select count(*), min(amount), max(amount), count(amount) from deletes.aggregates"))
        .containsExactly("6|20|80|6");
    assertThat(tables.query("select count(*), min(id), max(id) from deletes.aggregates where region = 'b'"))
        .containsExactly("2|2|8");
  }

  @Test
  void aConcurrentAppendBetweenPlanningAndCommitIsKept() throws Exception {
    tables.regions("concurrent", "", 6);
    s3tables.faults().beforeNextCommit(() -> appendRow("concurrent", 100, "z"));
    assertThat(tables.run("delete from deletes.concurrent where region = 'a'")).isEqualTo(2);
    List<String> left = List.of("2", "3", "5", "6", "100");
    assertThat(ids("concurrent")).containsExactlyElementsOf(left);
    assertThat(oracleIds("concurrent")).containsExactlyElementsOf(left);
  }

  @Test
  void aConcurrentAppendOfMatchingRowsFailsASerializableDeleteWith40001() throws Exception {
    tables.regions("serializable", "", 6);
    long before = tables.current("serializable").snapshotId();
    s3tables.faults().beforeNextCommit(() -> appendRow("serializable", 101, "a"));
    Throwable failed = catchThrowable(() -> tables.run("delete from deletes.serializable where region = 'a'"));
    assertThat(failed).isInstanceOf(SQLException.class).hasMessageContaining("conflicts with a change committed");
    assertThat(((SQLException) failed).getSQLState()).isEqualTo("40001");
    assertThat(tables.table("serializable").currentSnapshot().parentId()).isEqualTo(before);
    assertThat(oracleIds("serializable")).containsExactly("1", "2", "3", "4", "5", "6", "101");
  }

  @Test
  void underSnapshotIsolationAConcurrentMatchingAppendIsKept() throws Exception {
    tables.regions("snapshot_isolation", "with ('write.delete.isolation-level' = 'snapshot')", 6);
    s3tables.faults().beforeNextCommit(() -> appendRow("snapshot_isolation", 102, "a"));
    assertThat(tables.run("delete from deletes.snapshot_isolation where region = 'a'")).isEqualTo(2);
    assertThat(oracleIds("snapshot_isolation")).containsExactly("2", "3", "5", "6", "102");
  }

  @Test
  void aConcurrentDeleteOfTheSameFileFailsWith40001AndAppliesNothing() throws Exception {
    tables.regions("conflict", "", 6);
    s3tables.faults().beforeNextCommit(() -> {
      try {
        IcebergTestTables.deletePositions(tables.table("conflict"), 0);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Throwable failed = catchThrowable(() -> tables.run("delete from deletes.conflict where id in (1, 2)"));
    assertThat(failed).isInstanceOf(SQLException.class);
    assertThat(((SQLException) failed).getSQLState()).isEqualTo("40001");
    // Only the concurrent delete of the first row happened.
    assertThat(oracleIds("conflict")).containsExactly("2", "3", "4", "5", "6");
    assertThat(ids("conflict")).containsExactly("2", "3", "4", "5", "6");
  }

  @Test
  void preparedDeletesTakeParametersAndBatches() throws SQLException {
    tables.regions("prepared", "partitioned by (region)", 12);
    try (Connection c = tables.connect();
        PreparedStatement delete = c.prepareStatement("delete from deletes.prepared where region = ? and amount > ?")) {
      delete.setString(1, "a");
      delete.setLong(2, 50);
      assertThat(delete.executeUpdate()).isEqualTo(2);
      delete.setString(1, "b");
      delete.setLong(2, 0);
      assertThat(delete.execute()).isFalse();
      assertThat(delete.getUpdateCount()).isEqualTo(4);
      delete.setString(1, "c");
      delete.setLong(2, 100);
      delete.addBatch();
      delete.setString(1, "a");
      delete.setLong(2, 0);
      delete.addBatch();
      assertThat(delete.executeBatch()).containsExactly(1, 2);
    }
    assertThat(oracleIds("prepared")).containsExactly("3", "6", "9");
  }

  @Test
  void aTimedOutDeleteCommitsNothing() throws SQLException {
    tables.regions("timed_out", "", 6);
    long before = tables.current("timed_out").snapshotId();
    s3tables.faults().latency(dev.s3tables.harness.Endpoint.STORAGE, java.time.Duration.ofMillis(700));
    try (Connection c = tables.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      Throwable failed = catchThrowable(() -> s.executeUpdate("delete from deletes.timed_out where id = 3"));
      assertThat(failed).isInstanceOf(SQLException.class);
      assertThat(((SQLException) failed).getSQLState()).isEqualTo("HYT00");
    } finally {
      s3tables.faults().clear();
    }
    assertThat(tables.current("timed_out").snapshotId()).isEqualTo(before);
    assertThat(oracleIds("timed_out")).hasSize(6);
  }

  @Test
  void subqueriesInTheWhereClauseWork() throws SQLException {
    tables.regions("with_subquery", "", 6);
    assertThat(tables.run("delete from deletes.with_subquery where id in (select id from deletes.with_subquery where amount > 40)"))
        .isEqualTo(2);
    assertThat(tables.run("delete from deletes.with_subquery t where exists"
        + " (select 1 from tpch.nation n where n.n_nationkey = t.id and n.n_name = 'BRAZIL')")).isEqualTo(1);
    assertThat(oracleIds("with_subquery")).containsExactly("1", "3", "4");
  }

  @Test
  void everyPrimitiveTypeFiltersAndDeletes() throws Exception {
    Table copy = AllTypesCopy.create(s3tables, tables.namespace(), "all_types");
    List<org.apache.iceberg.types.Types.NestedField> primitives =
        copy.schema().columns().stream().filter(f -> f.type().isPrimitiveType() && !f.name().equals("id")).toList();
    int expected = tables.records("all_types").size();
    for (var column : primitives) {
      long nulls = tables.records("all_types").stream().filter(r -> r.getField(column.name()) == null).count();
      assertThat(tables.run("delete from deletes.all_types where " + column.name() + " is null"))
          .as(column.name()).isEqualTo(nulls);
      expected -= (int) nulls;
      assertThat(tables.records("all_types")).as(column.name()).hasSize(expected)
          .allMatch(r -> r.getField(column.name()) != null);
      assertThat(tables.query("select count(*) from deletes.all_types")).containsExactly(String.valueOf(expected));
    }
  }

  /** Appends one row with Iceberg's API, as another writer would. */
  private void appendRow(String name, int id, String region) {
    Table table = tables.table(name);
    org.apache.iceberg.data.Record row = org.apache.iceberg.data.GenericRecord.create(table.schema());
    row.setField("id", id);
    row.setField("region", region);
    row.setField("amount", (long) id * 10);
    AllTypesCopy.append(table, List.of(row));
  }
}
