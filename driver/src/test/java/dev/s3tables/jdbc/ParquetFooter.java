package dev.s3tables.jdbc;

import dev.s3tables.calcite.scan.ParquetInput;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/** Reads what a test needs from a Parquet file's footer, through Iceberg's FileIO. */
final class ParquetFooter {
  private ParquetFooter() {}

  /** The compression codecs of the file's column chunks. */
  static Set<String> codecs(InputFile file) throws IOException {
    Set<String> codecs = new TreeSet<>();
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetInput.of(file))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          codecs.add(column.getCodec().name());
        }
      }
    }
    return codecs;
  }
}
