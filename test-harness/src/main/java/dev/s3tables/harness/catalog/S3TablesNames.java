package dev.s3tables.harness.catalog;

import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** The naming rules S3 Tables enforces on table buckets, namespaces and tables. */
public final class S3TablesNames {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_]{0,254}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  private S3TablesNames() {}

  public static void checkBucket(String name) {
    if (name == null || !BUCKET.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid table bucket name '" + name + "': a table bucket name has 3 to 63 characters"
              + " of lowercase letters, digits and hyphens, and starts and ends with a letter or digit");
    }
  }

  public static void checkNamespace(Namespace namespace) {
    if (namespace.levels().length != 1) {
      throw new IllegalArgumentException(
          "Invalid namespace " + namespace + ": S3 Tables namespaces have exactly one level");
    }
    String name = namespace.level(0);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid namespace name '" + name + "': a namespace name has 1 to 255 characters of"
              + " lowercase letters, digits and underscores, and starts with a letter or digit");
    }
    if (name.startsWith("aws")) {
      throw new IllegalArgumentException(
          "Invalid namespace name '" + name + "': a namespace name may not start with 'aws'");
    }
  }

  public static void checkTable(TableIdentifier identifier) {
    checkNamespace(identifier.namespace());
    String name = identifier.name();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid table name '" + name + "': a table name has 1 to 255 characters of"
              + " lowercase letters, digits and underscores, and starts with a letter or digit");
    }
  }
}
