package dev.s3tables.harness.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class DemoDataTest {
  private static final double SCALE = 0.01;

  private static InMemoryCatalog catalog;

  @BeforeAll
  static void seed() {
    catalog = newCatalog();
    long start = System.nanoTime();
    DemoData.seed(catalog, SCALE);
    System.out.printf("Seeded scale %s in %d ms%n", SCALE, (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void close() throws IOException {
    catalog.close();
  }

  @Test
  void tpchRowCountsEqualTheGenerators() {
    for (TpchTable<?> tpchTable : TpchTable.getTables()) {
      long expected =
          StreamSupport.stream(tpchTable.createGenerator(SCALE, 1, 1).spliterator(), false).count();
      Table table = catalog.loadTable(TpchTables.identifier(tpchTable));
      assertThat(table.currentSnapshot().summary().get("total-records"))
          .as(tpchTable.getTableName())
          .isEqualTo(Long.toString(expected));
      long fileRecords = 0;
      for (FileScanTask task : planFiles(table)) {
        fileRecords += task.file().recordCount();
      }
      assertThat(fileRecords).as(tpchTable.getTableName()).isEqualTo(expected);
    }
    assertThat(count(catalog.loadTable(TpchTables.identifier(TpchTable.NATION)))).isEqualTo(25);
    assertThat(count(catalog.loadTable(TpchTables.identifier(TpchTable.REGION)))).isEqualTo(5);
  }

  @Test
  void tpchSchemasFollowTrinosTypes() {
    Schema lineitem = catalog.loadTable(TpchTables.identifier(TpchTable.LINE_ITEM)).schema();
    assertThat(lineitem.columns())
        .extracting(Types.NestedField::name)
        .containsExactly(
            "l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice",
            "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate",
            "l_receiptdate", "l_shipinstruct", "l_shipmode", "l_comment");
    assertThat(lineitem.columns()).allMatch(Types.NestedField::isRequired);
    assertThat(lineitem.findType("l_orderkey")).isEqualTo(Types.LongType.get());
    assertThat(lineitem.findType("l_linenumber")).isEqualTo(Types.IntegerType.get());
    assertThat(lineitem.findType("l_quantity")).isEqualTo(Types.DecimalType.of(15, 2));
    assertThat(lineitem.findType("l_extendedprice")).isEqualTo(Types.DecimalType.of(15, 2));
    assertThat(lineitem.findType("l_shipdate")).isEqualTo(Types.DateType.get());
    assertThat(lineitem.findType("l_comment")).isEqualTo(Types.StringType.get());

    Schema partsupp = catalog.loadTable(TpchTables.identifier(TpchTable.PART_SUPPLIER)).schema();
    assertThat(partsupp.findType("ps_availqty")).isEqualTo(Types.IntegerType.get());
    assertThat(partsupp.findType("ps_supplycost")).isEqualTo(Types.DecimalType.of(15, 2));
    assertThat(catalog.loadTable(TpchTables.identifier(TpchTable.NATION)).schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("n_nationkey", "n_name", "n_regionkey", "n_comment");
  }

  @Test
  void tpchTablePropertiesAndFiles() {
    for (TpchTable<?> tpchTable : TpchTable.getTables()) {
      Table table = catalog.loadTable(TpchTables.identifier(tpchTable));
      assertThat(table.properties())
          .containsEntry("comment", "TPC-H " + tpchTable.getTableName() + " at scale 0.01")
          .containsEntry(TpchTables.SCALE_FACTOR_PROPERTY, "0.01")
          .containsEntry(TableProperties.PARQUET_COMPRESSION, "zstd");
      assertThat(planFiles(table))
          .allSatisfy(task -> assertThat(task.file().format()).isEqualTo(FileFormat.PARQUET));
    }
  }

  @Test
  void tpchValuesEqualTheGenerators() {
    Table nation = catalog.loadTable(TpchTables.identifier(TpchTable.NATION));
    List<Record> expected = new ArrayList<>();
    TpchTables.rows(TpchTable.NATION, nation.schema(), SCALE, 1, 1).forEach(expected::add);
    assertThat(readSorted(nation, "n_nationkey")).isEqualTo(expected);
    assertThat(expected.get(0).getField("n_name")).isEqualTo("ALGERIA");

    Table lineitem = catalog.loadTable(TpchTables.identifier(TpchTable.LINE_ITEM));
    // The generator's first line: 1|1552|93|1|17|24710.35|0.04|0.02|N|O|1996-03-13|...
    List<Record> lineitems = read(lineitem);
    assertThat(lineitems).hasSize(60_175);
    Record first =
        lineitems.stream()
            .filter(row -> row.getField("l_orderkey").equals(1L))
            .filter(row -> row.getField("l_linenumber").equals(1))
            .findFirst()
            .orElseThrow();
    assertThat(first.getField("l_partkey")).isEqualTo(1552L);
    assertThat(first.getField("l_quantity")).hasToString("17.00");
    assertThat(first.getField("l_extendedprice")).hasToString("24710.35");
    assertThat(first.getField("l_discount")).hasToString("0.04");
    assertThat(first.getField("l_shipdate")).isEqualTo(LocalDate.of(1996, 3, 13));
  }

  @Test
  void lineitemIsPartitionedByShipMonthAndOrdersByYear() {
    assertPartitionedBy(TpchTable.LINE_ITEM, "l_shipdate", "month");
    assertPartitionedBy(TpchTable.ORDERS, "o_orderdate", "year");
    for (TpchTable<?> other : TpchTable.getTables()) {
      if (other != TpchTable.LINE_ITEM && other != TpchTable.ORDERS) {
        assertThat(catalog.loadTable(TpchTables.identifier(other)).spec().isUnpartitioned()).isTrue();
      }
    }
  }

  @Test
  void pointsHoldTheirThreeRows() {
    Table points = catalog.loadTable(PointsTable.IDENTIFIER);
    assertThat(points.schema().sameSchema(PointsTable.SCHEMA)).isTrue();
    assertThat(points.schema().columns()).allMatch(Types.NestedField::isOptional);
    assertThat(readSorted(points, "y")).isEqualTo(PointsTable.expectedRows());
  }

  @Test
  void allTypesReadBackAsWritten() {
    Table table = catalog.loadTable(AllTypesTable.IDENTIFIER);
    assertThat(TableUtil.formatVersion(table)).isEqualTo(2);
    assertThat(table.schema().sameSchema(AllTypesTable.SCHEMA)).isTrue();
    assertThat(table.schema().identifierFieldNames()).containsExactly("id");
    assertThat(table.properties()).containsKey("comment");
    assertThat(allFields(table.schema().asStruct()))
        .allSatisfy(field -> assertThat(field.doc()).as(field.name()).isNotBlank());

    List<Record> expected = AllTypesTable.expectedRows();
    List<Record> actual = readSorted(table, "id");
    assertThat(actual).hasSameSizeAs(expected);
    for (int row = 0; row < expected.size(); row++) {
      assertSameValue(table.schema().asStruct(), expected.get(row), actual.get(row), "row " + (row + 1));
    }
    // Boxed Float and Double equality compares bits, so NaN equals NaN and -0.0 differs from 0.0.
    assertThat(actual).isEqualTo(expected);

    Record negativeZero = actual.get(7);
    Record positiveZero = actual.get(8);
    assertThat(Double.doubleToRawLongBits((Double) negativeZero.getField("col_double")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Float.floatToRawIntBits((Float) negativeZero.getField("col_float")))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(Double.doubleToRawLongBits((Double) positiveZero.getField("col_double"))).isZero();
    assertThat((Double) actual.get(4).getField("col_double")).isNaN();
    assertThat((Float) actual.get(4).getField("col_float")).isNaN();
    Record allNull = actual.get(0);
    assertThat(IntStream.range(1, allNull.size()).mapToObj(allNull::get)).containsOnlyNulls();
  }

  @Test
  void seedingAgainChangesNothing() {
    Map<TableIdentifier, Long> before = currentSnapshots();
    DemoData.seed(catalog, SCALE);
    DemoData.seed(catalog, 1.0); // existing tables are skipped whatever the scale
    assertThat(currentSnapshots()).isEqualTo(before);
    for (TableIdentifier identifier : before.keySet()) {
      Iterable<Snapshot> snapshots = catalog.loadTable(identifier).snapshots();
      assertThat(snapshots).as(identifier.toString()).hasSize(1);
    }
    assertThat(before).hasSize(10);
  }

  @Test
  void rowWriterRollsAtTheTargetFileSize() {
    Schema schema = new Schema(Types.NestedField.required(1, "n", Types.LongType.get()));
    Table table = scratchTable("rolling", schema, PartitionSpec.unpartitioned(), "1");

    Snapshot snapshot = IcebergRowWriter.append(table, numbers(schema, 10_500));

    assertThat(table.snapshots()).hasSize(1);
    assertThat(snapshot.summary()).containsEntry("added-records", "10500");
    // The size is checked every 1,000 rows.
    assertThat(planFiles(table))
        .hasSize(11)
        .extracting(task -> task.file().recordCount())
        .containsOnly(1000L, 500L);
    assertThat(count(table)).isEqualTo(10_500);
  }

  @Test
  void rowWriterWritesMorePartitionsThanItKeepsOpenInFurtherPasses() {
    int partitions = IcebergRowWriter.MAX_OPEN_FILES * 2 + 1;
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "n", Types.LongType.get()),
            Types.NestedField.required(2, "day", Types.DateType.get()));
    Table table =
        scratchTable(
            "passes", schema, PartitionSpec.builderFor(schema).day("day").build(), "536870912");
    Record template = GenericRecord.create(schema);
    Iterable<Record> rows =
        () ->
            LongStream.range(0, partitions * 10L)
                .mapToObj(
                    n -> template.copy(Map.of("n", n, "day", LocalDate.EPOCH.plusDays(n % partitions))))
                .iterator();

    IcebergRowWriter.append(table, rows);

    assertThat(table.snapshots()).hasSize(1);
    List<FileScanTask> files = planFiles(table);
    assertThat(files)
        .hasSize(partitions)
        .allSatisfy(task -> assertThat(task.file().recordCount()).isEqualTo(10));
    assertThat(files.stream().map(task -> task.file().partition().get(0, Integer.class)).distinct())
        .hasSize(partitions);
    assertThat(count(table)).isEqualTo(partitions * 10L);
  }

  @Test
  void seedRejectsBadArguments() {
    assertThatThrownBy(() -> DemoData.seed(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> DemoData.seed(catalog, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DemoData.seed(catalog, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Scale 1 timing, run by hand:
   * {@code mvn -q -pl test-harness test -Dtest=DemoDataTest -Ddemo.scale1=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "demo.scale1", matches = "true")
  void seedScaleOne() throws IOException {
    try (InMemoryCatalog big = newCatalog()) {
      long start = System.nanoTime();
      DemoData.seed(big, 1);
      long millis = (System.nanoTime() - start) / 1_000_000;
      Runtime runtime = Runtime.getRuntime();
      System.out.printf(
          "Seeded scale 1 in %d ms with %d threads (heap in use %d MB of max %d MB)%n",
          millis,
          runtime.availableProcessors(),
          (runtime.totalMemory() - runtime.freeMemory()) >> 20,
          runtime.maxMemory() >> 20);
      Table lineitem = big.loadTable(TpchTables.identifier(TpchTable.LINE_ITEM));
      assertThat(lineitem.currentSnapshot().summary()).containsEntry("total-records", "6001215");
      assertThat(lineitem.snapshots()).hasSize(1);
    }
  }

  private static Table scratchTable(
      String name, Schema schema, PartitionSpec spec, String targetFileSize) {
    InMemoryCatalog scratch = newCatalog();
    scratch.createNamespace(DemoData.DEMO);
    return scratch
        .buildTable(TableIdentifier.of(DemoData.DEMO, name), schema)
        .withPartitionSpec(spec)
        .withProperty(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, targetFileSize)
        .create();
  }

  private static Iterable<Record> numbers(Schema schema, long count) {
    Record template = GenericRecord.create(schema);
    return () -> LongStream.range(0, count).mapToObj(n -> template.copy(Map.of("n", n))).iterator();
  }

  private static InMemoryCatalog newCatalog() {
    InMemoryCatalog newCatalog = new InMemoryCatalog();
    newCatalog.initialize("demo-data-test", Map.of());
    return newCatalog;
  }

  private static void assertPartitionedBy(TpchTable<?> tpchTable, String column, String transform) {
    Table table = catalog.loadTable(TpchTables.identifier(tpchTable));
    assertThat(table.spec().fields()).hasSize(1);
    PartitionField field = table.spec().fields().get(0);
    assertThat(table.schema().findColumnName(field.sourceId())).isEqualTo(column);
    assertThat(field.transform()).hasToString(transform);
    List<FileScanTask> tasks = planFiles(table);
    assertThat(tasks).hasSizeGreaterThan(1);
    assertThat(tasks)
        .allSatisfy(task -> assertThat(task.file().partition().get(0, Integer.class)).isNotNull());
  }

  private static Map<TableIdentifier, Long> currentSnapshots() {
    Map<TableIdentifier, Long> snapshots = new HashMap<>();
    for (TableIdentifier identifier : catalog.listTables(DemoData.TPCH)) {
      snapshots.put(identifier, catalog.loadTable(identifier).currentSnapshot().snapshotId());
    }
    for (TableIdentifier identifier : catalog.listTables(DemoData.DEMO)) {
      snapshots.put(identifier, catalog.loadTable(identifier).currentSnapshot().snapshotId());
    }
    return snapshots;
  }

  private static List<FileScanTask> planFiles(Table table) {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      List<FileScanTask> list = new ArrayList<>();
      tasks.forEach(list::add);
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(Table table) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      long count = 0;
      for (Record ignored : rows) {
        count++;
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Record> read(Table table) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      List<Record> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a small table, sorted by a column of unique long values. */
  private static List<Record> readSorted(Table table, String column) {
    List<Record> rows = read(table);
    rows.sort(Comparator.comparing(row -> (Long) row.getField(column)));
    return rows;
  }

  private static List<Types.NestedField> allFields(Types.StructType struct) {
    List<Types.NestedField> fields = new ArrayList<>();
    for (Types.NestedField field : struct.fields()) {
      fields.add(field);
      if (field.type().isStructType()) {
        fields.addAll(allFields(field.type().asStructType()));
      }
    }
    return fields;
  }

  /** Compares value by value: floats by {@link Double#compare}, byte arrays and buffers by content. */
  private static void assertSameValue(Type type, Object expected, Object actual, String where) {
    if (expected == null || actual == null) {
      assertThat(actual).as(where).isEqualTo(expected);
      return;
    }
    switch (type.typeId()) {
      case FLOAT, DOUBLE -> {
        double actualValue = ((Number) actual).doubleValue();
        double expectedValue = ((Number) expected).doubleValue();
        assertThat(Double.compare(actualValue, expectedValue))
            .as(where + ": " + actual + " vs " + expected)
            .isZero();
      }
      case FIXED -> assertThat((byte[]) actual).as(where).isEqualTo((byte[]) expected);
      case BINARY -> assertThat((ByteBuffer) actual).as(where).isEqualTo((ByteBuffer) expected);
      case STRUCT -> {
        List<Types.NestedField> fields = type.asStructType().fields();
        for (int i = 0; i < fields.size(); i++) {
          Types.NestedField field = fields.get(i);
          assertSameValue(
              field.type(),
              ((Record) expected).get(i),
              ((Record) actual).get(i),
              where + "." + field.name());
        }
      }
      default -> assertThat(actual).as(where).isEqualTo(expected);
    }
  }
}
