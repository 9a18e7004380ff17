package dev.s3tables.calcite.write;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows in Calcite's runtime representation written to a Parquet table go through Iceberg's
 * internal writer; the same rows converted to generic records go through Iceberg's generic writer.
 * Both must give the same files: the same partitions, counts and column statistics, and the same
 * values read back, for every writable type (nested ones too), NULLs, NaN and values before 1970.
 */
class TableWriterTest {
  private static final int ROWS = 2_000;
  private static final Schema SCHEMA = new Schema(
      required(1, "id", Types.IntegerType.get()),
      optional(2, "big", Types.LongType.get()),
      optional(3, "f", Types.FloatType.get()),
      optional(4, "d", Types.DoubleType.get()),
      optional(5, "flag", Types.BooleanType.get()),
      optional(6, "name", Types.StringType.get()),
      optional(7, "amount", Types.DecimalType.of(12, 3)),
      optional(8, "day", Types.DateType.get()),
      optional(9, "at", Types.TimeType.get()),
      required(10, "ts", Types.TimestampType.withoutZone()),
      optional(11, "tstz", Types.TimestampType.withZone()),
      required(12, "u", Types.UUIDType.get()),
      optional(13, "fx", Types.FixedType.ofLength(4)),
      optional(14, "bin", Types.BinaryType.get()),
      optional(15, "point", Types.StructType.of(
          optional(18, "x", Types.DoubleType.get()),
          optional(19, "seen", Types.DateType.get()))),
      optional(16, "days", Types.ListType.ofOptional(20, Types.DateType.get())),
      optional(17, "stamps", Types.MapType.ofOptional(21, 22, Types.StringType.get(), Types.TimestampType.withZone())));
  private static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("ts").bucket("u", 3).build();

  private InMemoryCatalog catalog;

