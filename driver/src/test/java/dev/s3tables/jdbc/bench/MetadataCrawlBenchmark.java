package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.http.RequestCounters;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * DBeaver's navigator crawl (catalogs, schemas, then per schema its tables, all their columns and
 * primary keys) over a stand-in with many namespaces and tables: the first crawl on a new
 * connection, the median of warm crawls on the same connection, and the stand-in's requests for
 * each. Not a test: it prints, it asserts nothing.
 *
 * <pre>scripts/bench-metadata-crawl.sh [--namespaces N] [--tables M] [--runs R]   (default 10 x 100, 5 runs)</pre>
 */
public final class MetadataCrawlBenchmark {
  /** The six columns of every crawled table (also the batch-insert case's table). */
  static final Schema COLUMNS = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get(), "row id"),
      Types.NestedField.optional(2, "name", Types.StringType.get(), "display name"),
      Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)),
      Types.NestedField.optional(4, "day", Types.DateType.get()),
      Types.NestedField.optional(5, "updated_at", Types.TimestampType.withoutZone()),
      Types.NestedField.optional(6, "active", Types.BooleanType.get()));

  private MetadataCrawlBenchmark() {}

  public static void main(String[] args) throws Exception {
    int namespaces = 10;
    int tables = 100;
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--namespaces" -> namespaces = Integer.parseInt(args[++i]);
        case "--tables" -> tables = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int namespaceCount = namespaces;
    int tableCount = tables;
    try (LocalS3Tables s3tables = LocalS3Tables.builder().start()) {
      Catalog catalog = s3tables.bucket(bucketName(s3tables)).catalog();
      double created = Timings.seconds(() -> create(catalog, namespaceCount, tableCount));
      System.out.printf("created %d namespaces x %d tables in %.1f s%n", namespaces, tables, created);
      RequestCounters counters = s3tables.counters();
      try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
        counters.reset();
        int[] columns = new int[1];
        double first = Timings.seconds(() -> columns[0] = crawl(c));
        System.out.printf("first crawl on a new connection: %.0f ms, %,d columns; requests: %s%n",
            first * 1000, columns[0], requests(counters));
        List<Double> warm = new ArrayList<>();
        counters.reset();
        for (int run = 0; run < runs; run++) {
          warm.add(Timings.seconds(() -> crawl(c)));
        }
        System.out.printf("warm crawl, median of %d: %.0f ms; requests for all %d: %s%n",
            runs, Timings.median(warm) * 1000, runs, requests(counters));
      }
    }
  }

  /** Creates namespaces ns_0.. each with tables table_0.. of {@link #COLUMNS}, skipping those that exist. */
  static Object create(Catalog catalog, int namespaces, int tables) {
    SupportsNamespaces namespaceCatalog = (SupportsNamespaces) catalog;
    for (int n = 0; n < namespaces; n++) {
      Namespace namespace = Namespace.of("ns_" + n);
      if (!namespaceCatalog.namespaceExists(namespace)) {
        namespaceCatalog.createNamespace(namespace);
      }
      int existing = catalog.listTables(namespace).size();
      for (int t = 0; t < tables && existing < tables; t++) {
        TableIdentifier id = TableIdentifier.of(namespace, "table_" + t);
        if (existing == 0 || !catalog.tableExists(id)) {
          catalog.createTable(id, COLUMNS);
        }
      }
    }
    return null;
  }

  private static String bucketName(LocalS3Tables s3tables) {
    String arn = s3tables.bucketArn();
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /**
   * DBeaver's crawl on one connection: catalogs, schemas, then per schema its tables, all their
   * columns and primary keys.
   *
   * @return the columns listed
   */
  static int crawl(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    int columns = 0;
    drain(md.getCatalogs());
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas(c.getCatalog(), "%")) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    for (String schema : schemas) {
      drain(md.getTables(c.getCatalog(), schema, "%", null));
      columns += drain(md.getColumns(c.getCatalog(), schema, "%", "%"));
      drain(md.getPrimaryKeys(c.getCatalog(), schema, "%"));
    }
    return columns;
  }

  private static int drain(ResultSet rs) throws SQLException {
    int rows = 0;
    try (rs) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }

  static String requests(RequestCounters counters) {
    return "catalog " + counters.byRoute(Endpoint.CATALOG) + ", control plane " + counters.byRoute(Endpoint.CONTROL_PLANE)
        + ", storage " + counters.total(Endpoint.STORAGE);
  }
}
