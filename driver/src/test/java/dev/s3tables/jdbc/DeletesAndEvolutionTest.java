package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
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
import org.junit.jupiter.api.Test;

/**
 * Tables as other engines leave them: v2 position and equality deletes are applied, and columns
 * renamed and added after the data was written read by field id.
 */
@StandIn
class DeletesAndEvolutionTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private final LocalS3Tables s3tables;

  DeletesAndEvolutionTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void positionAndEqualityDeletesAreApplied() throws Exception {
    Table table = createWithRows("with_deletes", 1, 2, 3, 4, 5);
    DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .equalityFieldIds(new int[] {1})
            .equalityDeleteRowSchema(table.schema().select("id"))
            .build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 2).format(FileFormat.PARQUET).build();

    PositionDeleteWriter<Record> positions = writers.newPositionDeleteWriter(files.newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (positions) {
      positions.write(PositionDelete.<Record>create().set(data.location(), 0));
    }
    EqualityDeleteWriter<Record> equalities = writers.newEqualityDeleteWriter(files.newOutputFile(), PartitionSpec.unpartitioned(), null);
    try (equalities) {
      Record key = GenericRecord.create(table.schema().select("id"));
      key.setField("id", 3L);
      equalities.write(key);
    }
    DeleteFile positionDeletes = positions.toDeleteFile();
    DeleteFile equalityDeletes = equalities.toDeleteFile();
    table.newRowDelta().addDeletes(positionDeletes).addDeletes(equalityDeletes).commit();

    assertThat(query("select id from ns_other.with_deletes order by id")).containsExactly("2", "4", "5");
    assertThat(query("select id from ns_other.with_deletes where id >= 3 order by id")).containsExactly("4", "5");
  }

  @Test
  void renamedAndAddedColumnsReadByFieldId() throws Exception {
    Table table = createWithRows("evolved", 10, 20);
    table.updateSchema().renameColumn("name", "label").addColumn("extra", Types.IntegerType.get()).commit();
    assertThat(query("select id, label, extra from ns_other.evolved order by id"))
        .containsExactly("10|row 10|null", "20|row 20|null");
    assertThat(query("select id from ns_other.evolved where label = 'row 20'")).containsExactly("20");
  }

  private Table createWithRows(String name, long... ids) throws IOException {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("ns_other"))) {
      catalog.createNamespace(Namespace.of("ns_other"), Map.of());
    }
    Table table =
        catalog.buildTable(TableIdentifier.of("ns_other", name), SCHEMA)
            .withProperty("format-version", "2")
            .create();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
    DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(), PartitionSpec.unpartitioned(), null);
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

  private List<String> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }
}
