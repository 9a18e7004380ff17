package dev.s3tables.jdbc;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;

/** Reads what a test needs from a Parquet file's footer, through Iceberg's FileIO. */
final class ParquetFooter {
  private ParquetFooter() {}

  /** The compression codecs of the file's column chunks. */
  static Set<String> codecs(InputFile file) throws IOException {
    org.apache.parquet.io.InputFile parquetFile =
        new org.apache.parquet.io.InputFile() {
          @Override
          public long getLength() {
            return file.getLength();
          }

          @Override
          public org.apache.parquet.io.SeekableInputStream newStream() {
            SeekableInputStream in = file.newStream();
            return new DelegatingSeekableInputStream(in) {
              @Override
              public long getPos() throws IOException {
                return in.getPos();
              }

              @Override
              public void seek(long newPos) throws IOException {
                in.seek(newPos);
              }
            };
          }
        };
    Set<String> codecs = new TreeSet<>();
    try (ParquetFileReader reader = ParquetFileReader.open(parquetFile)) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          codecs.add(column.getCodec().name());
        }
      }
    }
    return codecs;
  }
}
