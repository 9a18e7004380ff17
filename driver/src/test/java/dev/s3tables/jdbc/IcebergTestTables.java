package dev.s3tables.jdbc;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
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
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;

/**
 * Tables as other engines leave them, made with Iceberg's API in the demo bucket: format v2,
 * unpartitioned, one data file of rows {@code (id, 'row <id>')}, and position or equality deletes
 * committed over it; or any schema and spec, with data files of any rows.
 */
final class IcebergTestTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private IcebergTestTables() {}

  /** A new v2 table {@code namespace.name} (the namespace made if missing) with one data file of these ids. */
  static Table createWithRows(LocalS3Tables s3tables, String namespace, String name, long... ids) throws IOException {
    Table table = create(s3tables, namespace, name, SCHEMA, PartitionSpec.unpartitioned());
    Record[] rows = new Record[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = row(table, "id", ids[i], "name", "row " + ids[i]);
    }
    table.newAppend().appendFile(dataFile(table, rows)).commit();
    return table;
  }

  /** A new v2 table without snapshots (the namespace made if missing). */
  static Table create(LocalS3Tables s3tables, String namespace, String name, Schema schema, PartitionSpec spec) {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of(namespace))) {
      catalog.createNamespace(Namespace.of(namespace), Map.of());
    }
    return catalog.buildTable(TableIdentifier.of(namespace, name), schema)
        .withPartitionSpec(spec)
        .withProperty("format-version", "2")
        .create();
  }

  /** A record of the table's current schema with these values by column name, the others NULL. */
  static Record row(Table table, Object... namesAndValues) {
    Record r = GenericRecord.create(table.schema());
    for (int i = 0; i < namesAndValues.length; i += 2) {
      r.setField((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return r;
  }

  /** Writes these records, all of one partition of the table's spec, into one data file; commits nothing. */
  static DataFile dataFile(Table table, Record... rows) throws IOException {
    OutputFileFactory files = outputFiles(table, 1);
    PartitionKey partition = null;
    EncryptedOutputFile file = files.newOutputFile();
    if (table.spec().isPartitioned()) {
      partition = new PartitionKey(table.spec(), table.schema());
      partition.partition(rows[0]);
      file = files.newOutputFile(table.spec(), partition);
    }
    DataWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table).build().newDataWriter(file, table.spec(), partition);
    try (writer) {
      for (Record r : rows) {
        writer.write(r);
      }
    }
    return writer.toDataFile();
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
