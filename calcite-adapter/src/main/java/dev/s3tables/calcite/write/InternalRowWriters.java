package dev.s3tables.calcite.write;

import java.util.Map;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.RegistryBasedFileWriterFactory;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.parquet.ParquetFormatModel;

/**
 * Iceberg's file writers for {@link InternalRow}s: Parquet data files written by Iceberg's internal
 * Parquet writer, with the table's properties, metrics and partition as its generic writers write
 * them. Registers the model with Iceberg's format registry once, when the class loads.
 */
final class InternalRowWriters extends RegistryBasedFileWriterFactory<InternalRow, Void> {
  static {
    FormatModelRegistry.register(ParquetFormatModel.create(
        InternalRow.class,
        Void.class,
        (schema, fileSchema, engineSchema) -> InternalWriter.create(schema.asStruct(), fileSchema),
        (schema, fileSchema, engineSchema, idToConstant) -> {
          throw new UnsupportedOperationException("InternalRow is a model for writing only");
        }));
  }

  InternalRowWriters(Table table) {
    super(table, FileFormat.PARQUET, InternalRow.class, table.schema(), null, FileFormat.PARQUET, null, null, null,
        Map.of(), null, null);
  }
}
