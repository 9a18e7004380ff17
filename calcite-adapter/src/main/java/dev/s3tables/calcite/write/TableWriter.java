package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes rows into new data files of one table, routed by the table's partition spec (with a
 * bounded number of files open), rolled at its {@code write.target-file-size-bytes}, in the table's
 * file format and with its writer properties (compression and the like). Commits nothing: {@link
 * #finish} hands back the files for one commit.
 *
 * @param <T> the rows it takes: Calcite rows ({@link #forRows}) or Iceberg generic records ({@link #forRecords})
 */
public final class TableWriter<T> implements AutoCloseable {
  /** At most this many partitions have a file open at once; each buffers a Parquet row group. */
  private static final int MAX_OPEN_FILES = 16;

  private final Table table;
  private final BoundedFanoutWriter<?> files;
  private final Consumer<T> write;
  private long rows;
  private boolean closed;

  private <W> TableWriter(Table table, FileWriterFactory<W> writers, Function<T, W> toFileRow,
      Function<? super W, StructLike> partitionSource) {
    this.table = table;
    PartitionSpec spec = table.spec();
    long targetSize = PropertyUtil.propertyAsLong(
        table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    OutputFileFactory names = OutputFileFactory.builderFor(table, 1, 0).format(format(table)).build();
    BoundedFanoutWriter<W> fanout = new BoundedFanoutWriter<>(writers, names, table.io(), targetSize, spec, MAX_OPEN_FILES);
    this.files = fanout;
    if (spec.isUnpartitioned()) {
      this.write = row -> fanout.write(toFileRow.apply(row), null);
    } else {
      PartitionKey partition = new PartitionKey(spec, table.schema());
      this.write = row -> {
        W fileRow = toFileRow.apply(row);
        partition.partition(partitionSource.apply(fileRow));
        fanout.write(fileRow, partition);
      };
    }
  }

  /**
   * A writer of rows in Calcite's runtime representation, each checked against its columns as
   * {@link RecordConverter} checks them. Parquet tables get Iceberg's internal writer, fed the
   * internal values that Calcite's days and milliseconds are closest to; other formats, generic records.
   */
  public static TableWriter<Object[]> forRows(Table table) {
    requireNonNull(table, "table");
    RecordConverter converter = new RecordConverter(table.schema());
    if (format(table) == FileFormat.PARQUET) {
      // The Parquet writer encodes a row's values as it takes them, so one InternalRow serves every row.
      InternalRow buffer = new InternalRow(table.schema().columns().size());
      return new TableWriter<Object[]>(table, new InternalRowWriters(table), row -> converter.internalRow(row, buffer),
          internalRow -> internalRow);
    }
    return new TableWriter<Object[]>(table, genericWriters(table), converter::convert, wrapper(table));
  }

  /** A writer of Iceberg generic records, values as Iceberg's generic reader gives them. */
  public static TableWriter<Record> forRecords(Table table) {
    requireNonNull(table, "table");
    return new TableWriter<Record>(table, genericWriters(table), Function.identity(), wrapper(table));
  }

  private static FileWriterFactory<Record> genericWriters(Table table) {
    return new GenericFileWriterFactory.Builder(table).dataFileFormat(format(table)).build();
  }

  /** A generic record's values as partition transforms take them (days, microseconds). */
  private static Function<Record, StructLike> wrapper(Table table) {
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    return wrapper::wrap;
  }

  private static FileFormat format(Table table) {
    return FileFormat.fromString(table.properties()
        .getOrDefault(TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT)
        .toUpperCase(Locale.ROOT));
  }

  public Table table() {
    return table;
  }

  public void write(T row) {
    write.accept(row);
    rows++;
  }

  /** How many rows were written. */
  public long rows() {
    return rows;
  }

  /** Closes the open files and returns them, for one commit. */
  public List<DataFile> finish() {
    close();
    return files.dataFiles();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    files.close();
  }
}
