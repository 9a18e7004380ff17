package dev.s3tables.harness;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.rest.RESTCatalog;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3tables.S3TablesClient;

/** Real clients of the stand-in, configured as a user of the service would configure them. */
public final class Clients {
  private Clients() {}

  /** Iceberg's REST catalog with SigV4 (signing name s3tables) and S3FileIO. */
  public static RESTCatalog restCatalog(LocalS3Tables s3tables, Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>();
    properties.put("uri", s3tables.restUri());
    properties.put("warehouse", s3tables.bucketArn());
    properties.put("rest.auth.type", "sigv4");
    properties.put("rest.signing-name", "s3tables");
    properties.put("rest.signing-region", s3tables.region());
    properties.put("rest.access-key-id", s3tables.accessKeyId());
    properties.put("rest.secret-access-key", s3tables.secretAccessKey());
    properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("s3.endpoint", s3tables.s3Endpoint());
    properties.put("s3.path-style-access", "true");
    properties.put("s3.access-key-id", s3tables.accessKeyId());
    properties.put("s3.secret-access-key", s3tables.secretAccessKey());
    properties.put("s3.delete-enabled", "false");
    properties.put("client.region", s3tables.region());
    properties.put("http-client.type", "urlconnection");
    properties.putAll(overrides);
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("s3tables", properties);
    return catalog;
  }

  public static RESTCatalog restCatalog(LocalS3Tables s3tables) {
    return restCatalog(s3tables, Map.of());
  }

  public static S3Client s3(LocalS3Tables s3tables, String secretAccessKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3tables.s3Endpoint()))
        .region(Region.of(s3tables.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3tables.accessKeyId(), secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static S3TablesClient s3Tables(LocalS3Tables s3tables, String secretAccessKey) {
    return S3TablesClient.builder()
        .endpointOverride(URI.create(s3tables.s3tablesEndpoint()))
        .region(Region.of(s3tables.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3tables.accessKeyId(), secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
