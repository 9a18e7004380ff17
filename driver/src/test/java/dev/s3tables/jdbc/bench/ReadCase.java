package dev.s3tables.jdbc.bench;

import org.apache.iceberg.expressions.Expression;

/**
 * One read case: its SQL (one text for the driver, DuckDB and Trino), whether its answer is
 * ordered, and, for the scan-like cases, the same projection and filter as an Iceberg scan for
 * IcebergGenerics (all columns of {@code tpch.<table>} with {@code filter}).
 *
 * @param icebergScan null if Iceberg's generic reader has no equivalent of the query
 * @param countsFilesRead whether to report the data files the driver read against the table's total
 */
record ReadCase(String name, String sql, boolean ordered, IcebergScan icebergScan, boolean countsFilesRead) {
  /** All columns of one TPC-H table, rows that match {@code filter}. */
  record IcebergScan(String table, Expression filter) {}

  static ReadCase query(String name, String sql, boolean ordered) {
    return new ReadCase(name, sql, ordered, null, false);
  }

  static ReadCase scan(String name, String sql, IcebergScan scan) {
    return new ReadCase(name, sql, false, scan, false);
  }

  ReadCase countingFilesRead() {
    return new ReadCase(name, sql, ordered, icebergScan, true);
  }
}
