package dev.s3tables.calcite.schema;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.meta.MetadataTableLookup;
import dev.s3tables.calcite.table.IcebergTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * One namespace of the table bucket; its tables are listed by name and loaded on first use, and
 * versions of them ({@link SnapshotLookup}) and their metadata tables ({@code "t$snapshots"}) are found
 * by name but never listed.
 */
public final class NamespaceSchema extends CatalogSchema {
  private final String namespace;
  private final Lookup<Table> tables;

  NamespaceSchema(BucketCatalog catalog, String namespace) {
    requireNonNull(catalog, "catalog");
    this.namespace = requireNonNull(namespace, "namespace");
    this.tables = MetadataTableLookup.over(
        new SnapshotLookup(catalog, namespace,
            new NameLookup<>(() -> catalog.tableNames(namespace), name -> new IcebergTable(catalog, namespace, name))),
        catalog.controlPlane());
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return Lookup.empty();
  }
}
