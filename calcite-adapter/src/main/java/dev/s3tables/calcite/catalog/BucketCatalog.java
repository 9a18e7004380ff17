package dev.s3tables.calcite.catalog;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.s3tables.calcite.DaemonPools;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One table bucket's Iceberg catalog as a connection sees it: namespace and table names, and
 * loaded tables, each kept for the connection's metadata TTL so that browsing costs a page of
 * requests, never a table load per table, and a refresh after the TTL sees what changed.
 */
public final class BucketCatalog implements Closeable {
  static final int PARALLEL_LOADS = 8;

  private static final ExecutorService LOADERS = DaemonPools.cached("s3tables-table-loader");

  private final String bucketName;
  private final Catalog catalog;
  private final SupportsNamespaces namespaces;
  private final LoadingCache<String, List<String>> namespaceNames;
  private final LoadingCache<String, List<String>> tableNames;
  private final LoadingCache<TableIdentifier, Table> tables;
  private final ControlPlane controlPlane;
  private final Closeable onClose;

  /**
   * @param catalog the bucket's catalog; it must also implement {@link SupportsNamespaces}
   * @param controlPlane the bucket's S3 Tables control plane; closed with the catalog
   * @param ttl how long listings and loaded tables are reused; zero reloads on every use
   * @param onClose releases what the catalog was opened with (credentials), after the catalog
   */
  public BucketCatalog(String bucketName, Catalog catalog, ControlPlane controlPlane, Duration ttl, Closeable onClose) {
    this.bucketName = requireNonNull(bucketName, "bucketName");
    this.catalog = requireNonNull(catalog, "catalog");
    this.controlPlane = requireNonNull(controlPlane, "controlPlane");
    if (!(catalog instanceof SupportsNamespaces supportsNamespaces)) {
      throw new IllegalArgumentException("The catalog must support namespaces: " + catalog);
    }
    this.namespaces = supportsNamespaces;
    requireNonNull(ttl, "ttl");
    this.onClose = requireNonNull(onClose, "onClose");
    this.namespaceNames =
        cache(ttl, CacheLoader.from(ignored -> this.namespaces.listNamespaces().stream()
            .map(ns -> String.join(".", ns.levels()))
            .sorted()
            .toList()));
    this.tableNames =
        cache(ttl, CacheLoader.from(ns -> this.catalog.listTables(Namespace.of(ns)).stream()
            .map(TableIdentifier::name)
            .sorted()
            .toList()));
    this.tables = cache(ttl, CacheLoader.from(this.catalog::loadTable));
  }

  private static <K, V> LoadingCache<K, V> cache(Duration ttl, CacheLoader<K, V> loader) {
    return CacheBuilder.newBuilder().expireAfterWrite(ttl).build(loader);
  }

  /** The table bucket's name, which tools show as the catalog. */
  public String bucketName() {
    return bucketName;
  }

  public List<String> namespaceNames() {
    return get(namespaceNames, "");
  }

  public List<String> tableNames(String namespace) {
    return get(tableNames, requireNonNull(namespace, "namespace"));
  }

  /** The table, loaded on first use and reused for the TTL. */
  public Table table(String namespace, String name) {
    return get(tables, TableIdentifier.of(requireNonNull(namespace, "namespace"), requireNonNull(name, "name")));
  }

  /**
   * Loads the named tables of a namespace that are not loaded yet, {@link #PARALLEL_LOADS} at a
   * time: tools ask for a whole schema's columns at once, and one round trip after another is what
   * would make that slow. A table that fails to load is left for its next use to report.
   */
  public void loadTables(String namespace, Collection<String> names) {
    requireNonNull(namespace, "namespace");
    Queue<TableIdentifier> missing = new ConcurrentLinkedQueue<>();
    for (String name : names) {
      TableIdentifier id = TableIdentifier.of(namespace, name);
      if (tables.getIfPresent(id) == null) {
        missing.add(id);
      }
    }
    List<Future<?>> loaders = new ArrayList<>();
    for (int i = Math.min(PARALLEL_LOADS, missing.size()); i > 0; i--) {
      loaders.add(LOADERS.submit(() -> {
        for (TableIdentifier id = missing.poll(); id != null; id = missing.poll()) {
          try {
            tables.get(id);
          } catch (ExecutionException | RuntimeException e) {
            // Reported where the table is used, as if it had never been loaded ahead.
          }
        }
      }));
    }
    for (Future<?> loader : loaders) {
      try {
        loader.get();
      } catch (ExecutionException e) {
        // Cannot happen: each loader keeps its failures to itself.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The table if it is loaded and not expired; never loads it. */
  public Optional<Table> cachedTable(String namespace, String name) {
    return Optional.ofNullable(tables.getIfPresent(TableIdentifier.of(namespace, name)));
  }

  /** The catalog itself, for writes and checks that must not be cached. */
  public Catalog catalog() {
    return catalog;
  }

  public SupportsNamespaces namespaces() {
    return namespaces;
  }

  /** The bucket's control plane, for what only the S3 Tables service knows; never cached. */
  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Forgets one loaded table, after a write changed it, so the next use loads the new snapshot. */
  public void forget(String namespace, String name) {
    tables.invalidate(TableIdentifier.of(namespace, name));
  }

  /** Forgets every listing and loaded table. */
  public void invalidate() {
    namespaceNames.invalidateAll();
    tableNames.invalidateAll();
    tables.invalidateAll();
  }

  private static <K, V> V get(LoadingCache<K, V> cache, K key) {
    try {
      return cache.get(key);
    } catch (ExecutionException | UncheckedExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    invalidate();
    try (onClose; controlPlane) {
      if (catalog instanceof Closeable closeable) {
        closeable.close();
      }
    }
  }

  @Override
  public String toString() {
    return "BucketCatalog[" + bucketName + "]";
  }
}
