package dev.s3tables.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/** A two-column table schema, and writing and reading its rows with Iceberg's own API. */
final class TestTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private TestTables() {}

  static Record row(long id, String name) {
    Record record = GenericRecord.create(SCHEMA);
    record.setField("id", id);
    record.setField("name", name);
    return record;
  }

  static void append(Table table, List<Record> rows) {
    OutputFile file = table.io().newOutputFile(table.locationProvider().newDataLocation("part-" + System.nanoTime() + ".parquet"));
    DataWriter<Record> writer;
    try {
      writer =
          Parquet.writeData(file)
              .schema(table.schema())
              .createWriterFunc(GenericParquetWriter::create)
              .withSpec(PartitionSpec.unpartitioned())
              .overwrite()
              .build();
      try (writer) {
        rows.forEach(writer::write);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataFile dataFile = writer.toDataFile();
    assertThat(dataFile.format()).isEqualTo(FileFormat.PARQUET);
    table.newAppend().appendFile(dataFile).commit();
  }

  static List<String> read(Table table) {
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        rows.add(r.getField("id") + ":" + r.getField("name"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
