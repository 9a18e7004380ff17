package dev.s3tables.jdbc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The tables the write cases fill, in namespace {@code bench} of the demo bucket. The stand-in,
 * like S3 Tables, never deletes objects, so dropping a table here also deletes its storage folder
 * from the filesystem backend: repeated runs do not pile up copies of lineitem.
 */
final class BenchTables {
  static final Namespace NAMESPACE = Namespace.of("bench");

  private final Catalog catalog;
  private final Path objectsDir;

  BenchTables(Catalog catalog, Path objectsDir) {
    this.catalog = catalog;
    this.objectsDir = objectsDir;
  }

  /** Creates namespace bench if absent and drops whatever an interrupted run left in it. */
  void reset() {
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    if (!namespaces.namespaceExists(NAMESPACE)) {
      namespaces.createNamespace(NAMESPACE);
    }
    for (TableIdentifier id : catalog.listTables(NAMESPACE)) {
      drop(id.name());
    }
  }

  Table create(String name, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    return catalog.createTable(TableIdentifier.of(NAMESPACE, name), schema, spec, properties);
  }

  Table load(String name) {
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, name));
  }

  void drop(String name) {
    TableIdentifier id = TableIdentifier.of(NAMESPACE, name);
    URI location = URI.create(catalog.loadTable(id).location());
    catalog.dropTable(id, true);
    deleteRecursively(objectsDir.resolve(location.getHost()));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
