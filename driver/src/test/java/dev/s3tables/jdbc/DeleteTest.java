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

  /** A table of ids 1..n with a region per id (a, b, c in turn), inserted in one statement: one file per region. */
  private void regions(String name, String with, int n) throws SQLException {
    StringBuilder values = new StringBuilder();
    for (int id = 1; id <= n; id++) {
      values.append(id == 1 ? "" : ", ").append("(").append(id).append(", '").append((char) ('a' + (id - 1) % 3))
          .append("', ").append(id * 10).append(")");
    }
    tables.run(
        "create table deletes." + name + " (id int not null, region varchar, amount bigint) " + with,
        "insert into deletes." + name + " values " + values);
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
    regions("t_some", "", 9);
    List<DataFile> before = dataFiles(tables.table("t_some"));
    assertThat(tables.run("delete from deletes.t_some where amount in (20, 40, 90)")).isEqualTo(3);
    assertThat(ids("t_some")).containsExactly("1", "3", "5", "6", "7", "8");
    assertThat(oracleIds("t_some")).containsExactly("1", "3", "5", "6", "7", "8");
    assertThat(tables.current("t_some").operation()).isEqualTo("overwrite");
    assertThat(tables.summary("t_some", "added-position-delete-files")).isPositive();
    assertThat(tables.summary("t_some", "added-position-deletes")).isEqualTo(3);
    assertThat(tables.summary("t_some", "deleted-data-files")).isZero();
    assertThat(tables.summary("t_some", "added-data-files")).isZero();
    assertThat(dataFiles(tables.table("t_some"))).map(DataFile::location)
        .containsExactlyInAnyOrderElementsOf(before.stream().map(DataFile::location).toList());
  }
}
