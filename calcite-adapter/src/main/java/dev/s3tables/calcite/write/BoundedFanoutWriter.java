package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.StructLikeWrapper;

/**
 * Writes rows of any partition order with at most {@code maxOpen} files open at once: a row of a
 * partition that has no open file opens one and, past the limit, closes the file of the partition
 * used longest ago. Memory stays bounded whatever the input (each open Parquet file buffers a row
 * group); unsorted input over many partitions costs more, smaller files instead.
 */
final class BoundedFanoutWriter<T> implements AutoCloseable {
  private final FileWriterFactory<T> writers;
  private final OutputFileFactory files;
  private final FileIO io;
  private final long targetFileSize;
  private final PartitionSpec spec;
  private final int maxOpen;
  private final Map<StructLikeWrapper, RollingDataWriter<T>> open = new LinkedHashMap<>(16, 0.75f, true);
  private final StructLikeWrapper lookup;
  private final List<DataFile> written = new ArrayList<>();

  BoundedFanoutWriter(
      FileWriterFactory<T> writers,
      OutputFileFactory files,
      FileIO io,
      long targetFileSize,
      PartitionSpec spec,
      int maxOpen) {
    this.writers = requireNonNull(writers, "writers");
    this.files = requireNonNull(files, "files");
    this.io = requireNonNull(io, "io");
    this.targetFileSize = targetFileSize;
    this.spec = requireNonNull(spec, "spec");
    if (maxOpen < 1) {
      throw new IllegalArgumentException("maxOpen must be >= 1: " + maxOpen);
    }
    this.maxOpen = maxOpen;
    this.lookup = StructLikeWrapper.forType(spec.partitionType());
  }

  /** Writes a row of the partition ({@code null} for an unpartitioned table); keeps a copy of the key. */
  void write(T row, PartitionKey partition) {
    RollingDataWriter<T> writer = open.get(lookup.set(partition));
    if (writer == null) {
      if (open.size() >= maxOpen) {
        Iterator<Map.Entry<StructLikeWrapper, RollingDataWriter<T>>> eldest = open.entrySet().iterator();
        closeWriter(eldest.next().getValue());
        eldest.remove();
      }
      StructLike copy = partition == null ? null : partition.copy();
      writer = new RollingDataWriter<>(writers, files, io, targetFileSize, spec, copy);
      open.put(StructLikeWrapper.forType(spec.partitionType()).set(copy), writer);
    }
    writer.write(row);
  }

  /** The files written, once closed. */
  List<DataFile> dataFiles() {
    return List.copyOf(written);
  }

  private void closeWriter(RollingDataWriter<T> writer) {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written.addAll(writer.result().dataFiles());
  }

  /** Closes every open file, also when one fails to close (the first failure is thrown). */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (RollingDataWriter<T> writer : open.values()) {
      try {
        closeWriter(writer);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
