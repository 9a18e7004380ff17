package dev.s3tables.jdbc.bench;

import java.sql.SQLException;

/** An engine that answers read cases: the driver, or a baseline it is compared with. */
interface Engine extends AutoCloseable {
  /** The column heading of this engine in the results. */
  String name();

  /** Whether this engine has a way to answer the case. */
  boolean runs(ReadCase c);

  /** Runs the case once, passing every row with every column value read to the sink. */
  void run(ReadCase c, RowSink sink) throws Exception;

  @Override
  void close() throws SQLException;
}
