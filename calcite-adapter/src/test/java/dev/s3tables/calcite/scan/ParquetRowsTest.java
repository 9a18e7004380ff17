package dev.s3tables.calcite.scan;

import static org.apache.iceberg.expressions.Expressions.alwaysTrue;
import static org.apache.iceberg.expressions.Expressions.and;
import static org.apache.iceberg.expressions.Expressions.equal;
import static org.apache.iceberg.expressions.Expressions.greaterThan;
import static org.apache.iceberg.expressions.Expressions.in;
import static org.apache.iceberg.expressions.Expressions.isNaN;
import static org.apache.iceberg.expressions.Expressions.isNull;
import static org.apache.iceberg.expressions.Expressions.lessThan;
import static org.apache.iceberg.expressions.Expressions.lessThanOrEqual;
import static org.apache.iceberg.expressions.Expressions.not;
import static org.apache.iceberg.expressions.Expressions.notEqual;
import static org.apache.iceberg.expressions.Expressions.notNull;
import static org.apache.iceberg.expressions.Expressions.or;
import static org.apache.iceberg.expressions.Expressions.startsWith;
import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CombinedScanTask;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct Parquet reader gives, file by file, exactly the rows and values Iceberg's generic
 * reader gives for the same scan task: every supported type with NULLs and NaN, dictionary and
 * plain pages, several row groups per file, an identity partition, int to long and float to double
 * promotions, a decimal widened, a column renamed and one added after files were written, file
 * paths and row positions, and residual filters that the statistics cannot decide. Files it
 * cannot read the same way (no field ids, nested columns) go to Iceberg's reader.
 */
class ParquetRowsTest {
  private static final int FILES = 4;
  private static final int ROWS = 3000;

  private Table table;

  @BeforeEach
  void writeFiles() {
    Schema schema = new Schema(
        required(1, "id", Types.IntegerType.get()),
        optional(2, "n", Types.IntegerType.get()),
        optional(3, "day", Types.DateType.get()),
        optional(4, "at", Types.TimeType.get()),
        optional(5, "ts", Types.TimestampType.withoutZone()),
        optional(6, "tstz", Types.TimestampType.withZone()),
        optional(7, "name", Types.StringType.get()),
        optional(8, "note", Types.StringType.get()),
        optional(9, "small", Types.DecimalType.of(7, 2)),
        optional(10, "mid", Types.DecimalType.of(18, 4)),
        optional(11, "wide", Types.DecimalType.of(30, 3)),
        optional(12, "f", Types.FloatType.get()),
        optional(13, "d", Types.DoubleType.get()),
        optional(14, "flag", Types.BooleanType.get()),
        required(15, "region", Types.StringType.get()));
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("files", Map.of());
    catalog.createNamespace(Namespace.of("ns"));
    table = catalog.createTable(TableIdentifier.of("ns", "t"), schema,
        PartitionSpec.builderFor(schema).identity("region").build(),
        Map.of(TableProperties.PARQUET_DICT_SIZE_BYTES, "2048", TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, "16384",
            TableProperties.PARQUET_PAGE_SIZE_BYTES, "2048"));
    append(0);
    append(1);
    table.updateSchema()
        .updateColumn("n", Types.LongType.get())
        .updateColumn("f", Types.DoubleType.get())
        .updateColumn("small", Types.DecimalType.of(12, 2))
        .renameColumn("name", "label")
        .addColumn("added", Types.StringType.get())
        .commit();
    append(2);
    append(3);
  }

