package dev.s3tables.calcite.scan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.io.FileIO;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.SeekableInputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Opens Parquet data files with their footers parsed once per JVM. Iceberg never rewrites a data
 * file in place, so a file's location and size name one footer for good; keeping it saves every
 * later probe or read of the file a request for its tail and the parse of its Thrift metadata, which
 * is most of what a probe that rules a file out costs. The footer holds the file's schema, row group
 * layout and column statistics, which the table's manifests already show to anyone who can load it;
 * the pages themselves are always read from storage with the caller's credentials.
 */
final class ParquetFooters {
  /** About 64 MB of parsed footers, at the estimate below. */
  private static final long MAX_WEIGHT = 64L << 20;

  private static final Cache<String, ParquetMetadata> FOOTERS = Caffeine.newBuilder()
      .maximumWeight(MAX_WEIGHT)
      .weigher((String location, ParquetMetadata footer) -> weight(footer))
      .build();

  private ParquetFooters() {}

  /** The whole file, every row group. */
  static ParquetFileReader open(FileIO io, DataFile file) throws IOException {
    ParquetInput input = ParquetInput.of(io, file);
    return open(input, footer(input, file));
  }

  /**
   * The row groups of one task: those Parquet assigns to the task's byte range. A row group that
   * lies wholly inside or outside the range is decided from the cached footer; one that straddles a
   * boundary leaves the decision to Parquet's own range filter, with the footer read again.
   */
  static ParquetFileReader open(FileIO io, FileScanTask task) throws IOException {
    DataFile file = task.file();
    ParquetInput input = ParquetInput.of(io, file);
    ParquetMetadata footer = footer(input, file);
    List<BlockMetaData> rowGroups = rowGroupsOf(footer, task.start(), task.start() + task.length());
    if (rowGroups == null) {
      ParquetReadOptions ranged = ParquetReadOptions.builder(new PlainParquetConfiguration())
          .withRange(task.start(), task.start() + task.length())
          .build();
      return ParquetFileReader.open(input, ranged);
    }
    return open(input, rowGroups.size() == footer.getBlocks().size()
        ? footer : new ParquetMetadata(footer.getFileMetaData(), rowGroups));
  }

  private static ParquetFileReader open(ParquetInput input, ParquetMetadata footer) throws IOException {
    // Options per file: their codec factory caches decompressors and is not for several threads.
    // A plain configuration, because a Hadoop one parses its XML resources each time.
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    SeekableInputStream stream = input.newStream();
    try {
      return ParquetFileReader.open(input, footer, options, stream);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * The row groups in {@code [start, end)}, or null if one straddles it. Parquet keeps a row group
   * whose midpoint is in the range, and a midpoint lies inside the row group's bytes.
   */
  static @Nullable List<BlockMetaData> rowGroupsOf(ParquetMetadata footer, long start, long end) {
    List<BlockMetaData> kept = new ArrayList<>();
    for (BlockMetaData rowGroup : footer.getBlocks()) {
      long first = rowGroup.getStartingPos();
      long last = first + rowGroup.getCompressedSize();
      if (first >= start && last <= end) {
        kept.add(rowGroup);
      } else if (last > start && first < end) {
        return null;
      }
    }
    return kept;
  }

  private static ParquetMetadata footer(ParquetInput input, DataFile file) throws IOException {
    String key = file.location() + '#' + file.fileSizeInBytes();
    try {
      return FOOTERS.get(key, unused -> read(input));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static ParquetMetadata read(ParquetInput input) {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(input, options)) {
      return reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes, roughly: a column chunk's metadata with its statistics is a few hundred. */
  private static int weight(ParquetMetadata footer) {
    long chunks = 0;
    for (BlockMetaData rowGroup : footer.getBlocks()) {
      chunks += rowGroup.getColumns().size();
    }
    long columns = footer.getFileMetaData().getSchema().getColumns().size();
    return (int) Math.min(Integer.MAX_VALUE, 1024 + 128 * columns + 512 * chunks);
  }
}
