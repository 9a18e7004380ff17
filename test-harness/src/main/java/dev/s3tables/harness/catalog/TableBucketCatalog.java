package dev.s3tables.harness.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The Iceberg catalog behind one table bucket: Iceberg's JdbcCatalog with the conventions of S3
 * Tables. Every table gets a storage location of its own ({@code s3://<id>--table-s3}), namespaces
 * expose no location, names follow the service's rules, and dropping a table never deletes
 * objects (the service removes them later by itself).
 */
public final class TableBucketCatalog extends JdbcCatalog {
  static final String CREATED_AT = "s3tables.created-at";
  static final String NAMESPACE_ID = "s3tables.namespace-id";

  private final Supplier<String> newTableLocation;

  /** @param newTableLocation creates the storage bucket of a new table and returns its location */
  TableBucketCatalog(Supplier<String> newTableLocation) {
    this.newTableLocation = requireNonNull(newTableLocation, "newTableLocation");
  }

  @Override
  protected String defaultWarehouseLocation(TableIdentifier identifier) {
    return newTableLocation.get();
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> properties) {
    S3TablesNames.checkNamespace(namespace);
    Map<String, String> withFacts = new HashMap<>(properties);
    withFacts.put(CREATED_AT, Instant.now().toString());
    withFacts.put(NAMESPACE_ID, UUID.randomUUID().toString());
    super.createNamespace(namespace, withFacts);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    Map<String, String> visible = new HashMap<>(super.loadNamespaceMetadata(namespace));
    visible.remove("location");
    visible.keySet().removeIf(key -> key.startsWith("s3tables."));
    return visible;
  }

  /** The service's own facts of a namespace: when it was created and its id. */
  public NamespaceFacts namespaceFacts(Namespace namespace) {
    Map<String, String> all = super.loadNamespaceMetadata(namespace);
    return new NamespaceFacts(
        Instant.parse(all.getOrDefault(CREATED_AT, Instant.EPOCH.toString())),
        all.getOrDefault(NAMESPACE_ID, namespace.level(0)));
  }

  public record NamespaceFacts(Instant createdAt, String namespaceId) {}

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    S3TablesNames.checkTable(identifier);
    return new ServiceLocatedTableBuilder(super.buildTable(identifier, schema));
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    S3TablesNames.checkTable(to);
    super.renameTable(from, to);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return super.dropTable(identifier, false);
  }

  /** S3 Tables assigns every table's location; a client may not choose one. */
  private static final class ServiceLocatedTableBuilder implements Catalog.TableBuilder {
    private final Catalog.TableBuilder delegate;

    ServiceLocatedTableBuilder(Catalog.TableBuilder delegate) {
      this.delegate = delegate;
    }

    @Override
    public Catalog.TableBuilder withPartitionSpec(PartitionSpec spec) {
      delegate.withPartitionSpec(spec);
      return this;
    }

    @Override
    public Catalog.TableBuilder withSortOrder(SortOrder sortOrder) {
      delegate.withSortOrder(sortOrder);
      return this;
    }

    @Override
    public Catalog.TableBuilder withLocation(String location) {
      if (location != null) {
        throw new IllegalArgumentException(
            "S3 Tables assigns table locations; a table may not be created with location " + location);
      }
      return this;
    }

    @Override
    public Catalog.TableBuilder withProperties(Map<String, String> properties) {
      delegate.withProperties(properties);
      return this;
    }

    @Override
    public Catalog.TableBuilder withProperty(String key, String value) {
      delegate.withProperty(key, value);
      return this;
    }

    @Override
    public Table create() {
      return delegate.create();
    }

    @Override
    public Transaction createTransaction() {
      return delegate.createTransaction();
    }

    @Override
    public Transaction replaceTransaction() {
      return delegate.replaceTransaction();
    }

    @Override
    public Transaction createOrReplaceTransaction() {
      return delegate.createOrReplaceTransaction();
    }
  }
}
