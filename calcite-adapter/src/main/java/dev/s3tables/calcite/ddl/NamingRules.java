package dev.s3tables.calcite.ddl;

import java.util.regex.Pattern;

/**
 * The names S3 Tables accepts, checked before any request: namespaces and tables have 1 to 255
 * characters of lowercase letters, digits and underscores and start with a letter or digit;
 * namespaces may not start with {@code aws}.
 */
public final class NamingRules {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_]{0,254}");
  private static final String RULE =
      "1 to 255 characters of lowercase letters (a-z), digits and underscores, starting with a letter or digit";

  private NamingRules() {}

  /** Fails with SQLState 42602 and the rule if S3 Tables would refuse the namespace name. */
  public static void checkNamespace(String name) {
    if (!NAME.matcher(name).matches()) {
      throw DdlException.invalidName("Invalid schema name '" + name + "': an S3 Tables namespace name has " + RULE);
    }
    if (name.startsWith("aws")) {
      throw DdlException.invalidName("Invalid schema name '" + name + "': an S3 Tables namespace name may not start with 'aws'");
    }
  }

  /** Fails with SQLState 42602 and the rule if S3 Tables would refuse the table name. */
  public static void checkTable(String name) {
    if (!NAME.matcher(name).matches()) {
      throw DdlException.invalidName("Invalid table name '" + name + "': an S3 Tables table name has " + RULE);
    }
  }
}
