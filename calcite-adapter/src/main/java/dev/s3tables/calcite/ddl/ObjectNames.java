package dev.s3tables.calcite.ddl;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.timetravel.SnapshotName;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Turns the names a DDL statement writes into namespaces and table identifiers of the bucket: a
 * table is {@code t} (in the connection's schema), {@code ns.t}, or {@code bucket.ns.t}; a schema
 * is {@code ns} or {@code bucket.ns}.
 */
final class ObjectNames {
  private final String bucketName;
  private final Optional<String> defaultSchema;

  ObjectNames(String bucketName, Optional<String> defaultSchema) {
    this.bucketName = requireNonNull(bucketName, "bucketName");
    this.defaultSchema = requireNonNull(defaultSchema, "defaultSchema");
  }

  String namespace(SqlIdentifier id) {
    checkNotStar(id);
    List<String> names = id.names;
    if (names.size() == 2 && names.get(0).equals(bucketName)) {
      return names.get(1);
    }
    if (names.size() != 1) {
      throw DdlException.invalidName("Invalid schema name '" + id + "': S3 Tables namespaces have one level");
    }
    return names.get(0);
  }

  /** A table a DDL statement names; never a version of one ({@code "t@..."}), which is read-only. */
  TableIdentifier table(SqlIdentifier id) {
    TableIdentifier table = anyTable(id);
    if (SnapshotName.parse(table.name()).isPresent()) {
      throw DdlException.invalid("Table " + table + " names a version of a table, which is read-only:"
          + " DDL changes tables themselves", null);
    }
    return table;
  }

  private TableIdentifier anyTable(SqlIdentifier id) {
    checkNotStar(id);
    List<String> names = id.names;
    if (names.size() == 3 && names.get(0).equals(bucketName)) {
      return TableIdentifier.of(names.get(1), names.get(2));
    }
    return switch (names.size()) {
      case 1 -> TableIdentifier.of(
          defaultSchema.orElseThrow(() -> DdlException.noSchemaGiven(id.toString())),
          names.get(0));
      case 2 -> TableIdentifier.of(names.get(0), names.get(1));
      default -> throw DdlException.invalidName("Invalid table name '" + id + "': write table, schema.table or "
          + bucketName + ".schema.table");
    };
  }

  /** {@code ns.*} parses as an identifier with an empty last name; it names no object. */
  private static void checkNotStar(SqlIdentifier id) {
    if (id.isStar() || id.names.stream().anyMatch(String::isEmpty)) {
      throw DdlException.invalidName("Invalid name '" + id + "': DDL names one schema or table, not a pattern");
    }
  }

  /** A table that a DDL statement creates or renames to, checked against the naming rules. */
  TableIdentifier newTable(SqlIdentifier id) {
    TableIdentifier table = table(id);
    NamingRules.checkNamespace(table.namespace().level(0));
    NamingRules.checkTable(table.name());
    return table;
  }

  /** The new name of a renamed table: {@code u} stays in the table's namespace, {@code ns.u} moves it. */
  TableIdentifier renamed(TableIdentifier from, SqlIdentifier to) {
    TableIdentifier target = to.names.size() == 1 ? TableIdentifier.of(from.namespace(), to.getSimple()) : table(to);
    NamingRules.checkNamespace(target.namespace().level(0));
    NamingRules.checkTable(target.name());
    return target;
  }

  /** A namespace that a DDL statement creates, checked against the naming rules. */
  String newNamespace(SqlIdentifier id) {
    String namespace = namespace(id);
    NamingRules.checkNamespace(namespace);
    return namespace;
  }
}
