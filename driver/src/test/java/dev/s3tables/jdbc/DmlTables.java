package dev.s3tables.jdbc;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.LocalS3Tables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * What the DELETE and UPDATE tests share: tables in one namespace of the demo bucket, statements
 * through the driver, and the table as Iceberg's own reader (which applies deletes) and its
 * snapshots show it.
 */
final class DmlTables {
  private final LocalS3Tables s3tables;
  private final String namespace;

  DmlTables(LocalS3Tables s3tables, String namespace) {
    this.s3tables = requireNonNull(s3tables, "s3tables");
    this.namespace = requireNonNull(namespace, "namespace");
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of(namespace))) {
      catalog.createNamespace(Namespace.of(namespace), Map.of());
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  /** Runs statements through the driver on one connection; answers the update count of the last. */
  long run(String... sql) throws SQLException {
    long count = -1;
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        count = s.executeLargeUpdate(statement);
      }
    }
    return count;
  }

  /**
   * Creates table {@code name} (with the {@code with} clause, e.g. its partitioning) holding ids
   * 1..n, region a, b, c in turn and amount id * 10, inserted in one statement: one file per region
   * when partitioned by region.
   */
  void regions(String name, String with, int n) throws SQLException {
    StringBuilder values = new StringBuilder();
    for (int id = 1; id <= n; id++) {
      values.append(id == 1 ? "" : ", ").append("(").append(id).append(", '").append((char) ('a' + (id - 1) % 3))
          .append("', ").append(id * 10).append(")");
    }
    run("create table " + namespace + "." + name + " (id int not null, region varchar, amount bigint) " + with,
        "insert into " + namespace + "." + name + " values " + values);
  }

  /** Rows of a query through the driver, as "v1|v2|...". */
  List<String> query(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return Oracle.rows(s.executeQuery(sql));
    }
  }

  Table table(String name) {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of(namespace, name));
  }

  /** The named columns of every row Iceberg's generic reader returns, deletes applied. */
  List<String> oracle(String name, String... columns) {
    return Oracle.rows(table(name), List.of(columns), r -> true);
  }

  /** The records Iceberg's generic reader returns. */
  List<Record> records(String name) {
    List<Record> records = new ArrayList<>();
    try (var rows = org.apache.iceberg.data.IcebergGenerics.read(table(name)).build()) {
      rows.forEach(records::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return records;
  }

  Snapshot current(String name) {
    return table(name).currentSnapshot();
  }

  /** A number from the current snapshot's summary, 0 if it is not there. */
  long summary(String name, String key) {
    return Long.parseLong(current(name).summary().getOrDefault(key, "0"));
  }

  /** The data files the stand-in served since its counters were last reset. */
  Set<String> dataFilesRead() {
    return s3tables.counters().objectsRead().stream().filter(p -> p.contains("/data/")).collect(Collectors.toSet());
  }

  String namespace() {
    return namespace;
  }
}
