package dev.s3tables.jdbc;

import java.sql.SQLException;

/** A JDBC call that may throw SQLException, for tests that expect it to fail. */
@FunctionalInterface
interface SqlCall {
  void run() throws SQLException;
}
