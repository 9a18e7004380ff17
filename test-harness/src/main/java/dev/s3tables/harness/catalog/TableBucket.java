package dev.s3tables.harness.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One table bucket of the stand-in: its identity and the Iceberg catalog that holds its tables. */
public final class TableBucket {
  private final String name;
  private final String arn;
  private final String tableBucketId;
  private final String ownerAccountId;
  private final Instant createdAt;
  private final TableBucketCatalog catalog;
  private final BucketRestServlet restServlet;

  TableBucket(
      String name,
      String arn,
      String tableBucketId,
      String ownerAccountId,
      Instant createdAt,
      TableBucketCatalog catalog) {
    this.name = requireNonNull(name, "name");
    this.arn = requireNonNull(arn, "arn");
    this.tableBucketId = requireNonNull(tableBucketId, "tableBucketId");
    this.ownerAccountId = requireNonNull(ownerAccountId, "ownerAccountId");
    this.createdAt = requireNonNull(createdAt, "createdAt");
    this.catalog = requireNonNull(catalog, "catalog");
    this.restServlet = new BucketRestServlet(catalog);
  }

  public String name() {
    return name;
  }

  public String arn() {
    return arn;
  }

  public String tableBucketId() {
    return tableBucketId;
  }

  public String ownerAccountId() {
    return ownerAccountId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The backend catalog, for seeding and inspecting the bucket without going over HTTP. */
  public TableBucketCatalog catalog() {
    return catalog;
  }

  /** Iceberg's REST reference servlet over this bucket's catalog; it knows no prefix. */
  BucketRestServlet restServlet() {
    return restServlet;
  }

  @Override
  public String toString() {
    return "TableBucket[" + arn + "]";
  }
}
