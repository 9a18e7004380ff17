package dev.s3tables.harness.catalog;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * The table buckets of the stand-in. Bucket records live in the same SQLite database as the
 * Iceberg catalogs, so a stand-in on a data directory finds its buckets again after a restart.
 */
public final class TableBuckets implements AutoCloseable {
  private final String jdbcUrl;
  private final String region;
  private final String accountId;
  private final Map<String, String> fileIoProperties;
  private final Supplier<String> newTableLocation;
  private final Connection registry;
  private final ConcurrentSkipListMap<String, TableBucket> buckets = new ConcurrentSkipListMap<>();

  /**
   * @param jdbcUrl the SQLite database of the catalogs
   * @param fileIoProperties the S3FileIO properties the catalogs use to reach the object store
   * @param newTableLocation creates the storage of a new table and returns its location
   */
  public TableBuckets(
      String jdbcUrl,
      String region,
      String accountId,
      Map<String, String> fileIoProperties,
      Supplier<String> newTableLocation) {
    this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
    this.region = requireNonNull(region, "region");
    this.accountId = requireNonNull(accountId, "accountId");
    this.fileIoProperties = Map.copyOf(fileIoProperties);
    this.newTableLocation = requireNonNull(newTableLocation, "newTableLocation");
    try {
      this.registry = DriverManager.getConnection(jdbcUrl);
      try (Statement s = registry.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS s3tables_table_buckets ("
                + "name TEXT PRIMARY KEY, table_bucket_id TEXT NOT NULL, created_at TEXT NOT NULL)");
      }
      try (Statement s = registry.createStatement();
          ResultSet rs = s.executeQuery("SELECT name, table_bucket_id, created_at FROM s3tables_table_buckets")) {
        while (rs.next()) {
          open(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the table bucket registry", e);
    }
  }

  public String arnOf(String name) {
    return "arn:aws:s3tables:" + region + ":" + accountId + ":bucket/" + name;
  }

  /** Creates a table bucket; fails with AlreadyExistsException if the name is taken. */
  public synchronized TableBucket create(String name) {
    S3TablesNames.checkBucket(name);
    if (buckets.containsKey(name)) {
      throw new AlreadyExistsException("The table bucket %s already exists", name);
    }
    String id = UUID.randomUUID().toString();
    Instant createdAt = Instant.now();
    try (PreparedStatement insert =
        registry.prepareStatement(
            "INSERT INTO s3tables_table_buckets (name, table_bucket_id, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, id);
      insert.setString(3, createdAt.toString());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record table bucket " + name, e);
    }
    return open(name, id, createdAt);
  }

  /** The bucket of that name, creating it if it does not exist yet. */
  public synchronized TableBucket getOrCreate(String name) {
    TableBucket existing = buckets.get(name);
    return existing != null ? existing : create(name);
  }

  public Optional<TableBucket> byName(String name) {
    return Optional.ofNullable(buckets.get(name));
  }

  public Optional<TableBucket> byArn(String arn) {
    String prefix = arnOf("");
    if (arn == null || !arn.startsWith(prefix)) {
      return Optional.empty();
    }
    return byName(arn.substring(prefix.length()));
  }

  /** All buckets in name order. */
  public List<TableBucket> list() {
    return new ArrayList<>(buckets.values());
  }

  /** Deletes an empty table bucket, as DeleteTableBucket does. */
  public synchronized void delete(String name) {
    TableBucket bucket = buckets.get(name);
    if (bucket == null) {
      throw new NotFoundException("The table bucket %s does not exist", name);
    }
    if (!bucket.catalog().listNamespaces().isEmpty()) {
      throw new IllegalStateException("The table bucket " + name + " is not empty");
    }
    try (PreparedStatement delete =
        registry.prepareStatement("DELETE FROM s3tables_table_buckets WHERE name = ?")) {
      delete.setString(1, name);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot delete table bucket " + name, e);
    }
    buckets.remove(name);
    bucket.catalog().close();
  }

  private TableBucket open(String name, String id, Instant createdAt) {
    TableBucketCatalog catalog = new TableBucketCatalog(newTableLocation);
    Map<String, String> properties = new HashMap<>(fileIoProperties);
    properties.put("uri", jdbcUrl);
    // Every table names its own location, so the warehouse is never used; JdbcCatalog wants one.
    properties.put("warehouse", "s3://" + name + "--unused");
    properties.put("jdbc.schema-version", "V1");
    // Without strict mode JdbcCatalog creates tables in namespaces that do not exist.
    properties.put("jdbc.strict-mode", "true");
    catalog.initialize(name, properties);
    TableBucket bucket = new TableBucket(name, arnOf(name), id, accountId, createdAt, catalog);
    buckets.put(name, bucket);
    return bucket;
  }

  @Override
  public synchronized void close() {
    for (TableBucket bucket : buckets.values()) {
      bucket.catalog().close();
    }
    buckets.clear();
    try {
      registry.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close the table bucket registry", e);
    }
  }
}
