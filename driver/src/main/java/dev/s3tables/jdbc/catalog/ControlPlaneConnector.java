package dev.s3tables.jdbc.catalog;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.jdbc.config.ConnectionConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.S3TablesClientBuilder;

/**
 * The S3 Tables control-plane client of a connection: the SDK's URL-connection HTTP client, the
 * connection's credentials, SigV4 with signing name {@code s3tables} in the bucket ARN's region,
 * and the {@code s3tablesEndpoint} property as the endpoint if given. It is built when first used.
 */
final class ControlPlaneConnector {
  private ControlPlaneConnector() {}

  static ControlPlane open(ConnectionConfig config, AwsCredentialsProvider credentials) {
    requireNonNull(config, "config");
    requireNonNull(credentials, "credentials");
    S3TablesClientBuilder builder =
        S3TablesClient.builder()
            .region(Region.of(config.bucket().region()))
            // A lambda, so that closing the client leaves the connection's provider to the connection.
            .credentialsProvider(credentials::resolveCredentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    config.s3tablesEndpoint().ifPresent(builder::endpointOverride);
    return new ControlPlane(builder::build, config.bucket().arn());
  }
}
