package dev.s3tables.calcite.scan;

import static org.apache.iceberg.expressions.Expressions.and;
import static org.apache.iceberg.expressions.Expressions.equal;
import static org.apache.iceberg.expressions.Expressions.in;
import static org.apache.iceberg.expressions.Expressions.not;
import static org.apache.iceberg.expressions.Expressions.or;
import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file the dictionary filter rules out holds no row that Iceberg's own {@link Evaluator} accepts,
 * for equality and IN filters over int, long, date and string columns with NULLs, across a
 * promotion from int to long, with a column whose pages are not all in the dictionary and files
 * of every usual codec; and it does rule files out where the column bounds cannot.
 */
class DictionaryFileFilterTest {
  private static final int FILES = 6;
  private static final int ROWS = 400;
  /** The codecs other engines write with: each file uses one, so every dictionary page is decompressed. */
  private static final List<String> CODECS = List.of("zstd", "snappy", "gzip", "uncompressed");

  private Table table;
  private final Map<String, List<Record>> rowsByFile = new HashMap<>();

  @BeforeEach
  void writeFiles() {
    Schema schema = new Schema(
        required(1, "id", Types.IntegerType.get()),
        optional(2, "big", Types.LongType.get()),
        optional(3, "day", Types.DateType.get()),
        optional(4, "name", Types.StringType.get()),
        optional(5, "n", Types.IntegerType.get()),
        // One distinct long string a row overflows a small dictionary: its pages fall back to plain.
        optional(6, "note", Types.StringType.get()),
        optional(7, "score", Types.DoubleType.get()));
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("files", Map.of());
    catalog.createNamespace(Namespace.of("ns"));
    table = catalog.createTable(TableIdentifier.of("ns", "t"), schema, PartitionSpec.unpartitioned(),
        Map.of(TableProperties.PARQUET_DICT_SIZE_BYTES, "4096"));
    for (int file = 0; file < FILES / 2; file++) {
      append(file, id -> id % 7 == 0 ? null : id % 50);
    }
    // Promoted: older files keep INT32 pages, newer ones hold values past the int range.
    table.updateSchema().updateColumn("n", Types.LongType.get()).commit();
    for (int file = FILES / 2; file < FILES; file++) {
      append(file, id -> id % 7 == 0 ? null : 3_000_000_000L + id % 50);
    }
  }

