package dev.s3tables.calcite.scan;

import java.io.Closeable;
import java.io.IOException;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Types;

/** The rows of one data file of a scan, with deletes and the residual filter applied. */
interface FileRows extends Closeable {
  /** Moves to the next row; false after the last. */
  boolean next() throws IOException;

  /** The current row; the reader may refill it on the next move. */
  StructLike row();

  /** The type of the rows, known once the first row is read. */
  Types.StructType struct();
}
