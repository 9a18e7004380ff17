package dev.s3tables.calcite.schema;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.timetravel.SnapshotName;
import dev.s3tables.calcite.timetravel.TableVersion;
import dev.s3tables.calcite.timetravel.TableVersions;
import dev.s3tables.calcite.timetravel.TimeTravelException;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A namespace's tables, where a name {@code "t@<snapshot id>"} or {@code "t@<branch or tag>"} also
 * finds table {@code t} at that version, checked against its metadata (an unknown version fails
 * with a {@link TimeTravelException}). Such names are never listed, so listings stay one entry per
 * table.
 */
final class SnapshotLookup implements Lookup<Table> {
  private final BucketCatalog catalog;
  private final String namespace;
  private final Lookup<Table> tables;

  SnapshotLookup(BucketCatalog catalog, String namespace, Lookup<Table> tables) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.namespace = requireNonNull(namespace, "namespace");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public @Nullable Table get(String name) {
    Optional<SnapshotName> version = SnapshotName.parse(name);
    if (version.isEmpty()) {
      return tables.get(name);
    }
    String table = version.get().table();
    return tables.get(table) == null ? null : atVersion(table, version.get().suffix());
  }

  @Override
  public @Nullable Named<Table> getIgnoreCase(String name) {
    Optional<SnapshotName> version = SnapshotName.parse(name);
    if (version.isEmpty()) {
      return tables.getIgnoreCase(name);
    }
    Named<Table> table = tables.getIgnoreCase(version.get().table());
    return table == null
        ? null
        : new Named<>(version.get().withTable(table.name()), atVersion(table.name(), version.get().suffix()));
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    return tables.getNames(pattern);
  }

  private IcebergTable atVersion(String table, String suffix) {
    TableVersion version;
    try {
      version = TableVersions.pin(catalog.table(namespace, table), suffix);
    } catch (TimeTravelException e) {
      // The snapshot or ref may be newer than the table's cached metadata: look once more, freshly loaded.
      catalog.forget(namespace, table);
      version = TableVersions.pin(catalog.table(namespace, table), suffix);
    }
    return new IcebergTable(catalog, namespace, table, version);
  }
}
