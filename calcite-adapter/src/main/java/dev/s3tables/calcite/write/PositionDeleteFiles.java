package dev.s3tables.calcite.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.roaringbitmap.longlong.LongIterator;

/**
 * Writes the position delete files of a merge-on-read DELETE or UPDATE: one per data file with
 * removed rows (file-scoped, which readers apply to that file alone), in the data file's partition
 * and spec, in the table's delete file format, positions ascending.
 */
final class PositionDeleteFiles {
  private PositionDeleteFiles() {}

  static List<DeleteFile> write(Table table, DeletedPositions deleted, PlannedFiles plan) {
    FileFormat format = deleteFormat(table);
    FileWriterFactory<Record> writers = new GenericFileWriterFactory.Builder(table).deleteFileFormat(format).build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 0).format(format).build();
    List<DeleteFile> written = new ArrayList<>();
    PositionDelete<Record> delete = PositionDelete.create();
    for (String path : deleted.paths()) {
      DataFile dataFile = plan.readFile(path);
      PartitionSpec spec = table.specs().get(dataFile.specId());
      StructLike partition = spec.isUnpartitioned() ? null : dataFile.partition();
      PositionDeleteWriter<Record> writer =
          writers.newPositionDeleteWriter(
              partition == null ? files.newOutputFile() : files.newOutputFile(spec, partition), spec, partition);
      try (writer) {
        for (LongIterator positions = deleted.positions(path); positions.hasNext(); ) {
          writer.write(delete.set(path, positions.next()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(writer.toDeleteFile());
    }
    return written;
  }

  private static FileFormat deleteFormat(Table table) {
    String dataFormat =
        table.properties().getOrDefault(TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT);
    return FileFormat.fromString(
        table.properties().getOrDefault(TableProperties.DELETE_DEFAULT_FILE_FORMAT, dataFormat).toUpperCase(Locale.ROOT));
  }
}
