package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBucketCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What the control plane tells about a table, read from its current metadata (one catalog query
 * and one metadata file read): id, ARN, version token, locations and timestamps.
 */
record TableFacts(TableIdentifier identifier, Table table, TableMetadata metadata) {
  private static final Pattern TABLE_STORAGE = Pattern.compile("s3://([^/]+)--table-s3/?");

  TableFacts {
    requireNonNull(identifier, "identifier");
    requireNonNull(table, "table");
    requireNonNull(metadata, "metadata");
  }

  static TableFacts load(TableBucketCatalog catalog, TableIdentifier identifier) {
    return of(identifier, catalog.loadTable(identifier));
  }

  static TableFacts of(TableIdentifier identifier, Table table) {
    return new TableFacts(identifier, table, ((HasTableOperations) table).operations().current());
  }

  /**
   * The version token: a digest of the current metadata location, so it stays the same until the
   * next commit and changes with every commit.
   */
  static String versionToken(String metadataLocation) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(metadataLocation.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  String versionToken() {
    return versionToken(metadataLocation());
  }

  String metadataLocation() {
    return metadata.metadataFileLocation();
  }

  String warehouseLocation() {
    return metadata.location();
  }

  /** The id of the table's own storage bucket {@code s3://<id>--table-s3}, as the service uses it. */
  String tableId() {
    Matcher m = TABLE_STORAGE.matcher(warehouseLocation());
    return m.matches()
        ? m.group(1)
        : UUID.nameUUIDFromBytes(warehouseLocation().getBytes(StandardCharsets.UTF_8)).toString();
  }

  String arn(TableBucket bucket) {
    return bucket.arn() + "/table/" + tableId();
  }

  /**
   * When the table was created: the time of the oldest metadata file the metadata log still names
   * (Iceberg keeps the last 100 by default), or the last update if the log is empty.
   */
  Instant createdAt() {
    List<TableMetadata.MetadataLogEntry> log = metadata.previousFiles();
    return Instant.ofEpochMilli(log.isEmpty() ? metadata.lastUpdatedMillis() : log.get(0).timestampMillis());
  }

  Instant modifiedAt() {
    return Instant.ofEpochMilli(metadata.lastUpdatedMillis());
  }
}
