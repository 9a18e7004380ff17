package dev.s3tables.jdbc.catalog;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.jdbc.config.ConnectionConfig;
import dev.s3tables.jdbc.config.EndpointPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.rest.HTTPClient;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.RESTClient;
import org.apache.iceberg.rest.RESTUtil;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Opens a table bucket's Iceberg REST catalog for a connection: SigV4 with the configured signing
 * name, S3FileIO for data, the bucket's control plane, and one credentials provider for all three.
 */
public final class CatalogConnector {
  private CatalogConnector() {}

  /** The opened catalog; closing it closes the REST client, the file IO and the credentials. */
  public static BucketCatalog open(ConnectionConfig config) {
    requireNonNull(config, "config");
    AwsCredentialsProvider credentials = config.credentials().provider(config.region());
    String providerId = SharedCredentialsProvider.register(credentials);
    Closeable release =
        () -> {
          SharedCredentialsProvider.unregister(providerId);
          if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
          }
        };
    RESTCatalog rest = new RESTCatalog(clientBuilder(config.allowInsecureEndpoints()));
    ControlPlane controlPlane = ControlPlaneConnector.open(config, credentials);
    try {
      rest.initialize("s3tables", properties(config, providerId));
    } catch (RuntimeException e) {
      try (release; controlPlane; rest) {
        throw e;
      } catch (IOException closing) {
        e.addSuppressed(closing);
        throw e;
      }
    }
    return new BucketCatalog(config.bucket().name(), rest, controlPlane, config.metadataCacheTtl(), release);
  }

  /**
   * Iceberg's HTTP client, built as RESTCatalog builds it, once for the configuration request and
   * once with the configuration merged in: that one may carry another {@code uri} from the service.
   */
  static Function<Map<String, String>, RESTClient> clientBuilder(boolean allowInsecure) {
    return properties -> {
      EndpointPolicy.checkAdvertised("the catalog endpoint", properties.get(CatalogProperties.URI), allowInsecure);
      return HTTPClient.builder(properties)
          .uri(properties.get(CatalogProperties.URI))
          .withHeaders(RESTUtil.configHeaders(properties))
          .build();
    };
  }

  static Map<String, String> properties(ConnectionConfig config, String providerId) {
    Map<String, String> p = new HashMap<>();
    p.put("uri", config.restEndpoint().toString());
    p.put("warehouse", config.warehouse());
    p.put("rest.auth.type", "sigv4");
    p.put("rest.signing-name", config.catalogType().signingName());
    p.put("rest.signing-region", config.region());
    p.put("client.region", config.region());
    p.put("client.credentials-provider", SharedCredentialsProvider.class.getName());
    p.put("client.credentials-provider." + SharedCredentialsProvider.ID, providerId);
    p.put("io-impl", EndpointCheckedS3FileIO.class.getName());
    p.put(EndpointPolicy.ALLOW_INSECURE_CATALOG_PROPERTY, Boolean.toString(config.allowInsecureEndpoints()));
    p.put("http-client.type", "urlconnection");
    p.put("s3.path-style-access", Boolean.toString(config.pathStyleAccess()));
    // Iceberg's defaults suit batch jobs (5 retries waiting 2 to 20 s, about 40 s before a failing
    // read gives up); a person waiting at a SQL tool gets 3 retries within about 2 s.
    p.put("s3.retry.num-retries", "3");
    p.put("s3.retry.min-wait-ms", "200");
    p.put("s3.retry.max-wait-ms", "1000");
    config.s3Endpoint().ifPresent(endpoint -> p.put("s3.endpoint", endpoint.toString()));
    // S3 Tables refuses DeleteObject; the service removes unreferenced files itself.
    p.put("s3.delete-enabled", "false");
    // Manifests never change once written: Iceberg keeps their contents per FileIO (bounded, 60 s
    // idle), so a warm query plans from memory instead of reading every manifest again.
    p.put(CatalogProperties.IO_MANIFEST_CACHE_ENABLED, "true");
    // The service has no metrics route; reports would only cost requests.
    p.put("rest-metrics-reporting-enabled", "false");
    return p;
  }
}
