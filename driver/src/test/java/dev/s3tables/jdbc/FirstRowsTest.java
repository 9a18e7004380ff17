package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY ... LIMIT pushed into the scan (late materialization: the sort keys of every row first,
 * then the other columns of the first rows only) returns exactly the rows Calcite's full sort of
 * the same table puts first: with NULL, NaN, -0.0 and ties in the keys, several files, a filter,
 * OFFSET, deleted rows and an older snapshot; files whose metrics rule them out are not read.
 */
@StandIn(demo = true, shared = true)
class FirstRowsTest {
  private static final String T = "first_rows.scores";
  private static final int ROWS = 300;

  private final LocalS3Tables s3tables;
  private final DmlTables tables;

  FirstRowsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
    this.tables = new DmlTables(s3tables, "first_rows");
  }

  @BeforeEach
  void createOnce() throws SQLException {
    try {
      tables.table("scores");
      return;
    } catch (NoSuchTableException e) {
      // made below, once for the class
    }
    tables.run("create table " + T + " (id int not null, score double, price decimal(10, 2), name varchar, note varchar)"
        + " partitioned by (name)");
    // Three commits of four partitions: rows spread over twelve files.
    try (Connection c = tables.connect();
        PreparedStatement insert = c.prepareStatement("insert into " + T + " values (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        insert.setInt(1, id);
        Double score = score(id);
        if (score == null) {
          insert.setNull(2, Types.DOUBLE);
        } else {
          insert.setDouble(2, score);
        }
        insert.setBigDecimal(3, id % 11 == 0 ? null : BigDecimal.valueOf(id * 37L % 101, 2));
        insert.setString(4, "n" + id % 4);
        insert.setString(5, "note " + id);
        insert.addBatch();
        if (id % (ROWS / 3) == 0) {
          insert.executeBatch();
        }
      }
    }
  }

  /** Ties, NULLs, NaN, infinities and both zeros among the scores. */
  private static Double score(int id) {
    return switch (id % 10) {
      case 0 -> null;
      case 1 -> Double.NaN;
      case 2 -> id % 20 == 2 ? -0.0 : 0.0;
      case 3 -> id % 30 == 3 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      default -> (double) (id * 7 % 50);
    };
  }

  /** The first rows of Calcite's full sort of the table, with the query's OFFSET and LIMIT applied here. */
  private void assertFirstRows(String select, String from, String orderBy, int offset, int limit) throws SQLException {
    assertFirstRows(select, from, orderBy, offset, limit, true);
  }

  private void assertFirstRows(String select, String from, String orderBy, int offset, int limit, boolean pushed)
      throws SQLException {
    List<String> sorted = tables.query(select + " from " + from + " order by " + orderBy);
    String query = select + " from " + from + " order by " + orderBy + " limit " + limit + (offset > 0 ? " offset " + offset : "");
    assertThat(String.join("\n", tables.query("explain plan for " + query)).contains("firstBy=")).as(query).isEqualTo(pushed);
    assertThat(tables.query(query)).as(query)
        .containsExactlyElementsOf(sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size())));
  }

  @Test
  void theFirstRowsAreTheFullSortsFirstRows() throws SQLException {
    for (String orderBy : List.of("score, id", "score desc, id", "score nulls first, id", "score desc nulls last, id desc",
        "price desc, score, id", "name, price nulls first, id", "price nulls first, id", "price desc nulls last, id",
        "price, id", "id desc", "id")) {
      assertFirstRows("select *", T, orderBy, 0, 10);
    }
  }

  /**
   * lineitem is partitioned by ship month, so the files' bounds of l_shipdate tell which months can
   * hold the last rows: the other files are not read.
   */
  @Test
  void filesWhoseBoundsCannotHoldAFirstRowAreNotRead() throws SQLException {
    Table lineitem = s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("tpch", "lineitem"));
    int files = 0;
    try (CloseableIterable<FileScanTask> tasks = lineitem.newScan().planFiles()) {
      for (FileScanTask ignored : tasks) {
        files++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String orderBy = " order by l_shipdate desc, l_orderkey, l_linenumber";
    List<String> expected = tables.query("select * from tpch.lineitem" + orderBy).subList(0, 5);
    s3tables.counters().reset();
    assertThat(tables.query("select * from tpch.lineitem" + orderBy + " limit 5")).containsExactlyElementsOf(expected);
    long read = s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).distinct().count();
    assertThat(read).isPositive().isLessThan(files / 2);
    assertFirstRows("select *", "tpch.lineitem where l_quantity < 3", "l_shipdate, l_orderkey, l_linenumber", 0, 5);
  }

  @Test
  void onlyTheSortKeyAndOtherColumns() throws SQLException {
    assertFirstRows("select note, name", T, "score desc, id", 0, 7);
    assertFirstRows("select id, note", T, "price, id", 0, 1);
  }

  @Test
  void filterAndOffset() throws SQLException {
    assertFirstRows("select *", T + " where id > 30 and name <> 'n2'", "score desc, id", 5, 20);
    assertFirstRows("select *", T + " where id > 250", "price, id", 5, 10);
  }

  /** A condition the scan cannot evaluate sits between the sort and the scan, so the scan reads every row. */
  @Test
  void aFilterLeftAboveTheScanKeepsTheSortOnTop() throws SQLException {
    assertFirstRows("select *", T + " where mod(id, 3) <> 0", "score desc, id", 5, 20, false);
  }

  @Test
  void moreRowsAskedForThanMatch() throws SQLException {
    assertFirstRows("select *", T + " where id <= 20", "score, id", 0, 30);
  }

  /** Reading the keys first costs more than it saves when most rows are asked for. */
  @Test
  void mostOfTheTableIsReadOnce() throws SQLException {
    assertFirstRows("select *", T, "score, id", 0, 290, false);
  }

  @Test
  void deletedRowsAreNeverAmongTheFirst() throws SQLException {
    tables.run("create table first_rows.deleted as select * from " + T);
    String top = "select id from first_rows.deleted order by score desc nulls last, id limit 5";
    List<String> before = tables.query(top);
    tables.run("delete from first_rows.deleted where id in (" + String.join(", ", before.subList(0, 3)) + ")");
    assertFirstRows("select *", "first_rows.deleted", "score desc nulls last, id", 0, 5);
    assertThat(tables.query(top)).doesNotContainAnyElementsOf(before.subList(0, 3)).contains(before.get(3), before.get(4));
  }

  @Test
  void anOlderSnapshot() throws SQLException {
    tables.run("create table first_rows.versions as select * from " + T + " where id <= 100");
    long first = tables.table("versions").currentSnapshot().snapshotId();
    tables.run("insert into first_rows.versions select * from " + T + " where id > 100");
    String old = "first_rows.\"versions@" + first + "\"";
    assertFirstRows("select *", old, "price desc, id", 0, 10);
    assertThat(tables.query("select max(id) from (select id from " + old + " order by score desc, id limit 50)"))
        .containsExactly("100");
  }

  @Test
  void aParameterLimitGivesTheFullSortsFirstRows() throws SQLException {
    try (Connection c = tables.connect();
        PreparedStatement s = c.prepareStatement("select * from " + T + " order by score, id limit ?")) {
      s.setInt(1, 3);
      assertThat(Oracle.rows(s.executeQuery())).containsExactlyElementsOf(
          tables.query("select * from " + T + " order by score, id").subList(0, 3));
    }
  }
}
