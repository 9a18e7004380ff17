package dev.s3tables.harness.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.StructLikeSet;

/**
 * Writes Iceberg generic {@link Record}s into a table with Iceberg's own writers, never through the
 * driver under test: data files in the table's default file format (Parquet unless the table says
 * otherwise), partitioned by the table's current spec, rolled over at the table's target file size,
 * with the table's writer properties (compression codec, row group size, ...).
 *
 * <p>Rows are streamed, never collected. Memory is bounded by the open files: a task keeps at most
 * {@link #MAX_OPEN_FILES} partitions open at once, each buffering at most one row group. Rows of
 * further partitions are written by further passes over the rows, so the rows must be an {@link
 * Iterable} that yields the same rows each time it is iterated (a collection, or a deterministic
 * generator). Each pass writes a partition it opens to the end, so a partition gets one file per
 * task unless it exceeds the target file size.
 *
 * <p>The records must have the table's current schema.
 */
public final class IcebergRowWriter {
  /**
   * Partitions a task writes at once. An open Parquet file of TPC-H lineitem holds about 9 MB at
   * scale 1 (pages in progress, dictionaries, compressed pages of the row group so far), at most a
   * row group plus a page per column. 28 writes lineitem's 84 months in three passes.
   */
  public static final int MAX_OPEN_FILES = 28;

  private IcebergRowWriter() {}

  /**
   * Writes {@code rows} as one task and commits them as ONE append.
   *
   * @return the table's current snapshot after the append
   */
  public static Snapshot append(Table table, Iterable<? extends Record> rows) {
    return commit(table, write(table, rows, 0));
  }

  /**
   * Writes {@code rows} into new data files of {@code table} without committing them. Several
   * tasks may write into the same table at once, each with its own {@code taskId}, and their files
   * be committed together with {@link #commit}. Stops with an exception when its thread is
   * interrupted.
   *
   * @return the data files written, to be committed by the caller
   */
  public static List<DataFile> write(Table table, Iterable<? extends Record> rows, int taskId) {
    requireNonNull(table, "table");
    requireNonNull(rows, "rows");
    PassWriter writer = new PassWriter(table, taskId);
    List<DataFile> files = new ArrayList<>();
    StructLikeSet written = StructLikeSet.create(table.spec().partitionType());
    boolean morePartitions;
    do {
      StructLikeSet opened = StructLikeSet.create(table.spec().partitionType());
      morePartitions = writer.writePass(rows, written, opened, files);
      written.addAll(opened);
    } while (morePartitions);
    return files;
  }

  /**
   * Commits {@code files} to {@code table} as ONE append.
   *
   * @return the table's current snapshot after the append
   */
  public static Snapshot commit(Table table, Collection<DataFile> files) {
    requireNonNull(table, "table");
    requireNonNull(files, "files");
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    return table.currentSnapshot();
  }

  /** The writers of one task, shared by its passes. */
  private static final class PassWriter {
    private final Table table;
    private final Schema schema;
    private final PartitionSpec spec;
    private final GenericFileWriterFactory writerFactory;
    private final OutputFileFactory fileFactory;
    private final long targetFileSize;
    // Partition transforms expect Iceberg's internal representation (days, micros) of dates and
    // timestamps, which the wrapper converts to from the generic LocalDate/LocalDateTime values.
    private final InternalRecordWrapper internal;
    private final PartitionKey partition;

    PassWriter(Table table, int taskId) {
      this.table = table;
      this.schema = table.schema();
      this.spec = table.spec();
      FileFormat format =
          FileFormat.fromString(
              table
                  .properties()
                  .getOrDefault(
                      TableProperties.DEFAULT_FILE_FORMAT,
                      TableProperties.DEFAULT_FILE_FORMAT_DEFAULT));
      this.writerFactory =
          new GenericFileWriterFactory.Builder(table)
              .dataFileFormat(format)
              .dataSchema(schema)
              .build();
      this.fileFactory = OutputFileFactory.builderFor(table, taskId, taskId).format(format).build();
      this.targetFileSize =
          PropertyUtil.propertyAsLong(
              table.properties(),
              TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
              TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
      this.internal = new InternalRecordWrapper(schema.asStruct());
      this.partition = new PartitionKey(spec, schema);
    }

    /**
     * Writes the rows of partitions not in {@code written}, opening at most {@link
     * #MAX_OPEN_FILES} partitions, which it adds to {@code opened}, and their files to {@code
     * files}.
     *
     * @return whether rows of yet other partitions were skipped
     */
    boolean writePass(
        Iterable<? extends Record> rows,
        StructLikeSet written,
        StructLikeSet opened,
        List<DataFile> files) {
      boolean skipped = false;
      FanoutDataWriter<Record> writer =
          new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), targetFileSize);
      try (writer) {
        for (Record row : rows) {
          if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("Interrupted while writing " + table.name());
          }
          partition.partition(internal.wrap(row));
          if (!opened.contains(partition)) {
            if (written.contains(partition)) {
              continue;
            }
            if (opened.size() == MAX_OPEN_FILES) {
              skipped = true;
              continue;
            }
            opened.add(partition.copy());
          }
          writer.write(row, spec, partition);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the data files of " + table.name(), e);
      }
      files.addAll(writer.result().dataFiles());
      return skipped;
    }
  }
}