  private void append(int file) {
    Schema schema = table.schema();
    String region = file % 2 == 0 ? "east" : "west";
    String path = table.locationProvider().newDataLocation("f" + file + ".parquet");
    PartitionKey partition = new PartitionKey(table.spec(), schema);
    Record key = GenericRecord.create(schema);
    key.setField("region", region);
    partition.partition(key);
    try (DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(path))
        .schema(schema).withSpec(table.spec()).withPartition(partition).createWriterFunc(GenericParquetWriter::create)
        .setAll(table.properties()).overwrite().build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(row(schema, file, i, region));
      }
      writer.close();
      DataFile data = writer.toDataFile();
      table.newAppend().appendFile(data).commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Record row(Schema schema, int file, int i, String region) {
    int id = file * ROWS + i;
    boolean promoted = schema.findField("added") != null;
    Record row = GenericRecord.create(schema);
    row.setField("id", id);
    row.setField("n", i % 7 == 0 ? null : promoted ? 3_000_000_000L + i % 90 : (Object) (i % 90 - 45));
    row.setField("day", i % 9 == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(i % 400 - 200));
    row.setField("at", i % 10 == 0 ? null : LocalTime.ofNanoOfDay((i * 7_777_777_001L) % 86_400_000_000_000L / 1000 * 1000));
    row.setField("ts", i % 11 == 0 ? null : LocalDateTime.of(1969, 12, 31, 23, 59).plusNanos(i * 123_456_789_000L + 1000));
    row.setField("tstz", i % 12 == 0 ? null
        : OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC).minusNanos(i * 98_765_432_000L + 3000));
    row.setField(promoted ? "label" : "name", i % 13 == 0 ? null : "name-" + (i % 40));
    row.setField("note", i % 14 == 0 ? null : "a note long enough to leave a small dictionary soon, " + id);
    row.setField("small", i % 15 == 0 ? null : BigDecimal.valueOf(i % 500 - 250, 2));
    row.setField("mid", i % 16 == 0 ? null : BigDecimal.valueOf(id * 1_000_003L - 7, 4));
    row.setField("wide", i % 17 == 0 ? null : new BigDecimal("123456789012345678901234567.891").subtract(BigDecimal.valueOf(id, 3)));
    float f = i % 19 == 0 ? Float.NaN : (i % 100) / 8.0f - 3;
    row.setField("f", i % 18 == 0 ? null : promoted ? (Object) (double) f : (Object) f);
    row.setField("d", i % 20 == 0 ? null : i % 21 == 0 ? Double.NaN : (i % 300) / 16.0 - 9);
    row.setField("flag", i % 22 == 0 ? null : i % 3 == 0);
    row.setField("region", region);
    if (promoted) {
      row.setField("added", i % 23 == 0 ? null : "added-" + (i % 5));
    }
    return row;
  }

  @Test
  void everyFileHasSeveralRowGroupsAndPlainAsWellAsDictionaryPages() throws IOException {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        try (ParquetFileReader reader = ParquetFileReader.open(ParquetInput.of(table.io(), task.file()))) {
          assertThat(reader.getRowGroups()).hasSizeGreaterThan(2);
          var note = reader.getRowGroups().get(0).getColumns().get(7).getEncodingStats();
          assertThat(note.hasNonDictionaryEncodedPages()).isTrue();
          var name = reader.getRowGroups().get(0).getColumns().get(6).getEncodingStats();
          assertThat(name.hasNonDictionaryEncodedPages()).isFalse();
        }
      }
    }
  }

  @Test
  void givesTheRowsIcebergsReaderGivesForEveryFilter() throws IOException {
    List<Expression> filters = List.of(
        alwaysTrue(),
        equal("id", 4321), lessThan("n", 0L), greaterThan("n", 3_000_000_080L), isNull("n"),
        equal("day", "2024-02-03"), lessThan("at", "06:00:00"), greaterThan("ts", "1970-01-02T00:00:00.000001"),
        lessThanOrEqual("tstz", "2024-01-20T00:00:00.000003+00:00"),
        equal("label", "name-7"), startsWith("label", "name-1"), in("label", "name-3", "name-39", "nobody"),
        startsWith("note", "a note long enough to leave a small dictionary soon, 12"),
        lessThan("small", new BigDecimal("-1.50")), greaterThan("mid", new BigDecimal("5000000.0000")),
        lessThan("wide", new BigDecimal("123456789012345678901234566.000")),
        isNaN("f"), greaterThan("f", 5.0), not(isNaN("d")), lessThan("d", 0.0), notEqual("d", 1.0),
        equal("flag", true), isNull("added"), equal("added", "added-2"), notNull("added"),
        equal("region", "west"), and(equal("region", "east"), lessThan("id", 100)),
        or(equal("label", "name-5"), isNaN("d")), and(lessThan("small", BigDecimal.ZERO), equal("flag", false)));
    for (Expression filter : filters) {
      assertSameRows(table.newScan().filter(filter));
      assertSameRows(table.newScan().filter(filter).select("id", "label", "d", "region"));
    }
  }

  @Test
  void givesFilePathsAndRowPositionsAsIcebergsReaderDoes() throws IOException {
    TableScan scan = table.newScan().filter(greaterThan("d", 3.0));
    assertSameRows(RowIds.project(scan, List.of("id", "note")));
    assertSameRows(RowIds.project(table.newScan(), List.of("mid")));
  }

  @Test
  void leavesFilesWithDeletesAndNestedColumnsToIcebergsReader() throws IOException {
    table.updateSchema().addColumn("tags", Types.ListType.ofOptional(100, Types.StringType.get())).commit();
    TableScan scan = table.newScan();
    assertThat(ParquetRows.supports(scan.schema())).isFalse();
    assertThat(ParquetRows.supports(scan.select("id", "label").schema())).isTrue();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        try (FileRows rows = new ScanFiles(scan, false).open(task)) {
          assertThat(rows).isNotInstanceOf(ParquetRows.class);
        }
      }
    }
  }

  @Test
  void leavesFilesWithoutFieldIdsToIcebergsReader(@TempDir Path dir) throws IOException {
    MessageType type = MessageTypeParser.parseMessageType(
        "message imported { required int32 id; optional binary label (STRING); }");
    Path local = dir.resolve("imported.parquet");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(local)).withType(type)
        .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (int i = 0; i < 10; i++) {
        writer.write(groups.newGroup().append("id", 100_000 + i).append("label", "imported-" + i));
      }
    }
    table.updateProperties()
        .set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(table.schema())))
        .commit();
    appendFile(local, "region=north", 10);

    // Only optional columns: a required one missing from a file also sends it to Iceberg's reader.
    TableScan scan = table.newScan().filter(equal("region", "north")).select("label");
    int files = 0;
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        try (FileRows rows = new ScanFiles(scan, false).open(task)) {
          assertThat(rows).isNotInstanceOf(ParquetRows.class);
          files++;
        }
      }
    }
    assertThat(files).isEqualTo(1);
  }

  @Test
  void givesEveryRowOnceWhenFilesAreSplitIntoTasks() throws IOException {
    // The same files again without split offsets: Iceberg splits those at fixed sizes, through row groups.
    List<DataFile> written = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> written.add(task.file()));
    }
    AppendFiles append = table.newAppend();
    written.forEach(file -> append.appendFile(DataFiles.builder(table.spec()).copy(file).withSplitOffsets(null).build()));
    append.commit();

    TableScan scan = table.newScan().option(TableProperties.SPLIT_SIZE, "8192");
    List<FileScanTask> tasks = splitTasks(scan);
    int straddling = 0;
    int someRowGroups = 0;
    for (FileScanTask task : tasks) {
      try (ParquetFileReader reader = ParquetFileReader.open(ParquetInput.of(table.io(), task.file()))) {
        List<BlockMetaData> rowGroups =
            ParquetFooters.rowGroupsOf(reader.getFooter(), task.start(), task.start() + task.length());
        straddling += rowGroups == null ? 1 : 0;
        someRowGroups += rowGroups != null && rowGroups.size() < reader.getRowGroups().size() ? 1 : 0;
      }
    }
    assertThat(straddling).as("tasks whose range cuts a row group").isPositive();
    assertThat(someRowGroups).as("tasks with some of their file's row groups").isPositive();
    assertThat(assertSameRows(scan, tasks)).isEqualTo(2 * FILES * ROWS);
    TableScan filtered = scan.filter(lessThan("d", 0.0)).select("id", "d");
    assertSameRows(filtered, splitTasks(filtered));
  }

  private static List<FileScanTask> splitTasks(TableScan scan) throws IOException {
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<CombinedScanTask> combined = scan.planTasks()) {
      combined.forEach(task -> tasks.addAll(task.files()));
    }
    return tasks;
  }

  @Test
  void readsVersion2PagesAsIcebergsReaderDoes(@TempDir Path dir) throws IOException {
    MessageType type = MessageTypeParser.parseMessageType("message v2 { required int32 id = 1; optional int64 n = 2;"
        + " optional int32 day (DATE) = 3; optional binary label (STRING) = 7; optional binary note (STRING) = 8;"
        + " optional double d = 13; optional boolean flag = 14; }");
    Path local = dir.resolve("v2.parquet");
    int rows = 5000;
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(local)).withType(type)
        .withConf(new PlainParquetConfiguration()).withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
        .withPageSize(1024).withDictionaryPageSize(1024).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (int i = 0; i < rows; i++) {
        Group row = groups.newGroup().append("id", 200_000 + i);
        appendIfSet(row, "n", i % 7 == 0 ? null : (long) (i % 50));
        appendIfSet(row, "day", i % 9 == 0 ? null : i % 30);
        appendIfSet(row, "label", i % 13 == 0 ? null : "label-" + i % 20);
        appendIfSet(row, "note", i % 5 == 0 ? null : "note " + i);
        appendIfSet(row, "d", i % 11 == 0 ? null : i % 21 == 0 ? Double.NaN : i / 4.0);
        appendIfSet(row, "flag", i % 3 == 0 ? null : i % 2 == 0);
        writer.write(row);
      }
    }
    appendFile(local, "region=v2", rows);

    TableScan scan = table.newScan().filter(equal("region", "v2"));
    List<FileScanTask> tasks = splitTasks(scan);
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetInput.of(table.io(), tasks.get(0).file()))) {
      var label = reader.getFooter().getFileMetaData().getSchema().getColumnDescription(new String[] {"label"});
      var chunk = reader.getRowGroups().get(0).getColumns().get(3);
      assertThat(PageValues.decodes(chunk, label)).isTrue();
      assertThat(reader.readRowGroup(0).getPageReader(label).readPage()).isInstanceOf(DataPageV2.class);
    }
    assertThat(assertSameRows(scan, tasks)).isEqualTo(rows);
    TableScan filtered = scan.filter(lessThan("d", 600.0)).filter(in("label", "label-3", "label-4")).select("id", "n");
    assertSameRows(filtered, splitTasks(filtered));
  }

  private static void appendIfSet(Group row, String field, Object value) {
    if (value instanceof Long v) {
      row.append(field, v);
    } else if (value instanceof Integer v) {
      row.append(field, v);
    } else if (value instanceof String v) {
      row.append(field, v);
    } else if (value instanceof Double v) {
      row.append(field, v);
    } else if (value instanceof Boolean v) {
      row.append(field, v);
    }
  }

  /** A Parquet file written elsewhere, added to the table as a data file of the partition. */
  private void appendFile(Path local, String partitionPath, long records) throws IOException {
    String path = table.locationProvider().newDataLocation(local.getFileName().toString());
    try (OutputStream out = table.io().newOutputFile(path).create()) {
      out.write(Files.readAllBytes(local));
    }
    table.newAppend().appendFile(DataFiles.builder(table.spec()).withPath(path).withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(Files.size(local)).withRecordCount(records).withPartitionPath(partitionPath).build())
        .commit();
  }

  /** Every task of the scan read both ways: the same rows in the same order, value for value. */
  private void assertSameRows(TableScan scan) throws IOException {
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      int rowsSeen = assertSameRows(scan, tasks);
      if (scan.filter().op() == Expression.Operation.TRUE) {
        assertThat(rowsSeen).isEqualTo(FILES * ROWS);
      }
    }
  }

  private static int assertSameRows(TableScan scan, Iterable<FileScanTask> tasks) throws IOException {
    Schema readSchema = scan.schema();
    assertThat(ParquetRows.supports(readSchema)).as("%s", readSchema).isTrue();
    ScanFiles direct = new ScanFiles(scan, false);
    ScanFiles generic = new ScanFiles(scan, true);
    InternalRecordWrapper internal = new InternalRecordWrapper(readSchema.asStruct());
    int rowsSeen = 0;
    for (FileScanTask task : tasks) {
      try (FileRows fast = direct.open(task); FileRows expected = generic.open(task)) {
        assertThat(fast).isInstanceOf(ParquetRows.class);
        while (expected.next()) {
          assertThat(fast.next()).as("%s: a row is missing", scan.filter()).isTrue();
          assertThat(values(fast.row(), readSchema)).as("%s", scan.filter())
              .isEqualTo(values(internal.wrap(expected.row()), readSchema));
          rowsSeen++;
        }
        assertThat(fast.next()).as("%s: a row too many", scan.filter()).isFalse();
      }
    }
    return rowsSeen;
  }

  private static List<Object> values(StructLike row, Schema schema) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      Object value = row.get(i, Object.class);
      values.add(value instanceof CharSequence text ? text.toString() : value);
    }
    return values;
  }
}
