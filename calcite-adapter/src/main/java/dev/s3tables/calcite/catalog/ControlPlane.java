package dev.s3tables.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.model.GetTableBucketMaintenanceConfigurationResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableMaintenanceConfigurationResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableMaintenanceJobStatusResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableResponse;

/**
 * The S3 Tables control plane of one table bucket: what the service itself says about its tables
 * (owner, timestamps, maintenance), which the Iceberg REST endpoint does not tell. Every call is
 * one request; failures become {@link ControlPlaneException}s. The client is built on first use,
 * so connections that never ask pay nothing for it.
 */
public final class ControlPlane implements AutoCloseable {
  private final Supplier<S3TablesClient> clientFactory;
  private final String bucketArn;
  private S3TablesClient client;
  private boolean closed;

  /** @param clientFactory builds a client for the bucket's region, once; it is closed with this */
  public ControlPlane(Supplier<S3TablesClient> clientFactory, String bucketArn) {
    this.clientFactory = requireNonNull(clientFactory, "clientFactory");
    this.bucketArn = requireNonNull(bucketArn, "bucketArn");
  }

  private synchronized S3TablesClient client() {
    if (closed) {
      throw new IllegalStateException("The connection is closed");
    }
    if (client == null) {
      client = clientFactory.get();
    }
    return client;
  }

  public GetTableResponse getTable(String namespace, String name) {
    return call("GetTable", namespace, name,
        () -> client().getTable(r -> r.tableBucketARN(bucketArn).namespace(namespace).name(name)));
  }

  public GetTableMaintenanceConfigurationResponse getTableMaintenanceConfiguration(String namespace, String name) {
    return call("GetTableMaintenanceConfiguration", namespace, name,
        () -> client().getTableMaintenanceConfiguration(r -> r.tableBucketARN(bucketArn).namespace(namespace).name(name)));
  }

  public GetTableMaintenanceJobStatusResponse getTableMaintenanceJobStatus(String namespace, String name) {
    return call("GetTableMaintenanceJobStatus", namespace, name,
        () -> client().getTableMaintenanceJobStatus(r -> r.tableBucketARN(bucketArn).namespace(namespace).name(name)));
  }

  public GetTableBucketMaintenanceConfigurationResponse getTableBucketMaintenanceConfiguration() {
    return call("GetTableBucketMaintenanceConfiguration", null, null,
        () -> client().getTableBucketMaintenanceConfiguration(r -> r.tableBucketARN(bucketArn)));
  }

  private <T> T call(String operation, String namespace, String name, Supplier<T> request) {
    String target = namespace == null ? bucketArn : namespace + "." + name;
    try {
      return request.get();
    } catch (SdkServiceException e) {
      throw ControlPlaneException.refused(operation, target, e);
    } catch (SdkClientException e) {
      throw ControlPlaneException.unreachable(operation, target, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "ControlPlane[" + bucketArn + "]";
  }
}
