package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBuckets;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GetTableBucketMaintenanceConfiguration, GetTableMaintenanceConfiguration,
 * PutTableMaintenanceConfiguration and GetTableMaintenanceJobStatus. The stand-in runs no
 * maintenance: it answers the service's defaults, every kind enabled, with what was put over them
 * (kept in memory, by table ARN, so it follows a renamed table), and every job not yet run.
 */
final class MaintenanceOperations {
  private static final String ENABLED = "enabled";
  private static final String NOT_YET_RUN = "Not_Yet_Run";
  private static final List<String> JOBS =
      List.of("icebergCompaction", "icebergSnapshotManagement", "icebergUnreferencedFileRemoval");

  private static final List<String> TABLE_TYPES = List.of("icebergCompaction", "icebergSnapshotManagement");

  private final TableBuckets buckets;
  /** Table ARN -> maintenance type -> the configuration value put. */
  private final Map<String, Map<String, ObjectNode>> put = new ConcurrentHashMap<>();

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
    String tableArn = tableArn(request);
    put.getOrDefault(tableArn, Map.of()).forEach(configuration::set);
    ObjectNode response = Json.object().put("tableARN", tableArn);
    response.set("configuration", configuration);
    return response;
  }

  /**
   * {@code PUT /tables/{tableBucketARN}/{namespace}/{name}/maintenance/{type}} with body {@code
   * {"value":{"status":...,"settings":{...}}}}; the settings are stored as given.
   */
  ObjectNode putTableMaintenanceConfiguration(ControlPlaneRequest request) throws IOException {
    String type = request.label(3);
    if (!TABLE_TYPES.contains(type)) {
      throw ServiceException.badRequest("Invalid maintenance type " + type + ": one of " + TABLE_TYPES);
    }
    JsonNode value = request.body().get("value");
    if (value == null || !value.isObject()) {
      throw ServiceException.badRequest("The member value is required");
    }
    String status = ControlPlaneRequest.requiredText(value, "status");
    if (!status.equals(ENABLED) && !status.equals("disabled")) {
      throw ServiceException.badRequest("Invalid status " + status + ": enabled or disabled");
    }
    put.computeIfAbsent(tableArn(request), arn -> new ConcurrentHashMap<>()).put(type, ((ObjectNode) value).deepCopy());
    return null;
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
