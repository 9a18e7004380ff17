package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.demo.AllTypesTable;
import dev.s3tables.harness.demo.IcebergRowWriter;
import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables written by another engine read the same through the driver, and tables the driver writes
 * read the same in that engine: Spark 4.1 with Iceberg 1.12's runtime ({@link SparkPeer}) on the
 * same stand-in. Every comparison runs one SQL text in both engines (Spark's default catalog is the
 * bucket, so {@code ns.table} names the same table) and compares every value of every row in the
 * exact, typed form of {@code TypedValues}: same types, decimals with their scale, timestamps to the
 * microsecond, NaN, infinities and -0.0 apart, binary as hex.
 */
@StandIn
// A separate thread, so that a statement stuck in Spark fails the test and @AfterAll can end the child.
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SparkInteropTest {
  private static SparkPeer spark;
  private static Connection driver;
  private static LocalS3Tables s3tables;

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void start(LocalS3Tables standIn) throws Exception {
    s3tables = standIn;
    spark = SparkPeer.start(standIn);
    // Every statement sees the catalog's current metadata, including Spark's latest commit.
    driver = DriverManager.getConnection(standIn.jdbcUrl() + "&metadataCacheTtl=0", standIn.jdbcProperties());
    spark.sql("CREATE NAMESPACE IF NOT EXISTS interop");
  }

  @AfterAll
  static void stop() throws SQLException {
    try {
      if (spark != null) {
        spark.close();
      }
    } finally {
      if (driver != null) {
        driver.close();
      }
    }
  }

  // ---------------------------------------------------------------- tables written by Spark

  @ParameterizedTest(name = "format version {0}")
  @ValueSource(ints = {2, 3})
  void mergeOnReadDeletesUpdatesAndMergesBySpark(int formatVersion) throws Exception {
    String t = "interop.mor_v" + formatVersion;
    spark.sql("CREATE TABLE " + t + " (id bigint, category string, amount decimal(10,2), updated timestamp)"
        + " USING iceberg PARTITIONED BY (category) TBLPROPERTIES ('format-version' = '" + formatVersion + "',"
        + " 'write.delete.mode' = 'merge-on-read', 'write.update.mode' = 'merge-on-read',"
        + " 'write.merge.mode' = 'merge-on-read')");
    spark.sql("INSERT INTO " + t + " SELECT id, element_at(array('a', 'b', 'c'), CAST(id % 3 AS int) + 1),"
        + " CAST(id * 1.25 AS decimal(10,2)), timestamp_seconds(1735689600 + id * 3600) FROM range(1, 101)");
    spark.sql("DELETE FROM " + t + " WHERE id % 7 = 0");
    spark.sql("UPDATE " + t + " SET amount = amount + 1000 WHERE category = 'b' AND id < 30");
    spark.sql("MERGE INTO " + t + " d USING (SELECT id, 'c' AS category, CAST(id AS decimal(10,2)) AS amount,"
        + " timestamp_seconds(1767225600 + id) AS updated FROM range(95, 106)) s ON d.id = s.id"
        + " WHEN MATCHED AND s.id % 2 = 0 THEN DELETE"
        + " WHEN MATCHED THEN UPDATE SET amount = 0"
        + " WHEN NOT MATCHED THEN INSERT *");

    assertThat(deleteFiles(t)).as("delete files Spark wrote").isNotEmpty()
        .allMatch(f -> f.content() == FileContent.POSITION_DELETES);
    List<String> all = assertSameRows("SELECT * FROM " + t + " ORDER BY id");
    // 14 multiples of 7 deleted; the merge deletes 96 and 100 and inserts 98 (deleted before) and 101 to 105
    assertThat(all).hasSize(100 - 14 - 2 + 6);
    assertSameRows("SELECT id, amount FROM " + t + " WHERE category = 'b' ORDER BY id");
    assertSameRows("SELECT id, category FROM " + t + " WHERE id BETWEEN 90 AND 110 ORDER BY id");
    assertSameRows("SELECT category, count(*), sum(amount) FROM " + t + " GROUP BY category ORDER BY category");
    assertSameRows("SELECT count(*), min(id), max(id) FROM " + t);
  }

  @Test
  void equalityAndPositionDeletesWrittenWithIcebergsApi() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, "interop", "api_deletes", 1, 2, 3, 4, 5, 6, 7, 8);
    IcebergTestTables.deletePositions(table, 0, 5);
    IcebergTestTables.deleteIds(table, 3, 4);

    assertThat(assertSameRows("SELECT * FROM interop.api_deletes ORDER BY id"))
        .containsExactly("[long:2, string:\"row 2\"]", "[long:5, string:\"row 5\"]",
            "[long:7, string:\"row 7\"]", "[long:8, string:\"row 8\"]");
    assertSameRows("SELECT id FROM interop.api_deletes WHERE id > 4 ORDER BY id");
    assertSameRows("SELECT count(*) FROM interop.api_deletes");
  }

  @Test
  void addedDroppedRenamedAndWidenedColumnsBySpark() throws Exception {
    String t = "interop.evolved";
    spark.sql("CREATE TABLE " + t + " (id bigint, name string, score int, qty int) USING iceberg"
        + " TBLPROPERTIES ('format-version' = '2')");
    spark.sql("INSERT INTO " + t + " VALUES (1, 'a', 10, 1), (2, 'b', 20, 2), (3, NULL, 30, NULL)");
    spark.sql("ALTER TABLE " + t + " ADD COLUMN note string");
    spark.sql("INSERT INTO " + t + " VALUES (4, 'd', 40, 4, 'fourth')");
    spark.sql("ALTER TABLE " + t + " RENAME COLUMN name TO label");
    spark.sql("ALTER TABLE " + t + " DROP COLUMN score");
    // Same name as the dropped column, new field id: the older rows have no value for it.
    spark.sql("ALTER TABLE " + t + " ADD COLUMN score double");
    spark.sql("ALTER TABLE " + t + " ALTER COLUMN qty TYPE bigint");
    spark.sql("INSERT INTO " + t + " VALUES (5, 'e', 5000000000, 'fifth', 5.5)");

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).contains(
        "[long:1, string:\"a\", long:1, null, null]",
        "[long:5, string:\"e\", long:5000000000, string:\"fifth\", double:5.5]");
    assertSameRows("SELECT id FROM " + t + " WHERE label = 'b'");
    assertSameRows("SELECT id, note FROM " + t + " WHERE note IS NOT NULL ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE score IS NULL ORDER BY id");
    assertSameRows("SELECT id, qty FROM " + t + " WHERE qty > 1 ORDER BY id");
  }

  @Test
  void partitionSpecChangedFromDayToMonthBySpark() throws Exception {
    String t = "interop.events";
    spark.sql("CREATE TABLE " + t + " (id bigint, happened timestamp, kind string) USING iceberg"
        + " PARTITIONED BY (days(happened)) TBLPROPERTIES ('format-version' = '2')");
    spark.sql("INSERT INTO " + t + " SELECT id, timestamp_seconds(1735689600 + id * 86400 + id), concat('k', id % 4)"
        + " FROM range(0, 60)"); // 2025-01-01 on, one row a day
    spark.sql("ALTER TABLE " + t + " REPLACE PARTITION FIELD days(happened) WITH months(happened)");
    spark.sql("INSERT INTO " + t + " SELECT id, timestamp_seconds(1735689600 + (id - 1000) * 86400 + 43200),"
        + " concat('k', id % 4) FROM range(1030, 1120)"); // 2025-01-31 on, over both specs' ranges

    Table table = table(t);
    assertThat(table.specs()).hasSize(2);
    assertThat(dataFileSpecs(table)).containsExactly(0, 1);
    assertSameRows("SELECT * FROM " + t + " ORDER BY id");
    assertSameRows("SELECT id, happened FROM " + t
        + " WHERE happened >= TIMESTAMP '2025-02-10 00:00:00' AND happened < TIMESTAMP '2025-03-05 00:00:00' ORDER BY id");
    assertSameRows("SELECT count(*) FROM " + t + " WHERE happened >= TIMESTAMP '2025-02-01 00:00:00'");
    assertSameRows("SELECT id FROM " + t + " WHERE happened < TIMESTAMP '2025-01-05 00:00:00' OR kind = 'k1' ORDER BY id");
  }

  @Test
  void everyPrimitiveTypeBySpark() throws Exception {
    String t = "interop.spark_types";
    spark.sql("CREATE TABLE " + t + " (id int, c_boolean boolean, c_int int, c_long bigint, c_float float,"
        + " c_double double, c_decimal_38 decimal(38,10), c_decimal_9 decimal(9,2), c_date date, c_timestamptz timestamp,"
        + " c_timestamp timestamp_ntz, c_string string, c_binary binary) USING iceberg"
        + " TBLPROPERTIES ('format-version' = '2')");
    spark.sql("INSERT INTO " + t + " VALUES"
        + " (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
        + " (2, true, 42, 4200000000, CAST(3.14 AS float), 2.718281828459045D, 12345.6789012345, 123.45,"
        + "  DATE '2024-02-29', TIMESTAMP '2024-02-29 12:34:56.789', TIMESTAMP_NTZ '2024-02-29 12:34:56.789',"
        + "  'hello', X'010203'),"
        + " (3, false, -2147483648, -9223372036854775808, CAST('-3.4028235E38' AS float), -1.7976931348623157E308D,"
        + "  -9999999999999999999999999999.9999999999, -9999999.99, DATE '1000-01-01',"
        + "  TIMESTAMP '1000-01-01 00:00:00', TIMESTAMP_NTZ '1000-01-01 00:00:00', '', X''),"
        + " (4, true, 2147483647, 9223372036854775807, CAST('3.4028235E38' AS float), 1.7976931348623157E308D,"
        + "  9999999999999999999999999999.9999999999, 9999999.99, DATE '9999-12-31',"
        + "  TIMESTAMP '9999-12-31 23:59:59.999', TIMESTAMP_NTZ '9999-12-31 23:59:59.999', 'Zürich ✓ 日本 \"q\"', X'ff00'),"
        + " (5, false, 0, 0, CAST('NaN' AS float), CAST('NaN' AS double), 0.0000000001, 0.01, DATE '1969-12-31',"
        + "  TIMESTAMP '1969-12-31 23:59:59.999', TIMESTAMP_NTZ '1969-12-31 23:59:59.999', 'tab\\tnewline\\n', X'00'),"
        + " (6, true, -1, -1, CAST('Infinity' AS float), CAST('-Infinity' AS double), -0.0000000001, -0.01,"
        + "  DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP_NTZ '1970-01-01 00:00:00', 'x', X'7f'),"
        + " (7, NULL, NULL, NULL, CAST('-Infinity' AS float), CAST('-0.0' AS double), 0, 0, NULL, NULL, NULL,"
        + "  NULL, NULL)");

    assertSameRows("SELECT * FROM " + t + " ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE c_float IS NULL ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE c_decimal_9 > 0 ORDER BY id");
    assertSameRows("SELECT id, c_date FROM " + t + " WHERE c_date < DATE '2000-01-01' ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE c_string LIKE 'Z%'");
    assertSameRows("SELECT id FROM " + t + " WHERE c_long BETWEEN -5 AND 5000000000 ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE c_timestamp >= TIMESTAMP '1970-01-01 00:00:00' ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE c_binary = X'010203'");
  }

  /**
   * The driver truncates timestamps to milliseconds (Calcite's runtime holds TIMESTAMP as long
   * milliseconds; README "Types", Limit), so 12:34:56.123456 reads as 12:34:56.123.
   */
  @Test
  @Disabled("driver bug: timestamps are truncated to milliseconds on read")
  void microsecondTimestampsBySpark() throws Exception {
    String t = "interop.spark_micros";
    spark.sql("CREATE TABLE " + t + " (id int, c_timestamptz timestamp, c_timestamp timestamp_ntz) USING iceberg");
    spark.sql("INSERT INTO " + t + " VALUES (1, TIMESTAMP '2024-02-29 12:34:56.123456',"
        + " TIMESTAMP_NTZ '2024-02-29 12:34:56.123456'), (2, TIMESTAMP '1969-12-31 23:59:59.999999',"
        + " TIMESTAMP_NTZ '1969-12-31 23:59:59.999999')");
    assertSameRows("SELECT * FROM " + t + " ORDER BY id");
  }

  /**
   * uuid and fixed, which Spark cannot write, from the rows of demo.all_types written with Iceberg's
   * API. Not time: Iceberg's Spark runtime refuses a table with a time column ("Spark does not
   * support time fields"), so there is nothing to compare with.
   */
  @Test
  void uuidAndFixedWrittenWithIcebergsApi() throws Exception {
    // Its timestamps have microseconds, which the driver truncates (see microsecondTimestampsBySpark).
    Schema schema = AllTypesTable.SCHEMA.select("id", "col_uuid", "col_fixed", "col_binary", "col_string",
        "col_decimal_38_10", "col_date");
    Table table = catalog().createTable(TableIdentifier.of("interop", "api_types"), schema);
    List<Record> rows = new ArrayList<>();
    for (Record full : AllTypesTable.expectedRows()) {
      Record row = GenericRecord.create(schema);
      schema.columns().forEach(c -> row.setField(c.name(), full.getField(c.name())));
      rows.add(row);
    }
    IcebergRowWriter.append(table, rows);

    assertSameRows("SELECT * FROM interop.api_types ORDER BY id");
    assertSameRows("SELECT id FROM interop.api_types WHERE col_uuid = '123e4567-e89b-12d3-a456-426614174000'");
  }

  // ---------------------------------------------------------------- tables written by the driver

  @Test
  void partitionedTableWrittenByTheDriver() throws Exception {
    String t = "interop.driver_orders";
    driver("CREATE TABLE " + t + " (id BIGINT NOT NULL, placed TIMESTAMP, amount DECIMAL(12, 2),"
        + " region VARCHAR, flag BOOLEAN, ratio DOUBLE)"
        + " PARTITIONED BY (day(placed), bucket(4, id), truncate(2, region))");
    driver("INSERT INTO " + t + " VALUES"
        + " (1, TIMESTAMP '2025-03-01 10:00:00', 10.50, 'europe', true, 0.5),"
        + " (2, TIMESTAMP '2025-03-01 23:59:59.999', -3.25, 'asia', false, -1.0E-5),"
        + " (3, NULL, NULL, NULL, NULL, NULL),"
        + " (4, TIMESTAMP '2025-03-02 00:00:00', 0.00, 'eu', true, 1.0E300)");
    try (PreparedStatement insert = driver.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 10; i < 60; i++) {
        insert.setLong(1, i);
        insert.setTimestamp(2, Timestamp.valueOf("2025-03-" + (1 + i % 28 < 10 ? "0" : "") + (1 + i % 28) + " 08:15:30.25"));
        insert.setBigDecimal(3, new BigDecimal(i).movePointLeft(1));
        insert.setString(4, i % 3 == 0 ? "americas" : "europe");
        insert.setBoolean(5, i % 2 == 0);
        insert.setDouble(6, i / 7.0);
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).hasSize(50);
    }
    driver("INSERT INTO " + t + " SELECT id + 1000, placed, amount * 2, region, NOT flag, ratio FROM " + t + " WHERE id < 20");

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).hasSize(4 + 50 + 14);
    assertSameRows("SELECT id, amount FROM " + t + " WHERE region = 'europe' ORDER BY id");
    assertSameRows("SELECT id FROM " + t + " WHERE placed >= TIMESTAMP '2025-03-02 00:00:00'"
        + " AND placed < TIMESTAMP '2025-03-10 00:00:00' ORDER BY id");
    assertSameRows("SELECT region, count(*), sum(amount) FROM " + t + " GROUP BY region ORDER BY region NULLS FIRST");
  }

  @Test
  void columnsAddedDroppedAndRenamedByTheDriver() throws Exception {
    String t = "interop.driver_evolved";
    driver("CREATE TABLE " + t + " (id BIGINT NOT NULL, name VARCHAR, score INTEGER)");
    driver("INSERT INTO " + t + " VALUES (1, 'a', 10), (2, 'b', NULL)");
    driver("ALTER TABLE " + t + " ADD COLUMN note VARCHAR");
    driver("INSERT INTO " + t + " VALUES (3, 'c', 30, 'third')");
    driver("ALTER TABLE " + t + " RENAME COLUMN name TO label");
    driver("ALTER TABLE " + t + " DROP COLUMN score");
    driver("ALTER TABLE " + t + " ADD COLUMN score DOUBLE");
    driver("INSERT INTO " + t + " (id, label, score) VALUES (4, 'd', 4.5)");

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).containsExactly(
        "[long:1, string:\"a\", null, null]",
        "[long:2, string:\"b\", null, null]",
        "[long:3, string:\"c\", string:\"third\", null]",
        "[long:4, string:\"d\", null, double:4.5]");
    assertSameRows("SELECT id FROM " + t + " WHERE label > 'b' ORDER BY id");
  }

  @Test
  void everyPrimitiveTypeWrittenByTheDriver() throws Exception {
    String t = "interop.driver_types";
    driver("CREATE TABLE " + t + " (id INTEGER NOT NULL, c_boolean BOOLEAN, c_int INTEGER, c_long BIGINT,"
        + " c_float REAL, c_double DOUBLE, c_decimal_38 DECIMAL(38, 10), c_decimal_9 DECIMAL(9, 2), c_date DATE,"
        + " c_timestamp TIMESTAMP, c_timestamptz TIMESTAMP WITH LOCAL TIME ZONE, c_string VARCHAR, c_binary VARBINARY)");
    driver("INSERT INTO " + t + " VALUES"
        + " (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
        + " (2, TRUE, 42, 4200000000, CAST(3.14 AS REAL), 2.718281828459045E0, 12345.6789012345, 123.45,"
        + "  DATE '2024-02-29', TIMESTAMP '2024-02-29 12:34:56.789', TIMESTAMP WITH LOCAL TIME ZONE '2024-02-29 12:34:56.789',"
        + "  'hello', X'010203'),"
        + " (3, FALSE, -2147483648, -9223372036854775808, CAST(-3.4028235E38 AS REAL), -1.7976931348623157E308,"
        + "  -9999999999999999999999999999.9999999999, -9999999.99, DATE '1000-01-01',"
        + "  TIMESTAMP '1000-01-01 00:00:00', TIMESTAMP WITH LOCAL TIME ZONE '1000-01-01 00:00:00', '', X''),"
        + " (4, TRUE, 2147483647, 9223372036854775807, CAST(3.4028235E38 AS REAL), 1.7976931348623157E308,"
        + "  9999999999999999999999999999.9999999999, 9999999.99, DATE '9999-12-31',"
        + "  TIMESTAMP '9999-12-31 23:59:59.999', TIMESTAMP WITH LOCAL TIME ZONE '9999-12-31 23:59:59.999',"
        + "  'Zürich ✓ 日本', X'ff00'),"
        + " (5, FALSE, 0, 0, CAST(0.5 AS REAL), -0.0E0, 0.0000000001, 0.01, DATE '1969-12-31',"
        + "  TIMESTAMP '1969-12-31 23:59:59.999', TIMESTAMP WITH LOCAL TIME ZONE '1969-12-31 23:59:59.999', 'x', X'00')");
    try (PreparedStatement insert = driver.prepareStatement("INSERT INTO " + t + " (id, c_float, c_double) VALUES (?, ?, ?)")) {
      float[] floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
      double[] doubles = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
      for (int i = 0; i < floats.length; i++) {
        insert.setInt(1, 6 + i);
        insert.setFloat(2, floats[i]);
        insert.setDouble(3, doubles[i]);
        insert.addBatch();
      }
      insert.executeBatch();
    }

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).hasSize(8);
    assertSameRows("SELECT id FROM " + t + " WHERE c_date < DATE '2000-01-01' ORDER BY id");
  }

  @Test
  void rowsDeletedByTheDriver() throws Exception {
    String t = "interop.driver_deletes";
    driver("CREATE TABLE " + t + " (id BIGINT NOT NULL, category VARCHAR, amount DECIMAL(10, 2))"
        + " PARTITIONED BY (category)");
    driver("INSERT INTO " + t + " VALUES (1, 'a', 1.00), (2, 'b', 2.00), (3, 'a', 3.00), (4, 'b', 4.00), (5, 'c', 5.00)");
    driver("INSERT INTO " + t + " VALUES (6, 'a', 6.00), (7, 'c', 7.00)");
    assertThat(driverUpdateCount("DELETE FROM " + t + " WHERE id IN (2, 6)")).isEqualTo(2);
    assertThat(driverUpdateCount("DELETE FROM " + t + " WHERE category = 'c'")).isEqualTo(2);

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).containsExactly(
        "[long:1, string:\"a\", decimal:1.00]", "[long:3, string:\"a\", decimal:3.00]",
        "[long:4, string:\"b\", decimal:4.00]");
    assertSameRows("SELECT count(*) FROM " + t);
  }

  @Test
  void rowsUpdatedByTheDriver() throws Exception {
    String t = "interop.driver_updates";
    driver("CREATE TABLE " + t + " (id BIGINT NOT NULL, category VARCHAR, amount DECIMAL(10, 2))"
        + " PARTITIONED BY (category)");
    driver("INSERT INTO " + t + " VALUES (1, 'a', 1.00), (2, 'b', 2.00), (3, 'a', 3.00), (4, 'b', 4.00)");
    assertThat(driverUpdateCount("UPDATE " + t + " SET amount = amount * 10 WHERE category = 'a'")).isEqualTo(2);
    // Moves a row to another partition.
    assertThat(driverUpdateCount("UPDATE " + t + " SET category = 'c' WHERE id = 4")).isEqualTo(1);

    assertThat(assertSameRows("SELECT * FROM " + t + " ORDER BY id")).containsExactly(
        "[long:1, string:\"a\", decimal:10.00]", "[long:2, string:\"b\", decimal:2.00]",
        "[long:3, string:\"a\", decimal:30.00]", "[long:4, string:\"c\", decimal:4.00]");
    assertSameRows("SELECT id FROM " + t + " WHERE category = 'c'");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Runs the query in Spark and through the driver and asserts the same rows, value for value and
   * in the same order; returns them.
   */
  private static List<String> assertSameRows(String query) throws Exception {
    List<String> expected = spark.sql(query);
    List<String> actual;
    try (Statement s = driver.createStatement()) {
      actual = TypedRows.of(s.executeQuery(query));
    }
    assertThat(actual).as("driver's rows of %s, against Spark's", query).containsExactlyElementsOf(expected);
    return actual;
  }

  private static void driver(String sql) throws SQLException {
    try (Statement s = driver.createStatement()) {
      s.execute(sql);
    }
  }

  private static int driverUpdateCount(String sql) throws SQLException {
    try (Statement s = driver.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static org.apache.iceberg.catalog.Catalog catalog() {
    return s3tables.bucket("demo").catalog();
  }

  private static Table table(String namespaceDotName) {
    return catalog().loadTable(TableIdentifier.parse(namespaceDotName));
  }

  /** The delete files that a scan of the table's current snapshot applies. */
  private static List<DeleteFile> deleteFiles(String namespaceDotName) throws IOException {
    List<DeleteFile> deletes = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table(namespaceDotName).newScan().planFiles()) {
      tasks.forEach(task -> deletes.addAll(task.deletes()));
    }
    return deletes;
  }

  /** The partition spec ids of the table's live data files. */
  private static Set<Integer> dataFileSpecs(Table table) throws IOException {
    Set<Integer> specs = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> specs.add(task.file().specId()));
    }
    return specs;
  }
}
