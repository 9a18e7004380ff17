package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes records into new data files of one table, routed by the table's partition spec (with a
 * bounded number of files open), rolled at its {@code write.target-file-size-bytes}, in the table's file format and with its
 * writer properties (compression and the like). Commits nothing: {@link #finish} hands back the
 * files for one commit.
 */
public final class TableWriter implements AutoCloseable {
  private final Table table;
  private final PartitionSpec spec;
  /** At most this many partitions have a file open at once; each buffers a Parquet row group. */
  private static final int MAX_OPEN_FILES = 16;

  private final BoundedFanoutWriter writer;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;
  private long rows;
  private boolean closed;

  public TableWriter(Table table) {
    this.table = requireNonNull(table, "table");
    this.spec = table.spec();
    FileFormat format =
        FileFormat.fromString(
            table.properties().getOrDefault(TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT)
                .toUpperCase(Locale.ROOT));
    long targetSize =
        PropertyUtil.propertyAsLong(
            table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(format).build();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, 0).format(format).build();
    this.writer = new BoundedFanoutWriter(writers, files, table.io(), targetSize, spec, MAX_OPEN_FILES);
    this.partitionKey = new PartitionKey(spec, table.schema());
    this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
  }

  public Table table() {
    return table;
  }

  public void write(Record record) {
    if (spec.isUnpartitioned()) {
      writer.write(record, null);
    } else {
      partitionKey.partition(wrapper.wrap(record));
      writer.write(record, partitionKey);
    }
    rows++;
  }

  /** How many records were written. */
  public long rows() {
    return rows;
  }

  /** Closes the open files and returns them, for one commit. */
  public List<DataFile> finish() {
    close();
    return writer.dataFiles();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
  }
}
