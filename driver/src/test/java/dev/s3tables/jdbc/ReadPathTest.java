package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queries over the demo TPC-H data: pushed filters, projections and limits never change an answer
 * (compared with Iceberg's own reader filtered in Java), and what was pushed shows in the plan and
 * in the files the stand-in served.
 */
@StandIn(demo = true, shared = true)
class ReadPathTest {
  private static final List<String> KEY = List.of("l_orderkey", "l_linenumber");

  private final LocalS3Tables s3tables;
  private Connection connection;

  ReadPathTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
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

  private void assertSameRows(String where, Predicate<Record> keep) throws SQLException {
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    List<String> expected = Oracle.rows(lineitem, KEY, keep);
    List<String> actual = query("select l_orderkey, l_linenumber from tpch.lineitem where " + where);
    assertThat(actual).as(where).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static LocalDate shipdate(Record r) {
    return (LocalDate) r.getField("l_shipdate");
  }

  private static BigDecimal decimal(Record r, String column) {
    return (BigDecimal) r.getField(column);
  }

  @Test
  void pushedFiltersNeverChangeTheAnswer() throws SQLException {
    assertSameRows(
        "l_shipdate >= date '1995-03-01' and l_shipdate < date '1995-04-01'",
        r -> !shipdate(r).isBefore(LocalDate.of(1995, 3, 1)) && shipdate(r).isBefore(LocalDate.of(1995, 4, 1)));
    assertSameRows(
        "l_discount between 0.05 and 0.07 and l_quantity < 24",
        r -> decimal(r, "l_discount").compareTo(new BigDecimal("0.05")) >= 0
            && decimal(r, "l_discount").compareTo(new BigDecimal("0.07")) <= 0
            && decimal(r, "l_quantity").compareTo(new BigDecimal("24")) < 0);
    assertSameRows(
        "l_shipmode in ('AIR', 'MAIL') or l_orderkey < 100",
        r -> Set.of("AIR", "MAIL").contains(r.getField("l_shipmode")) || (Long) r.getField("l_orderkey") < 100);
    assertSameRows("not (l_returnflag = 'R') and l_linenumber <> 1",
        r -> !"R".equals(r.getField("l_returnflag")) && (Integer) r.getField("l_linenumber") != 1);
    assertSameRows("l_comment like 'fluffily%'", r -> ((String) r.getField("l_comment")).startsWith("fluffily"));
    assertSameRows("upper(l_shipinstruct) = 'NONE' and l_tax > 0.07",
        r -> "NONE".equals(r.getField("l_shipinstruct")) && decimal(r, "l_tax").compareTo(new BigDecimal("0.07")) > 0);
  }

  /** Equality and IN conjuncts also rule files out by their dictionaries, read over S3 in ranges. */
  @Test
  void equalityFiltersGiveTheSameRowsAfterTheDictionariesRuleFilesOut() throws SQLException {
    assertSameRows("l_orderkey = 4001", r -> (Long) r.getField("l_orderkey") == 4001);
    assertSameRows("l_orderkey = 4002", r -> (Long) r.getField("l_orderkey") == 4002);
    assertSameRows("l_orderkey in (7, 4001, 5000000)", r -> Set.of(7L, 4001L, 5_000_000L).contains(r.getField("l_orderkey")));
    assertSameRows("l_orderkey = 4001 and l_shipmode = 'AIR'",
        r -> (Long) r.getField("l_orderkey") == 4001 && "AIR".equals(r.getField("l_shipmode")));
    assertSameRows("l_shipmode = 'AIR' and l_linenumber in (6, 7)",
        r -> "AIR".equals(r.getField("l_shipmode")) && Set.of(6, 7).contains(r.getField("l_linenumber")));
    assertSameRows("l_shipdate = date '1995-03-15' and l_returnflag = 'N'",
        r -> shipdate(r).equals(LocalDate.of(1995, 3, 15)) && "N".equals(r.getField("l_returnflag")));
    assertSameRows("l_shipinstruct = 'NO SUCH INSTRUCTION'", r -> false);
  }

  @Test
  void filesReadInParallelGiveEveryRowOnceInTheSameOrderEveryTime() throws SQLException {
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    assertThat(dataFiles(lineitem, null, null)).hasSizeGreaterThan(4 * 4);
    List<String> expected = Oracle.rows(lineitem, KEY, r -> true);
    String scan = "select l_orderkey, l_linenumber from tpch.lineitem";
    List<String> first = query(scan);
    assertThat(first).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(query(scan)).containsExactlyElementsOf(first);
    List<String> ordered = new ArrayList<>(expected);
    ordered.sort(Comparator.comparing((String row) -> Long.parseLong(row.split("\\|")[0]))
        .thenComparing(row -> Integer.parseInt(row.split("\\|")[1])));
    assertThat(query(scan + " order by l_orderkey, l_linenumber")).containsExactlyElementsOf(ordered);
    assertThat(query(scan + " where l_orderkey < 1000 limit 5")).hasSize(5).allMatch(expected::contains);
  }

  @Test
  void orderByWithLimitKeepsOnlyTheFirstRows() throws SQLException {
    String topTen = "select l_orderkey, l_linenumber from tpch.lineitem"
        + " order by l_extendedprice desc, l_orderkey, l_linenumber limit 10";
    assertThat(plan(topTen)).contains("EnumerableLimitSort").doesNotContain("EnumerableSort(");
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    List<Record> all = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(lineitem).build()) {
      records.forEach(all::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> expected = all.stream()
        .sorted(Comparator.comparing((Record r) -> decimal(r, "l_extendedprice")).reversed()
            .thenComparing(r -> (Long) r.getField("l_orderkey"))
            .thenComparing(r -> (Integer) r.getField("l_linenumber")))
        .limit(10)
        .map(r -> r.getField("l_orderkey") + "|" + r.getField("l_linenumber"))
        .toList();
    assertThat(query(topTen)).containsExactlyElementsOf(expected);
  }

  @Test
  void joinsHashTheirInputsInsteadOfSortingThem() throws SQLException {
    String join = "select n_name, r_name from tpch.nation join tpch.region on n_regionkey = r_regionkey"
        + " where r_name in ('ASIA', 'EUROPE')";
    assertThat(plan(join)).contains("EnumerableHashJoin").doesNotContain("MergeJoin");
    List<String> regions = Oracle.rows(Oracle.table(s3tables, "tpch", "region"), List.of("r_regionkey", "r_name"),
        r -> Set.of("ASIA", "EUROPE").contains(r.getField("r_name")));
    List<String> expected = new ArrayList<>();
    for (String region : regions) {
      String[] keyAndName = region.split("\\|");
      Oracle.rows(Oracle.table(s3tables, "tpch", "nation"), List.of("n_name"),
              r -> r.getField("n_regionkey").toString().equals(keyAndName[0]))
          .forEach(nation -> expected.add(nation + "|" + keyAndName[1]));
    }
    assertThat(query(join)).hasSize(10).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theAverageOfDecimalsKeepsSixDigits() throws SQLException {
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    List<String> discounts = Oracle.rows(lineitem, List.of("l_discount"), r -> true);
    BigDecimal sum = discounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal mean = sum.divide(BigDecimal.valueOf(discounts.size()), 6, RoundingMode.DOWN);
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select avg(l_discount) from tpch.lineitem")) {
      assertThat(rs.getMetaData().getScale(1)).isEqualTo(6);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(mean);
    }
  }

  @Test
  void thePlanShowsWhatWasPushed() throws SQLException {
    String plan =
        plan("select l_orderkey, l_extendedprice from tpch.lineitem"
            + " where l_shipdate >= date '1995-03-01' and upper(l_comment) like '%X%' limit 10");
    assertThat(plan)
        .contains("EnumerableIcebergScan(table=[[tpch, lineitem]]")
        .contains("l_shipdate")
        .contains(">=(l_shipdate, 1995-03-01)");
    // The pushed filter's column is read for the filter only; the remainder needs l_comment.
    assertThat(plan).contains("columns=[[l_orderkey, l_extendedprice, l_comment]]");
    String limited = plan("select l_orderkey from tpch.lineitem where l_quantity > 10 limit 7");
    assertThat(limited).contains("limit=[7]").contains("columns=[[l_orderkey]]");
  }

  @Test
  void aOneMonthFilterReadsOnlyThatMonthsFiles() throws SQLException {
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    Set<String> monthFiles = dataFiles(lineitem, "1995-03-01", "1995-04-01");
    Set<String> allFiles = dataFiles(lineitem, null, null);
    assertThat(monthFiles).isNotEmpty().hasSizeLessThan(allFiles.size() / 10);

    s3tables.counters().reset();
    // A sum: counts of this month come from metadata and read no data file at all.
    query("select sum(l_quantity) from tpch.lineitem where l_shipdate >= date '1995-03-01' and l_shipdate < date '1995-04-01'");
    Set<String> read =
        s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).collect(Collectors.toSet());
    assertThat(read).isEqualTo(monthFiles);
    assertThat(s3tables.counters().count(Endpoint.STORAGE, "GetObject")).isPositive();
  }

  /** The data files Iceberg's own planning picks for a shipdate range, as stand-in object paths. */
  private static Set<String> dataFiles(Table table, String from, String to) {
    var scan = table.newScan();
    if (from != null) {
      scan = scan.filter(Expressions.and(
          Expressions.greaterThanOrEqual("l_shipdate", from), Expressions.lessThan("l_shipdate", to)));
    }
    Set<String> paths = new java.util.HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        paths.add("/" + task.file().location().substring("s3://".length()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return paths;
  }

  @Test
  void parametersInFiltersArePushedAndBoundAtExecution() throws SQLException {
    Table lineitem = Oracle.table(s3tables, "tpch", "lineitem");
    String sql = "select l_orderkey, l_linenumber from tpch.lineitem where l_orderkey = ? and l_shipdate < ?";
    try (PreparedStatement explain = connection.prepareStatement("explain plan for " + sql)) {
      explain.setLong(1, 1);
      explain.setDate(2, java.sql.Date.valueOf("1996-06-01"));
      try (ResultSet rs = explain.executeQuery()) {
        assertThat(String.join("\n", Oracle.rows(rs))).contains("filter=[AND(=(l_orderkey, ?0), <(l_shipdate, ?1))]");
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (long key : new long[] {1, 7, 32, 59999}) {
        ps.setLong(1, key);
        ps.setDate(2, java.sql.Date.valueOf("1996-06-01"));
        List<String> expected =
            Oracle.rows(lineitem, KEY, r -> (Long) r.getField("l_orderkey") == key
                && shipdate(r).isBefore(LocalDate.of(1996, 6, 1)));
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(Oracle.rows(rs)).as("key " + key).containsExactlyInAnyOrderElementsOf(expected);
        }
      }
      ps.setNull(1, java.sql.Types.BIGINT);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("l_orderkey = NULL matches nothing").isFalse();
      }
    }
  }

  @Test
  void limitAndMaxRowsStopTheScan() throws SQLException {
    assertThat(query("select l_orderkey from tpch.lineitem limit 5")).hasSize(5);
    // Rows of no columns, counted above a limit: Calcite compares them as its own empty lists.
    assertThat(query("select count(*) from (select * from tpch.lineitem limit 5)")).containsExactly("5");
    try (Statement s = connection.createStatement()) {
      s.setMaxRows(3);
      try (ResultSet rs = s.executeQuery("select * from tpch.lineitem")) {
        List<String> rows = new ArrayList<>(Oracle.rows(rs));
        assertThat(rows).hasSize(3);
      }
    }
  }
}
