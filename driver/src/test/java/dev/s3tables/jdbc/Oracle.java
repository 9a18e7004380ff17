package dev.s3tables.jdbc;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Expected answers computed without the driver: every row read with Iceberg's own generic reader
 * from the stand-in's catalog, filtered in Java.
 */
final class Oracle {
  private Oracle() {}

  static Table table(LocalS3Tables s3tables, String namespace, String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of(namespace, name));
  }

  /** The rows of the table that the predicate keeps, as "v1|v2|..." of the named columns. */
  static List<String> rows(Table table, List<String> columns, Predicate<Record> keep) {
    List<String> rows = new ArrayList<>();
    for (Record r : records(table)) {
      if (keep.test(r)) {
        StringBuilder row = new StringBuilder();
        for (String column : columns) {
          row.append(row.length() == 0 ? "" : "|").append(r.getField(column));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Every row of the table. */
  static List<Record> records(Table table) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** One column of a result set (a metadata listing, say), read with getString; closes the set. */
  static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  /** The rows of a result set in the same form, values read with getString. */
  static List<String> rows(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        row.append(i == 1 ? "" : "|").append(rs.getString(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
