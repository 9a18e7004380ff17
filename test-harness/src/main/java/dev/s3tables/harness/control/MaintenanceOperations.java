package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBuckets;
import java.util.List;

/**
 * GetTableBucketMaintenanceConfiguration, GetTableMaintenanceConfiguration and
 * GetTableMaintenanceJobStatus. The stand-in runs no maintenance: it answers the service's
 * defaults, every kind enabled, and every job not yet run.
 */
final class MaintenanceOperations {
  private static final String ENABLED = "enabled";
  private static final String NOT_YET_RUN = "Not_Yet_Run";
  private static final List<String> JOBS =
      List.of("icebergCompaction", "icebergSnapshotManagement", "icebergUnreferencedFileRemoval");

  private final TableBuckets buckets;

  MaintenanceOperations(TableBuckets buckets) {
    this.buckets = requireNonNull(buckets, "buckets");
  }

  /** {@code GET /buckets/{tableBucketARN}/maintenance}. */
  ObjectNode getTableBucketMaintenanceConfiguration(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    ObjectNode configuration = Json.object();
    configuration.set(
        "icebergUnreferencedFileRemoval",
        enabled(
            "icebergUnreferencedFileRemoval",
            Json.object().put("unreferencedDays", 3).put("nonCurrentDays", 10)));
    ObjectNode response = Json.object().put("tableBucketARN", bucket.arn());
    response.set("configuration", configuration);
    return response;
  }

  /** {@code GET /tables/{tableBucketARN}/{namespace}/{name}/maintenance}. */
  ObjectNode getTableMaintenanceConfiguration(ControlPlaneRequest request) {
    ObjectNode configuration = Json.object();
    configuration.set(
        "icebergCompaction",
        enabled(
            "icebergCompaction",
            Json.object().put("targetFileSizeMB", 512).put("strategy", "auto")));
    configuration.set(
        "icebergSnapshotManagement",
        enabled(
            "icebergSnapshotManagement",
            Json.object().put("minSnapshotsToKeep", 1).put("maxSnapshotAgeHours", 120)));
    ObjectNode response = Json.object().put("tableARN", tableArn(request));
    response.set("configuration", configuration);
    return response;
  }

  /** {@code GET /tables/{tableBucketARN}/{namespace}/{name}/maintenance-job-status}. */
  ObjectNode getTableMaintenanceJobStatus(ControlPlaneRequest request) {
    ObjectNode status = Json.object();
    for (String job : JOBS) {
      status.set(job, Json.object().put("status", NOT_YET_RUN));
    }
    ObjectNode response = Json.object().put("tableARN", tableArn(request));
    response.set("status", status);
    return response;
  }

  private String tableArn(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    return TableFacts.load(bucket.catalog(), TableOperations.identifier(request)).arn(bucket);
  }

  /** A configuration value: {@code {"status":"enabled","settings":{"<type>":{...}}}}. */
  private static ObjectNode enabled(String type, ObjectNode settings) {
    ObjectNode value = Json.object().put("status", ENABLED);
    value.set("settings", Json.object().set(type, settings));
    return value;
  }
}
