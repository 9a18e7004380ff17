package dev.s3tables.jdbc.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The keys a connection URL and its Properties may carry, as getPropertyInfo shows them. */
public enum ConnectionProperty {
  REGION("region", null, "AWS region of the table bucket; default: the region in the bucket ARN"),
  REST_ENDPOINT(
      "restEndpoint",
      null,
      "Iceberg REST endpoint; default https://s3tables.<region>.amazonaws.com/iceberg"
          + " (https://glue.<region>.amazonaws.com/iceberg with catalog=glue)"),
  S3_ENDPOINT("s3Endpoint", null, "Object storage endpoint; default: the regional S3 endpoint"),
  S3TABLES_ENDPOINT(
      "s3tablesEndpoint", null, "S3 Tables control-plane endpoint; default: the regional endpoint"),
  ALLOW_INSECURE_ENDPOINTS(
      "allowInsecureEndpoints",
      "false",
      "Allow plain http:// endpoints on hosts other than this machine (loopback is always allowed);"
          + " signed requests and data then travel unencrypted",
      "true",
      "false"),
  PATH_STYLE_ACCESS(
      "pathStyleAccess",
      null,
      "Path-style S3 requests; default true when s3Endpoint is set, else false",
      "true",
      "false"),
  USER("user", null, "AWS access key id (the login field of SQL tools)"),
  PASSWORD("password", null, "AWS secret access key (the password field of SQL tools)"),
  ACCESS_KEY_ID("accessKeyId", null, "AWS access key id; same as user"),
  SECRET_ACCESS_KEY("secretAccessKey", null, "AWS secret access key; same as password"),
  SESSION_TOKEN("sessionToken", null, "AWS session token for temporary credentials"),
  PROFILE("profile", null, "Named profile of the AWS config and credentials files"),
  ROLE_ARN("roleArn", null, "IAM role to assume with STS, on top of the other credentials"),
  ROLE_SESSION_NAME("roleSessionName", "s3tables-jdbc", "Session name for roleArn"),
  CATALOG(
      "catalog",
      "s3tables",
      "s3tables: the S3 Tables Iceberg REST endpoint; glue: the Glue Iceberg REST endpoint",
      "s3tables",
      "glue"),
  SCHEMA("schema", null, "Default namespace of the connection"),
  METADATA_CACHE_TTL(
      "metadataCacheTtl",
      "60",
      "Seconds a connection keeps namespace lists, table lists and table metadata before"
          + " asking the catalog again; 0 asks every time"),
  READ_ONLY("readOnly", "false", "Reject every statement that would write", "true", "false");

  private final String key;
  private final String defaultValue;
  private final String description;
  private final List<String> choices;

  ConnectionProperty(String key, String defaultValue, String description, String... choices) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = List.of(choices);
  }

  public String key() {
    return key;
  }

  /** The default, or null where the default is computed or absent. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The allowed values, or an empty list where any value goes. */
  public List<String> choices() {
    return choices;
  }

  /** Secrets are never echoed: not in messages, not in getPropertyInfo, not in the URL. */
  public boolean isSecret() {
    return this == PASSWORD || this == SECRET_ACCESS_KEY || this == SESSION_TOKEN;
  }

  /** The property of a key, matched without regard to case. */
  public static Optional<ConnectionProperty> of(String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    for (ConnectionProperty property : values()) {
      if (property.key.toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }
}
