package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.demo.AllTypesTable;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregates without GROUP BY answered from Iceberg metadata: the answers equal a count (or MIN,
 * MAX) of the rows, with no data file opened when every planned file has no deletes and a filter
 * its partition decides, and by reading rows otherwise. Which path ran shows in the data files the
 * stand-in served.
 */
@StandIn(demo = true)
class MetadataAggregateTest {
  private static final String MARCH_1995 = "l_shipdate >= date '1995-03-01' and l_shipdate < date '1995-04-01'";
  /** True for every row, but not pushed: it keeps Calcite's own aggregate over a scan, as an oracle. */
  private static final String NOT_PUSHED = "char_length(cast(%s as varchar)) > 0";

  private final LocalS3Tables s3tables;
  private Connection connection;

  MetadataAggregateTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  /** Without the metadata cache, each statement sees commits made with Iceberg's API at once. */
  @BeforeEach
  void connect() throws SQLException {
    Properties properties = s3tables.jdbcProperties();
    properties.setProperty("metadataCacheTtl", "0");
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), properties);
    execute("create schema if not exists counts");
  }

  @AfterEach
  void close() throws SQLException {
    s3tables.faults().clear();
    connection.close();
  }

  /** The rows of a query, and the data files the stand-in served while it ran. */
  private record Answer(List<String> rows, Set<String> dataFilesRead) {}

  private Answer ask(String sql) throws SQLException {
    s3tables.counters().reset();
    List<String> rows = query(sql);
    return new Answer(rows, dataFilesRead());
  }

  private Set<String> dataFilesRead() {
    return s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).collect(Collectors.toSet());
  }

  private List<String> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", query("explain plan for " + sql));
  }

  private long oracleCount(String namespace, String name, Predicate<Record> keep) {
    return Oracle.rows(Oracle.table(s3tables, namespace, name), List.of(), keep).size();
  }

  private static LocalDate shipdate(Record r) {
    return (LocalDate) r.getField("l_shipdate");
  }

  @Test
  void countStarOfAWholeTableIsAnsweredFromManifests() throws SQLException {
    String sql = "select count(*) from tpch.lineitem";
    assertThat(plan(sql).strip())
        .isEqualTo("EnumerableIcebergMetadataAggregate(table=[[tpch, lineitem]], aggregates=[[COUNT(*)]],"
            + " fallback=[scan on deletes])");
    Answer answer = ask(sql);
    assertThat(answer.rows()).containsExactly(String.valueOf(oracleCount("tpch", "lineitem", r -> true)));
    assertThat(answer.dataFilesRead()).isEmpty();
    assertThat(s3tables.counters().objectsRead()).anyMatch(p -> p.contains("/metadata/") && p.endsWith(".avro"));
  }

  @Test
  void aWarmCountReadsNoManifestAgainAndSeesANewSnapshot() throws SQLException {
    execute("create table counts.warm (id bigint not null)");
    execute("insert into counts.warm values (1), (2)");
    assertThat(ask("select count(*) from counts.warm").rows()).containsExactly("2");
    Answer warm = ask("select count(*) from counts.warm");
    assertThat(warm.rows()).containsExactly("2");
    assertThat(s3tables.counters().objectsRead()).as("objects read by the warm count").isEmpty();
    execute("insert into counts.warm values (3)");
    assertThat(ask("select count(*) from counts.warm").rows()).containsExactly("3");
  }

  @Test
  void aFilterThePartitionsDecideIsAnsweredFromManifests() throws SQLException {
    String sql = "select count(*), min(l_shipdate), max(l_shipdate) from tpch.lineitem where " + MARCH_1995;
    assertThat(plan(sql))
        .contains("EnumerableIcebergMetadataAggregate(table=[[tpch, lineitem]],"
            + " aggregates=[[COUNT(*), MIN(l_shipdate), MAX(l_shipdate)]], filter=[SEARCH(l_shipdate,"
            + " Sarg[[1995-03-01..1995-04-01)])], fallback=[scan on deletes, residual filter, missing metrics])");
    long march =
        oracleCount("tpch", "lineitem",
            r -> !shipdate(r).isBefore(LocalDate.of(1995, 3, 1)) && shipdate(r).isBefore(LocalDate.of(1995, 4, 1)));
    Answer answer = ask(sql);
    assertThat(answer.rows()).containsExactly(march + "|1995-03-01|1995-03-31");
    assertThat(answer.dataFilesRead()).isEmpty();

    Answer year =
        ask("select count(*) from tpch.orders where o_orderdate >= date '1995-01-01' and o_orderdate < date '1996-01-01'");
    long orders1995 = oracleCount("tpch", "orders", r -> ((LocalDate) r.getField("o_orderdate")).getYear() == 1995);
    assertThat(year.rows()).containsExactly(String.valueOf(orders1995));
    assertThat(year.dataFilesRead()).isEmpty();
  }

  @Test
  void aFilterThePartitionsDoNotDecideReadsTheRows() throws SQLException {
    String sql = "select count(*) from tpch.lineitem where l_quantity < 24";
    assertThat(plan(sql)).contains("filter=[<(l_quantity, 24.00)], fallback=[scan on deletes, residual filter]");
    Answer answer = ask(sql);
    long expected =
        oracleCount("tpch", "lineitem", r -> ((BigDecimal) r.getField("l_quantity")).compareTo(BigDecimal.valueOf(24)) < 0);
    assertThat(answer.rows()).containsExactly(String.valueOf(expected));
    assertThat(answer.dataFilesRead()).isNotEmpty();

    // Half a month: the March files are read, no others.
    Answer half =
        ask("select count(*) from tpch.lineitem where l_shipdate >= date '1995-03-16' and l_shipdate < date '1995-04-01'");
    long expectedHalf =
        oracleCount("tpch", "lineitem",
            r -> !shipdate(r).isBefore(LocalDate.of(1995, 3, 16)) && shipdate(r).isBefore(LocalDate.of(1995, 4, 1)));
    assertThat(half.rows()).containsExactly(String.valueOf(expectedHalf));
    assertThat(half.dataFilesRead()).isNotEmpty().allMatch(p -> p.contains("l_shipdate_month=1995-03"));
  }

  @Test
  void positionDeletesAreCountedByReadingRows() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, "counts", "position_deletes", 1, 2, 3, 4, 5);
    String sql = "select count(*), count(name), min(id), max(id) from counts.position_deletes";
    Answer before = ask(sql);
    assertThat(before.rows()).containsExactly("5|5|1|5");
    assertThat(before.dataFilesRead()).isEmpty();

    IcebergTestTables.deletePositions(table, 0, 4);
    Answer after = ask(sql);
    assertThat(after.rows()).containsExactly("3|3|2|4");
    assertThat(after.dataFilesRead()).isNotEmpty();
  }

  @Test
  void equalityDeletesAreCountedByReadingRows() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, "counts", "equality_deletes", 1, 2, 3, 4, 5);
    IcebergTestTables.deleteIds(table, 1, 3);
    Answer answer = ask("select count(*), min(id), max(id) from counts.equality_deletes");
    assertThat(answer.rows()).containsExactly("3|2|5");
    assertThat(answer.dataFilesRead()).isNotEmpty();
    assertThat(ask("select count(*) from counts.equality_deletes where id > 2").rows()).containsExactly("2");
  }

  @Test
  void anEmptyTableCountsZero() throws SQLException {
    execute("create table counts.empty_table (id bigint not null, amount decimal(9, 2))");
    String sql = "select count(*), count(amount), min(amount), max(id) from counts.empty_table";
    assertThat(plan(sql)).contains("EnumerableIcebergMetadataAggregate");
    assertThat(query(sql)).containsExactly("0|0|null|null");
  }

  @Test
  void aPreparedStatementCountsTheSnapshotCurrentWhenItRuns() throws SQLException {
    execute("create table counts.growing (id bigint not null, note varchar)");
    try (PreparedStatement count = connection.prepareStatement("select count(*), count(note) from counts.growing")) {
      assertThat(rows(count)).containsExactly("0|0");
      execute("insert into counts.growing values (1, 'a'), (2, null)");
      assertThat(rows(count)).containsExactly("2|1");
      execute("insert into counts.growing values (3, 'c')");
      s3tables.counters().reset();
      assertThat(rows(count)).containsExactly("3|2");
      assertThat(dataFilesRead()).isEmpty();
    }
  }

  @Test
  void parametersAreBoundBeforeThePathIsChosen() throws SQLException {
    String sql = "select count(*) from tpch.lineitem where l_shipdate >= ? and l_shipdate < ?";
    try (PreparedStatement count = connection.prepareStatement(sql)) {
      for (String[] range : new String[][] {{"1995-03-01", "1995-04-01"}, {"1995-03-16", "1995-04-01"}}) {
        LocalDate from = LocalDate.parse(range[0]);
        LocalDate to = LocalDate.parse(range[1]);
        count.setDate(1, java.sql.Date.valueOf(from));
        count.setDate(2, java.sql.Date.valueOf(to));
        s3tables.counters().reset();
        List<String> rows = rows(count);
        long expected = oracleCount("tpch", "lineitem", r -> !shipdate(r).isBefore(from) && shipdate(r).isBefore(to));
        assertThat(rows).as("from %s", from).containsExactly(String.valueOf(expected));
        assertThat(dataFilesRead().isEmpty())
            .as("answered from metadata from %s", from)
            .isEqualTo(from.getDayOfMonth() == 1);
      }
    }
  }

  private static List<String> rows(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      return Oracle.rows(rs);
    }
  }

  @Test
  void countOfAColumnIsRecordsLessNulls() throws SQLException {
    List<String> columns =
        List.of("id", "col_boolean", "col_int", "col_long", "col_float", "col_double", "col_decimal_38_10",
            "col_decimal_9_2", "col_date", "col_time", "col_timestamp", "col_timestamptz", "col_string", "col_uuid",
            "col_fixed", "col_binary");
    String counts = columns.stream().map(c -> "count(" + c + ")").collect(Collectors.joining(", "));
    StringBuilder expected = new StringBuilder();
    for (String column : columns) {
      long nonNull = AllTypesTable.expectedRows().stream().filter(r -> r.getField(column) != null).count();
      expected.append(expected.length() == 0 ? "" : "|").append(nonNull);
    }
    Answer answer = ask("select " + counts + " from demo.all_types");
    assertThat(answer.rows()).containsExactly(expected.toString());
    assertThat(answer.dataFilesRead()).isEmpty();
    assertThat(Arrays.stream(expected.toString().split("\\|")).distinct())
        .as("the table has NULLs")
        .hasSizeGreaterThan(1);
  }

  @Test
  void countOfAColumnWithoutMetricsReadsTheRows() throws SQLException {
    execute("create table counts.no_metrics (id bigint not null, note varchar)"
        + " with ('write.metadata.metrics.default' = 'none')");
    execute("insert into counts.no_metrics values (1, 'a'), (2, null), (3, 'c')");
    Answer rows = ask("select count(*), count(id) from counts.no_metrics");
    assertThat(rows.rows()).containsExactly("3|3");
    assertThat(rows.dataFilesRead()).as("record counts and a required column need no metrics").isEmpty();
    Answer notes = ask("select count(note) from counts.no_metrics");
    assertThat(notes.rows()).containsExactly("2");
    assertThat(notes.dataFilesRead()).isNotEmpty();
  }

  @Test
  void minAndMaxComeFromBoundsAndEqualTheRowsAggregate() throws SQLException {
    assertSameAsScanned("demo", "all_types", "id",
        "min(col_int), max(col_int), min(col_long), max(col_long), min(col_date), max(col_date),"
            + " min(col_timestamp), max(col_timestamp), min(col_timestamptz), max(col_timestamptz),"
            + " min(col_decimal_38_10), max(col_decimal_38_10), min(col_decimal_9_2), max(col_decimal_9_2)");
    assertSameAsScanned("tpch", "lineitem", "l_orderkey",
        "count(*), min(l_orderkey), max(l_orderkey), min(l_linenumber), max(l_linenumber),"
            + " min(l_extendedprice), max(l_extendedprice), min(l_shipdate), max(l_shipdate), count(l_comment)");
  }

  /** The aggregates answered from metadata, without reading data, equal Calcite's aggregate of the rows read. */
  private void assertSameAsScanned(String namespace, String table, String anyColumn, String aggregates)
      throws SQLException {
    String sql = "select " + aggregates + " from " + namespace + "." + table;
    String oracleSql = sql + " where " + NOT_PUSHED.formatted(anyColumn);
    assertThat(plan(sql)).contains("EnumerableIcebergMetadataAggregate");
    assertThat(plan(oracleSql)).doesNotContain("MetadataAggregate").contains("EnumerableAggregate");
    Answer answer = ask(sql);
    assertThat(answer.dataFilesRead()).isEmpty();
    assertThat(answer.rows()).isEqualTo(query(oracleSql)).hasSize(1);
  }

  @Test
  void otherAggregatesStayWithCalcite() throws SQLException {
    for (String sql :
        List.of(
            "select min(l_comment) from tpch.lineitem",
            "select max(l_discount * 2) from tpch.lineitem",
            "select count(distinct l_orderkey) from tpch.lineitem",
            "select sum(l_quantity) from tpch.lineitem",
            "select l_returnflag, count(*) from tpch.lineitem group by l_returnflag",
            "select count(*) from tpch.lineitem where upper(l_comment) like '%X%'",
            "select count(*) from (select * from tpch.lineitem limit 10)",
            "select count(o_custkey) within distinct (o_custkey) from tpch.orders",
            "select count(*) within distinct (o_custkey) from tpch.orders")) {
      assertThat(plan(sql)).as(sql).doesNotContain("MetadataAggregate");
    }
    assertThat(query("select count(o_custkey) within distinct (o_custkey) from tpch.orders"))
        .isEqualTo(query("select count(distinct o_custkey) from tpch.orders"));
  }

  @Test
  void cancelStopsACountThatReadsRows() throws Exception {
    try (Statement s = connection.createStatement()) {
      s3tables.counters().reset();
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(400));
      CompletableFuture<Object> count =
          CompletableFuture.supplyAsync(() -> {
            try (ResultSet rs = s.executeQuery("select count(*) from tpch.lineitem where l_quantity < 24")) {
              rs.next();
              return rs.getLong(1);
            } catch (SQLException e) {
              return e;
            }
          });
      while (dataFilesRead().isEmpty() && !count.isDone()) {
        Thread.sleep(50);
      }
      assertThat(count).as("reading data files").isNotDone();
      s.cancel();
      Object outcome = count.get(30, TimeUnit.SECONDS);
      assertThat(outcome).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getMessage()).containsIgnoringCase("cancel"));

      s3tables.faults().clear();
      assertThat(query("select count(*) from tpch.nation")).containsExactly("25");
    }
  }
}
