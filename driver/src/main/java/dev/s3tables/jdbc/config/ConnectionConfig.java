package dev.s3tables.jdbc.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Everything a connection needs, parsed and checked from a {@code jdbc:s3tables:} URL and its
 * Properties. Parsing fails with SQLState 08001 and a message that shows the expected form and
 * never a secret.
 */
public record ConnectionConfig(
    BucketArn bucket,
    String region,
    CatalogType catalogType,
    URI restEndpoint,
    Optional<URI> s3Endpoint,
    Optional<URI> s3tablesEndpoint,
    boolean allowInsecureEndpoints,
    boolean pathStyleAccess,
    CredentialsSource credentials,
    Optional<String> defaultSchema,
    Duration metadataCacheTtl,
    boolean readOnly) {

  public static final String URL_PREFIX = "jdbc:s3tables:";
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final String EXPECTED_FORM =
      "expected jdbc:s3tables:arn:aws:s3tables:<region>:<account>:bucket/<name>[?key=value&...]";

  /** Which Iceberg REST endpoint serves the bucket. */
  public enum CatalogType {
    S3TABLES("s3tables"),
    GLUE("glue");

    private final String signingName;

    CatalogType(String signingName) {
      this.signingName = signingName;
    }

    public String signingName() {
      return signingName;
    }
  }

  public ConnectionConfig {
    requireNonNull(bucket, "bucket");
    requireNonNull(region, "region");
    requireNonNull(catalogType, "catalogType");
    requireNonNull(restEndpoint, "restEndpoint");
    requireNonNull(s3Endpoint, "s3Endpoint");
    requireNonNull(s3tablesEndpoint, "s3tablesEndpoint");
    requireNonNull(credentials, "credentials");
    requireNonNull(defaultSchema, "defaultSchema");
    requireNonNull(metadataCacheTtl, "metadataCacheTtl");
  }

  /** The warehouse the REST endpoint expects: the bucket ARN, or Glue's catalog path for it. */
  public String warehouse() {
    return catalogType == CatalogType.S3TABLES
        ? bucket.arn()
        : bucket.account() + ":s3tablescatalog/" + bucket.name();
  }

  /** The URL without its query: safe to show, whatever the user put in the query. */
  public String displayUrl() {
    return URL_PREFIX + bucket.arn();
  }

  public static ConnectionConfig parse(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(URL_PREFIX)) {
      throw invalid("Not an s3tables URL; " + EXPECTED_FORM);
    }
    String rest = url.substring(URL_PREFIX.length());
    int query = rest.indexOf('?');
    BucketArn bucket = BucketArn.parse(query < 0 ? rest : rest.substring(0, query));
    Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw invalid("Malformed URL parameter: each parameter is key=value; " + EXPECTED_FORM);
        }
        put(values, decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        put(values, key, info.getProperty(key));
      }
    }
    return build(bucket, values);
  }

  private static ConnectionConfig build(BucketArn bucket, Map<ConnectionProperty, String> values)
      throws SQLException {
    String region = values.getOrDefault(ConnectionProperty.REGION, bucket.region());
    if (!REGION.matcher(region).matches()) {
      // It becomes part of the default endpoints' host names.
      throw invalid("Invalid region '" + region + "': a region is lowercase letters, digits and hyphens, as us-east-1");
    }
    CatalogType catalogType =
        switch (values.getOrDefault(ConnectionProperty.CATALOG, "s3tables").toLowerCase(Locale.ROOT)) {
          case "s3tables" -> CatalogType.S3TABLES;
          case "glue" -> CatalogType.GLUE;
          default -> throw invalid("Unknown catalog '" + values.get(ConnectionProperty.CATALOG)
              + "'; catalog is one of s3tables, glue");
        };
    URI restEndpoint =
        endpoint(values, ConnectionProperty.REST_ENDPOINT)
            .orElse(URI.create(catalogType == CatalogType.S3TABLES
                ? "https://s3tables." + region + ".amazonaws.com/iceberg"
                : "https://glue." + region + ".amazonaws.com/iceberg"));
    Optional<URI> s3Endpoint = endpoint(values, ConnectionProperty.S3_ENDPOINT);
    Optional<URI> s3tablesEndpoint = endpoint(values, ConnectionProperty.S3TABLES_ENDPOINT);
    boolean allowInsecure = bool(values, ConnectionProperty.ALLOW_INSECURE_ENDPOINTS, false);
    EndpointPolicy.checkConfigured(ConnectionProperty.REST_ENDPOINT, restEndpoint, allowInsecure);
    if (s3Endpoint.isPresent()) {
      EndpointPolicy.checkConfigured(ConnectionProperty.S3_ENDPOINT, s3Endpoint.get(), allowInsecure);
    }
    if (s3tablesEndpoint.isPresent()) {
      EndpointPolicy.checkConfigured(ConnectionProperty.S3TABLES_ENDPOINT, s3tablesEndpoint.get(), allowInsecure);
    }
    boolean pathStyle = bool(values, ConnectionProperty.PATH_STYLE_ACCESS, s3Endpoint.isPresent());
    return new ConnectionConfig(
        bucket,
        region,
        catalogType,
        restEndpoint,
        s3Endpoint,
        s3tablesEndpoint,
        allowInsecure,
        pathStyle,
        Credentials.from(values),
        Optional.ofNullable(values.get(ConnectionProperty.SCHEMA)),
        Duration.ofSeconds(nonNegative(values, ConnectionProperty.METADATA_CACHE_TTL)),
        bool(values, ConnectionProperty.READ_ONLY, false));
  }

  private static void put(Map<ConnectionProperty, String> values, String key, String value) throws SQLException {
    ConnectionProperty property =
        ConnectionProperty.of(key)
            .orElseThrow(() -> invalid("Unknown connection property '" + key + "'; known properties: "
                + String.join(", ", knownKeys())));
    if (value == null || value.isEmpty()) {
      return;
    }
    String previous = values.putIfAbsent(property, value);
    if (previous != null && !previous.equals(value)) {
      throw invalid("Connection property '" + property.key() + "' is given twice with different values");
    }
  }

  private static Optional<URI> endpoint(Map<ConnectionProperty, String> values, ConnectionProperty property)
      throws SQLException {
    String value = values.get(property);
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw invalid(property.key() + " must be an http or https URL, was '" + value + "'");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw invalid(property.key() + " is not a URL: '" + value + "'");
    }
  }

  private static boolean bool(Map<ConnectionProperty, String> values, ConnectionProperty property, boolean dflt)
      throws SQLException {
    String value = values.get(property);
    if (value == null) {
      return dflt;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(property.key() + " must be true or false, was '" + value + "'");
    };
  }

  private static long nonNegative(Map<ConnectionProperty, String> values, ConnectionProperty property)
      throws SQLException {
    String value = values.getOrDefault(property, property.defaultValue());
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(property.key() + " must be a whole number of seconds >= 0, was '" + value + "'");
    }
  }

  private static String[] knownKeys() {
    ConnectionProperty[] properties = ConnectionProperty.values();
    String[] keys = new String[properties.length];
    for (int i = 0; i < properties.length; i++) {
      keys[i] = properties[i].key();
    }
    return keys;
  }

  private static String decode(String value) throws SQLException {
    try {
      // A '+' stays a '+': secrets and session tokens contain it, and URLs rarely mean a space.
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("Malformed percent-encoding in the URL; " + EXPECTED_FORM);
    }
  }

  static SQLException invalid(String message) {
    return new SQLException(message, "08001");
  }
}
