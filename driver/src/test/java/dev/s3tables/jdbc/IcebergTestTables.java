package dev.s3tables.jdbc;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;

/**
 * Tables as other engines leave them, made with Iceberg's API in the demo bucket: format v2,
 * unpartitioned, one data file of rows {@code (id, 'row <id>')}, and position or equality deletes
 * committed over it.
 */
final class IcebergTestTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private IcebergTestTables() {}

  /** A new v2 table {@code namespace.name} (the namespace made if missing) with one data file of these ids. */
  static Table createWithRows(LocalS3Tables s3tables, String namespace, String name, long... ids) throws IOException {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of(namespace))) {
      catalog.createNamespace(Namespace.of(namespace), Map.of());
    }
    Table table =
        catalog.buildTable(TableIdentifier.of(namespace, name), SCHEMA)
            .withProperty("format-version", "2")
            .create();
    DataWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table).build()
            .newDataWriter(outputFiles(table, 1).newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (long id : ids) {
        Record r = GenericRecord.create(SCHEMA);
        r.setField("id", id);
        r.setField("name", "row " + id);
        writer.write(r);
      }
    }
    table.newAppend().appendFile(writer.toDataFile()).commit();
    return table;
  }

  /** Commits position deletes of these row positions of the table's first data file. */
  static void deletePositions(Table table, long... positions) throws IOException {
    DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    PositionDeleteWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table).build()
            .newPositionDeleteWriter(outputFiles(table, 2).newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (long position : positions) {
        writer.write(PositionDelete.<Record>create().set(data.location(), position));
      }
    }
    table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();
  }

  /** Commits equality deletes of the rows with these ids. */
  static void deleteIds(Table table, long... ids) throws IOException {
    Schema idOnly = table.schema().select("id");
    EqualityDeleteWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table)
            .equalityFieldIds(new int[] {table.schema().findField("id").fieldId()})
            .equalityDeleteRowSchema(idOnly)
            .build()
            .newEqualityDeleteWriter(outputFiles(table, 3).newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (long id : ids) {
        Record key = GenericRecord.create(idOnly);
        key.setField("id", id);
        writer.write(key);
      }
    }
    table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();
  }

  private static OutputFileFactory outputFiles(Table table, int taskId) {
    return OutputFileFactory.builderFor(table, 1, taskId).format(FileFormat.PARQUET).build();
  }
}
