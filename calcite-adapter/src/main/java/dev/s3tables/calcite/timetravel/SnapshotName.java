package dev.s3tables.calcite.timetravel;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table name that names a version of a table: {@code "t@<snapshot id>"} or {@code
 * "t@<branch or tag>"}. S3 Tables table names have no {@code @}, so the first one splits the name;
 * ref names may hold more.
 *
 * @param table the table's own name
 * @param suffix what follows the {@code @}
 */
public record SnapshotName(String table, String suffix) {
  private static final char SEPARATOR = '@';

  public SnapshotName {
    requireNonNull(table, "table");
    requireNonNull(suffix, "suffix");
  }

  /** The name split at its first {@code @}; empty for a plain table name. */
  public static Optional<SnapshotName> parse(String name) {
    int at = requireNonNull(name, "name").indexOf(SEPARATOR);
    return at < 0 ? Optional.empty() : Optional.of(new SnapshotName(name.substring(0, at), name.substring(at + 1)));
  }

  /** The same version of a table of this name (as a case-insensitive lookup spells it). */
  public String withTable(String tableName) {
    return tableName + SEPARATOR + suffix;
  }
}