  /** Each file holds ids {@code file, file + FILES, ...}: all files' bounds span much the same range. */
  private void append(int file, IntFunction<Object> n) {
    Schema schema = table.schema();
    String path = table.locationProvider().newDataLocation("f" + file + ".parquet");
    List<Record> rows = new ArrayList<>();
    try (DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(path))
        .schema(schema).withSpec(table.spec()).createWriterFunc(GenericParquetWriter::create)
        .setAll(table.properties()).set(TableProperties.PARQUET_COMPRESSION, CODECS.get(file % CODECS.size()))
        .overwrite().build()) {
      for (int i = 0; i < ROWS; i++) {
        // Repeated values: Parquet keeps a dictionary only where it makes the column smaller.
        int id = file + i % 50 * FILES;
        Record row = GenericRecord.create(schema);
        row.setField("id", id);
        row.setField("big", id % 5 == 0 ? null : (long) (id % 40) * 1_000_000_007L);
        row.setField("day", id % 9 == 0 ? null : java.time.LocalDate.of(2024, 1, 1).plusDays(id % 60));
        row.setField("name", id % 11 == 0 ? null : "name-" + (id % 30));
        row.setField("n", n.apply(id));
        row.setField("note", "a note long enough to fill a small dictionary quickly, row " + i);
        row.setField("score", id % 13 == 0 ? Double.NaN : id / 4.0);
        writer.write(row);
        rows.add(row);
      }
      writer.close();
      DataFile data = writer.toDataFile();
      try (ParquetFileReader written = ParquetFileReader.open(ParquetInput.of(table.io().newInputFile(path)))) {
        assertThat(written.getRowGroups().get(0).getColumns().get(0).getCodec().name())
            .isEqualToIgnoringCase(CODECS.get(file % CODECS.size()));
      }
      table.newAppend().appendFile(data).commit();
      rowsByFile.put(data.location(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aRuledOutFileHoldsNoMatchingRow() throws IOException {
    java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
    List<Expression> filters = List.of(
        equal("id", 7), equal("id", 8), equal("id", -1), in("id", 3, 4, 5), in("id", 1_000_000, 2_000_000),
        equal("big", 3_000_000_021L), equal("big", 1L), in("big", 0L, 5_000_000_035L),
        equal("day", day.plusDays(3).toString()), in("day", day.plusDays(61).toString(), day.plusDays(62).toString()),
        equal("name", "name-4"), equal("name", "nobody"), in("name", "name-1", "name-29", "x"),
        equal("n", 5), equal("n", 3_000_000_005L), in("n", 60, 3_000_000_049L), equal("n", 77),
        equal("note", "a note long enough to fill a small dictionary quickly, row 3"),
        equal("score", 2.5),
        and(equal("id", 8), equal("name", "name-8")), and(equal("id", 8), equal("name", "name-9")),
        or(equal("id", 8), equal("id", 9)), not(equal("id", 8)),
        and(in("id", 8, 9, 10), equal("n", 8)));
    int ruledOut = 0;
    for (Expression filter : filters) {
      TableScan scan = table.newScan().filter(filter);
      DictionaryFileFilter dictionaries = DictionaryFileFilter.of(scan);
      Evaluator evaluator = new Evaluator(table.schema().asStruct(), filter);
      InternalRecordWrapper internal = new InternalRecordWrapper(table.schema().asStruct());
      try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
        for (FileScanTask task : tasks) {
          if (dictionaries != null && !dictionaries.mayMatch(task)) {
            ruledOut++;
            List<Record> rows = rowsByFile.get(task.file().location());
            assertThat(rows).as("%s in %s", filter, task.file().location())
                .noneMatch(row -> evaluator.eval(internal.wrap(asCurrentSchema(row))));
          }
        }
      }
    }
    assertThat(ruledOut).isGreaterThan(40);
  }

  @Test
  void onDictionaryColumnsExactlyTheFilesHoldingAMatchAreKept() throws IOException {
    // id 8 is in one file only, but every file's bounds span it.
    List<Expression> filters = List.of(equal("id", 8), in("id", 8, 9), equal("n", 5), equal("n", 3_000_000_005L),
        equal("name", "name-4x"), equal("name", "name-4"), and(equal("id", 8), equal("big", 8_000_000_056L)));
    for (Expression filter : filters) {
      assertThat(filesKept(filter)).as("%s", filter).isEqualTo(filesHoldingAMatch(filter));
    }
    assertThat(filesKept(equal("id", 8))).hasSize(1);
  }

  @Test
  void whatTheDictionariesCannotJudgeIsKept() throws IOException {
    // Pages past the dictionary's size, a float column, an OR and a NOT: every file is read.
    String absentNote = "a note long enough to fill a small dictionary quickly, row 3x";
    assertThat(filesKept(equal("note", absentNote))).hasSize(FILES);
    assertThat(DictionaryFileFilter.of(table.newScan().filter(equal("score", 1.0)))).isNull();
    assertThat(DictionaryFileFilter.of(table.newScan().filter(or(equal("id", 8), equal("id", 9))))).isNull();
    assertThat(DictionaryFileFilter.of(table.newScan().filter(not(equal("id", 8))))).isNull();
  }

  private List<Integer> filesHoldingAMatch(Expression filter) {
    Evaluator evaluator = new Evaluator(table.schema().asStruct(), filter);
    InternalRecordWrapper internal = new InternalRecordWrapper(table.schema().asStruct());
    List<Integer> files = new ArrayList<>();
    rowsByFile.forEach((location, rows) -> {
      if (rows.stream().anyMatch(row -> evaluator.eval(internal.wrap(asCurrentSchema(row))))) {
        files.add(fileNumber(location));
      }
    });
    files.sort(null);
    return files;
  }

  /** A row written before the promotion, with its int {@code n} widened as the table now reads it. */
  private Record asCurrentSchema(Record written) {
    Record row = GenericRecord.create(table.schema());
    for (Types.NestedField field : table.schema().columns()) {
      Object value = written.getField(field.name());
      row.setField(field.name(), value instanceof Integer n && field.name().equals("n") ? Long.valueOf(n) : value);
    }
    return row;
  }

  /** The files the filter keeps, by the number they were written as. */
  private List<Integer> filesKept(Expression filter) throws IOException {
    TableScan scan = table.newScan().filter(filter);
    DictionaryFileFilter dictionaries = DictionaryFileFilter.of(scan);
    List<Integer> kept = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        if (dictionaries == null || dictionaries.mayMatch(task)) {
          kept.add(fileNumber(task.file().location()));
        }
      }
    }
    kept.sort(null);
    return kept;
  }

  private static int fileNumber(String location) {
    return Integer.parseInt(location.replaceAll(".*f(\\d+)\\.parquet$", "$1"));
  }
}