  @BeforeEach
  void catalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("writes", Map.of());
    catalog.createNamespace(Namespace.of("ns"));
  }

  @Test
  void internalRowsWriteTheFilesGenericRecordsWrite() {
    Table internal = table("internal");
    Table generic = table("generic");
    RecordConverter converter = new RecordConverter(SCHEMA);
    List<DataFile> internalFiles;
    List<DataFile> genericFiles;
    try (TableWriter<Object[]> rows = TableWriter.forRows(internal);
        TableWriter<Record> records = TableWriter.forRecords(generic)) {
      for (int i = 0; i < ROWS; i++) {
        rows.write(row(i));
        records.write(converter.convert(row(i)));
      }
      internalFiles = rows.finish();
      genericFiles = records.finish();
    }
    assertThat(internalFiles).hasSizeGreaterThan(6);
    assertThat(describe(internalFiles)).isEqualTo(describe(genericFiles));

    commit(internal, internalFiles);
    commit(generic, genericFiles);
    List<String> read = read(internal);
    assertThat(read).hasSize(ROWS).isEqualTo(read(generic));
    assertThat(String.join("\n", read)).contains("1969-12-31T").contains("NaN").contains("[1969-06-15, null, 1969-06-16]");
  }

  @Test
  void internalRowsCheckValuesAsRecordsDo() {
    Table table = table("checked");
    Object[] nullId = row(1);
    nullId[0] = null;
    Object[] wideAmount = row(2);
    wideAmount[6] = new BigDecimal("1234567890.5");
    Object[] badUuid = row(3);
    badUuid[11] = "not a uuid";
    Object[] shortFixed = row(4);
    shortFixed[12] = new ByteString(new byte[] {1, 2});
    try (TableWriter<Object[]> rows = TableWriter.forRows(table)) {
      assertThatThrownBy(() -> rows.write(nullId)).isInstanceOf(WriteValueException.class)
          .extracting(e -> ((WriteValueException) e).sqlState()).isEqualTo("23502");
      assertThatThrownBy(() -> rows.write(wideAmount)).extracting(e -> ((WriteValueException) e).sqlState())
          .isEqualTo("22003");
      assertThatThrownBy(() -> rows.write(badUuid)).extracting(e -> ((WriteValueException) e).sqlState())
          .isEqualTo("22018");
      assertThatThrownBy(() -> rows.write(shortFixed)).extracting(e -> ((WriteValueException) e).sqlState())
          .isEqualTo("22001");
      rows.write(row(5));
      assertThat(rows.rows()).isEqualTo(1);
      assertThat(rows.finish()).singleElement().extracting(DataFile::recordCount).isEqualTo(1L);
    }
  }

  private Table table(String name) {
    return catalog.createTable(TableIdentifier.of("ns", name), SCHEMA, SPEC,
        Map.of(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, "16384", TableProperties.PARQUET_PAGE_SIZE_BYTES, "2048"));
  }

  /** Row {@code i} as Calcite gives it: days, millis, ByteString, Object[] for the struct. */
  private static Object[] row(int i) {
    int day = i % 400 - 200;
    long millis = (i % 4 - 2) * 86_400_000L + i * 1_234_567L % 86_400_000L;
    Map<String, Object> stamps = new LinkedHashMap<>();
    stamps.put("k" + i % 3, i % 5 == 0 ? null : millis * 31 - 17);
    stamps.put("z", -millis);
    return new Object[] {
        i,
        i % 7 == 0 ? null : (long) i * 3_000_017L - 4_000_000_000L,
        i % 8 == 0 ? null : i % 9 == 0 ? Float.NaN : i / 8.0f - 40,
        i % 10 == 0 ? null : i % 11 == 0 ? Double.NaN : i / 16.0 - 9,
        i % 12 == 0 ? null : i % 3 == 0,
        i % 13 == 0 ? null : "name-" + i % 40,
        i % 14 == 0 ? null : BigDecimal.valueOf(i * 7_919L - 5_000_000L, 1),
        i % 15 == 0 ? null : day,
        i % 16 == 0 ? null : (int) (i * 43_201_007L % 86_400_000L),
        millis,
        i % 17 == 0 ? null : millis * 3 - 1,
        new UUID(i * 31L - 7, i * 7L + 31).toString(),
        i % 18 == 0 ? null : new ByteString(new byte[] {(byte) i, 2, 3, (byte) (i >> 8)}),
        i % 19 == 0 ? null : new byte[] {(byte) i, (byte) (i >> 3)},
        i % 20 == 0 ? null : new Object[] {i % 21 == 0 ? null : i * 0.5, i % 22 == 0 ? null : day - 1},
        i % 23 == 0 ? null : Arrays.asList(day, null, day + 1),
        i % 24 == 0 ? null : stamps,
    };
  }

  private static List<String> describe(List<DataFile> files) {
    return files.stream()
        .map(f -> f.partition() + " rows=" + f.recordCount() + " values=" + f.valueCounts() + " nulls="
            + f.nullValueCounts() + " nans=" + f.nanValueCounts() + " lower=" + hex(f.lowerBounds()) + " upper="
            + hex(f.upperBounds()))
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private static Map<Integer, String> hex(Map<Integer, ByteBuffer> bounds) {
    Map<Integer, String> hex = new TreeMap<>();
    bounds.forEach((id, bytes) -> hex.put(id, HexFormat.of().formatHex(bytes.array(), bytes.arrayOffset() + bytes.position(),
        bytes.arrayOffset() + bytes.limit())));
    return hex;
  }

  private static void commit(Table table, List<DataFile> files) {
    var append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }

  /** Every row read back, rendered (bytes as hex), sorted by id. */
  private static List<String> read(Table table) {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        rows.add(render(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows.sort(Comparator.comparingInt(r -> Integer.parseInt(r.substring(1, r.indexOf(',')))));
    return rows;
  }

  private static String render(Object value) {
    if (value instanceof Record r) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        fields.add(render(r.get(i)));
      }
      return "(" + String.join(", ", fields) + ")";
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TableWriterTest::render).toList().toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> rendered = new LinkedHashMap<>();
      map.forEach((k, v) -> rendered.put(render(k), render(v)));
      return rendered.toString();
    }
    return String.valueOf(value);
  }
}
