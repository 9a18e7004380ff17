package dev.s3tables.jdbc;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Tables written with Iceberg's API, never through the driver: a format v2 copy of
 * {@code demo.all_types} with every value as the demo has it (microseconds included), and rows
 * appended as another writer would.
 */
final class AllTypesCopy {
  private AllTypesCopy() {}

  /** A new unpartitioned v2 table {@code namespace.name} holding the rows of demo.all_types in one file. */
  static Table create(LocalS3Tables s3tables, String namespace, String name) {
    Table source = Oracle.table(s3tables, "demo", "all_types");
    Table copy =
        s3tables.bucket("demo").catalog()
            .buildTable(TableIdentifier.of(namespace, name), source.schema())
            .withProperty("format-version", "2")
            .create();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(source).build()) {
      records.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    append(copy, rows);
    return copy;
  }

  /** Appends the rows to an unpartitioned table in one new data file and one commit. */
  static void append(Table table, List<Record> rows) {
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET).build();
    DataWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table).build().newDataWriter(files.newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      rows.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    table.newAppend().appendFile(writer.toDataFile()).commit();
  }
}
