package dev.s3tables.harness.demo;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What a demo table is made of: its name, schema, partitioning and table properties. The location
 * is always left to the catalog.
 */
record TableDefinition(
    TableIdentifier identifier, Schema schema, PartitionSpec spec, Map<String, String> properties) {

  /** The Iceberg table property that engines show as the table's comment. */
  static final String COMMENT = "comment";

  TableDefinition {
    requireNonNull(identifier, "identifier");
    requireNonNull(schema, "schema");
    requireNonNull(spec, "spec");
    properties = Map.copyOf(properties);
  }

  /**
   * The properties every demo table gets: format version 2, Parquet data files compressed with
   * zstd, and {@code comment}.
   */
  static Map<String, String> demoTableProperties(String comment) {
    return Map.of(
        COMMENT, requireNonNull(comment, "comment"),
        TableProperties.FORMAT_VERSION, "2",
        TableProperties.DEFAULT_FILE_FORMAT, "parquet",
        TableProperties.PARQUET_COMPRESSION, "zstd");
  }

  Table create(Catalog catalog) {
    return catalog
        .buildTable(identifier, schema)
        .withPartitionSpec(spec)
        .withProperties(properties)
        .create();
  }

  /**
   * Drops this table after seeding it failed, so that the next seed, which skips existing tables,
   * does not keep an empty table; a failure to drop is attached to {@code failure}.
   */
  void dropAfterFailedSeed(Catalog catalog, RuntimeException failure) {
    try {
      catalog.dropTable(identifier, true);
    } catch (RuntimeException dropFailure) {
      failure.addSuppressed(dropFailure);
    }
  }
}
