package dev.s3tables.calcite.schema;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.BucketCatalog;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;

/** The root schema of a connection: one table bucket, whose namespaces are its sub-schemas. */
public final class BucketSchema extends CatalogSchema {
  private final BucketCatalog catalog;
  private final Lookup<NamespaceSchema> namespaces;

  public BucketSchema(BucketCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.namespaces = new NameLookup<>(catalog::namespaceNames, name -> new NamespaceSchema(catalog, name));
  }

  public BucketCatalog catalog() {
    return catalog;
  }

  @Override
  public Lookup<Table> tables() {
    return Lookup.empty();
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return namespaces;
  }
}
