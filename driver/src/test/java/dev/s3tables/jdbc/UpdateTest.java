package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * UPDATE through the driver: the old rows removed (position deletes, or rewritten files where the
 * table says copy-on-write, and on v1) and the new rows written in the same commit, rows moving
 * between partitions, values checked as INSERT checks them, columns not set kept exactly, and the
 * same rows through the driver and through Iceberg's own reader.
 */
@StandIn(demo = true)
class UpdateTest {
  private final LocalS3Tables s3tables;
  private final DmlTables tables;

  UpdateTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
    this.tables = new DmlTables(s3tables, "updates");
  }

  private List<String> rows(String name) throws SQLException {
    return tables.query("select id, region, amount from updates." + name + " order by id");
  }

  private List<String> oracleRows(String name) {
    return tables.oracle(name, "id", "region", "amount").stream()
        .sorted(Comparator.comparingInt(row -> Integer.parseInt(row.substring(0, row.indexOf('|'))))).toList();
  }

  @Test
  void aRegularColumnWithAnExpressionOfItsOldValue() throws SQLException {
    tables.regions("regular", "", 6);
    assertThat(tables.run("update updates.regular set amount = amount * 2 + 1 where region = 'b'")).isEqualTo(2);
    List<String> expected = List.of("1|a|10", "2|b|41", "3|c|30", "4|a|40", "5|b|101", "6|c|60");
    assertThat(rows("regular")).containsExactlyElementsOf(expected);
    assertThat(oracleRows("regular")).containsExactlyElementsOf(expected);
    assertThat(tables.current("regular").operation()).isEqualTo("overwrite");
    assertThat(tables.summary("regular", "added-position-deletes")).isEqualTo(2);
    assertThat(tables.summary("regular", "added-records")).isEqualTo(2);
    assertThat(tables.summary("regular", "deleted-data-files")).isZero();
  }

  @Test
  void aPartitionColumnMovesTheRowToItsNewPartition() throws SQLException {
    tables.regions("moved", "partitioned by (region)", 6);
    assertThat(tables.run("update updates.moved set region = 'z', amount = -amount where id in (1, 5)")).isEqualTo(2);
    List<String> expected = List.of("1|z|-10", "2|b|20", "3|c|30", "4|a|40", "5|z|-50", "6|c|60");
    assertThat(rows("moved")).containsExactlyElementsOf(expected);
    assertThat(oracleRows("moved")).containsExactlyElementsOf(expected);
    assertThat(tables.query("select id from updates.moved where region = 'z' order by id")).containsExactly("1", "5");
    Table table = tables.table("moved");
    assertThat(Oracle.rows(table, List.of("id"), r -> "z".equals(r.getField("region")))).containsExactlyInAnyOrder("1", "5");
    try (var tasks = table.newScan().filter(org.apache.iceberg.expressions.Expressions.equal("region", "z")).planFiles()) {
      tasks.forEach(task -> assertThat(task.file().partition().get(0, String.class)).isEqualTo("z"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void nullsAndNotNullColumns() throws SQLException {
    tables.regions("nulls", "", 3);
    assertThat(tables.run("update updates.nulls set amount = null, region = null where id = 2")).isEqualTo(1);
    assertThat(oracleRows("nulls")).containsExactly("1|a|10", "2|null|null", "3|c|30");
    long before = tables.current("nulls").snapshotId();
    Throwable refused = catchThrowable(() -> tables.run("update updates.nulls set id = case when id = 3 then null else id end"));
    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(((SQLException) refused).getSQLState()).isEqualTo("23502");
    assertThat(tables.current("nulls").snapshotId()).isEqualTo(before);
    assertThat(oracleRows("nulls")).containsExactly("1|a|10", "2|null|null", "3|c|30");
  }

  @Test
  void valuesAreConvertedToTheColumnTypes() throws SQLException {
    tables.run("create table updates.types (id int not null, big bigint, dbl double, amt decimal(9, 2), r real,"
            + " name varchar, d date)",
        "insert into updates.types values (1, 1, 1.5, 1.25, 1.5, 'x', date '2024-01-01')");
    assertThat(tables.run("update updates.types set big = 7, dbl = 2, amt = 3, r = 4, name = 'yz',"
        + " d = date '2025-02-03' where id = 1")).isEqualTo(1);
    assertThat(tables.query("select big, dbl, amt, r, name, d from updates.types")).containsExactly("7|2.0|3.00|4.0|yz|2025-02-03");
    assertThat(tables.oracle("types", "big", "dbl", "amt", "r", "name", "d")).containsExactly("7|2.0|3.00|4.0|yz|2025-02-03");
    Throwable outOfRange = catchThrowable(() -> tables.run("update updates.types set amt = 12345678.5"));
    assertThat(((SQLException) outOfRange).getSQLState()).isEqualTo("22003");
  }

  @Test
  void nothingMatchingCommitsNothing() throws SQLException {
    tables.regions("none_match", "", 3);
    long before = tables.current("none_match").snapshotId();
    assertThat(tables.run("update updates.none_match set amount = 0 where id > 100")).isZero();
    assertThat(tables.current("none_match").snapshotId()).isEqualTo(before);
  }

  @Test
  void copyOnWriteRewritesTheFileWithTheNewValues() throws SQLException {
    tables.regions("cow", "with ('write.update.mode' = 'copy-on-write')", 4);
    assertThat(tables.run("update updates.cow set region = upper(region) where amount >= 30")).isEqualTo(2);
    List<String> expected = List.of("1|a|10", "2|b|20", "3|C|30", "4|A|40");
    assertThat(rows("cow")).containsExactlyElementsOf(expected);
    assertThat(oracleRows("cow")).containsExactlyElementsOf(expected);
    assertThat(tables.summary("cow", "added-position-delete-files")).isZero();
    assertThat(tables.summary("cow", "deleted-data-files")).isEqualTo(1);
    assertThat(tables.summary("cow", "total-records")).isEqualTo(4);
  }

  @Test
  void formatV1TablesAreRewritten() throws SQLException {
    tables.regions("v1", "partitioned by (region) with ('format-version' = '1')", 6);
    assertThat(tables.run("update updates.v1 set region = 'b', amount = amount + 1 where region = 'a'")).isEqualTo(2);
    List<String> expected = List.of("1|b|11", "2|b|20", "3|c|30", "4|b|41", "5|b|50", "6|c|60");
    assertThat(rows("v1")).containsExactlyElementsOf(expected);
    assertThat(oracleRows("v1")).containsExactlyElementsOf(expected);
    assertThat(tables.summary("v1", "added-position-delete-files")).isZero();
  }

  @Test
  void preparedUpdatesTakeParameters() throws SQLException {
    tables.regions("prepared", "", 6);
    try (Connection c = tables.connect();
        PreparedStatement update = c.prepareStatement("update updates.prepared set amount = ? where region = ?")) {
      update.setLong(1, 7);
      update.setString(2, "c");
      assertThat(update.executeLargeUpdate()).isEqualTo(2);
      update.setLong(1, 8);
      update.setString(2, "a");
      update.addBatch();
      update.setLong(1, 9);
      update.setString(2, "nowhere");
      update.addBatch();
      assertThat(update.executeBatch()).containsExactly(2, 0);
    }
    assertThat(oracleRows("prepared")).containsExactly("1|a|8", "2|b|20", "3|c|7", "4|a|8", "5|b|50", "6|c|7");
  }

  @Test
  void aConcurrentDeleteOfTheSameRowsFailsWith40001AndNothingIsDuplicated() throws Exception {
    tables.regions("conflict", "", 4);
    s3tables.faults().beforeNextCommit(() -> {
      try {
        IcebergTestTables.deletePositions(tables.table("conflict"), 1);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Throwable failed = catchThrowable(() -> tables.run("update updates.conflict set amount = 0 where id <= 2"));
    assertThat(((SQLException) failed).getSQLState()).isEqualTo("40001");
    assertThat(oracleRows("conflict")).containsExactly("1|a|10", "3|c|30", "4|a|40");
  }

  @Test
  void columnsNotSetKeepEveryValueExactly() throws Exception {
    Table copy = AllTypesCopy.create(s3tables, tables.namespace(), "all_types");
    Map<Object, Record> before = byId(tables.records("all_types"));
    long updated = tables.run("update updates.all_types set col_string = 'changed' where id >= 0");
    Map<Object, Record> after = byId(tables.records("all_types"));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(updated).isEqualTo(before.values().stream().filter(r -> (Long) r.getField("id") >= 0).count()).isPositive();
    for (Object id : before.keySet()) {
      Record old = before.get(id);
      Record now = after.get(id);
      for (Types.NestedField column : copy.schema().columns()) {
        if (column.name().equals("col_string") && (Long) id >= 0) {
          assertThat(now.getField("col_string")).isEqualTo("changed");
        } else {
          assertThat(now.getField(column.name())).as("%s of row %s", column.name(), id).isEqualTo(old.getField(column.name()));
        }
      }
    }
  }

  private static Map<Object, Record> byId(List<Record> records) {
    return records.stream().collect(Collectors.toMap(r -> r.getField("id"), Function.identity()));
  }
}
