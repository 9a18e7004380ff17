package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A namespace's tables, where {@code "t$kind"} also finds the metadata table {@code kind} of table
 * {@code t}. Only lookups find them: listings are the namespace's own tables, so tools browsing a
 * namespace neither see nor pay for metadata tables. S3 Tables names cannot contain {@code $}, so
 * no table is hidden by this.
 */
public final class MetadataTableLookup implements Lookup<Table> {
  private static final char SEPARATOR = '$';

  private final Lookup<Table> tables;
  private final ControlPlane controlPlane;

  private MetadataTableLookup(Lookup<Table> tables, ControlPlane controlPlane) {
    this.tables = requireNonNull(tables, "tables");
    this.controlPlane = requireNonNull(controlPlane, "controlPlane");
  }

  /** The namespace's tables, with their metadata tables found by name. */
  public static Lookup<Table> over(Lookup<Table> tables, ControlPlane controlPlane) {
    return new MetadataTableLookup(tables, controlPlane);
  }

  @Override
  public @Nullable Table get(String name) {
    Table table = tables.get(name);
    int at = name.lastIndexOf(SEPARATOR);
    if (table != null || at < 0) {
      return table;
    }
    return metadataTable(tables.get(name.substring(0, at)), name.substring(at + 1));
  }

  @Override
  public @Nullable Named<Table> getIgnoreCase(String name) {
    Named<Table> table = tables.getIgnoreCase(name);
    int at = name.lastIndexOf(SEPARATOR);
    if (table != null || at < 0) {
      return table;
    }
    Named<Table> base = tables.getIgnoreCase(name.substring(0, at));
    String kind = name.substring(at + 1).toLowerCase(Locale.ROOT);
    Table metadata = metadataTable(base == null ? null : base.entity(), kind);
    return metadata == null ? null : new Named<>(base.name() + SEPARATOR + kind, metadata);
  }

  /**
   * The metadata table, or null if there is no such table; an unknown kind of an existing table
   * fails with the kinds there are, which says more than "not found".
   */
  private @Nullable Table metadataTable(@Nullable Table base, String kind) {
    if (!(base instanceof IcebergTable iceberg)) {
      return null;
    }
    MetadataTable metadata = MetadataTableKinds.create(iceberg, kind, controlPlane);
    if (metadata == null) {
      throw new NoSuchTableException(
          "Table %s.%s has no metadata table '%s'; metadata tables are \"%s$<kind>\" with kind one of %s",
          iceberg.namespace(), iceberg.name(), kind, iceberg.name(), String.join(", ", MetadataTableKinds.names()));
    }
    return metadata;
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    return tables.getNames(pattern);
  }
}
