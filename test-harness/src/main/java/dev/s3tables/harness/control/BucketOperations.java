package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBuckets;
import java.io.IOException;

/** CreateTableBucket, ListTableBuckets, GetTableBucket and DeleteTableBucket. */
final class BucketOperations {
  private final TableBuckets buckets;
  private final int maxPageSize;

  BucketOperations(TableBuckets buckets, int maxPageSize) {
    this.buckets = requireNonNull(buckets, "buckets");
    this.maxPageSize = maxPageSize;
  }

  /** The bucket of an ARN; NotFoundException if there is none. */
  static TableBucket bucket(TableBuckets buckets, String arn) {
    return buckets
        .byArn(arn)
        .orElseThrow(() -> ServiceException.notFound("The specified table bucket does not exist: " + arn));
  }

  /** {@code PUT /buckets}: encryption, storage class and tags in the request are ignored. */
  ObjectNode createTableBucket(ControlPlaneRequest request) throws IOException {
    TableBucket bucket = buckets.create(request.requiredText("name"));
    return Json.object().put("arn", bucket.arn());
  }

  /** {@code GET /buckets?prefix=&continuationToken=&maxBuckets=&type=}: one registry read. */
  ObjectNode listTableBuckets(ControlPlaneRequest request) {
    String prefix = request.param("prefix");
    String type = request.param("type");
    int size = Paging.pageSize(request, "maxBuckets", maxPageSize);
    Paging.Page<TableBucket> page =
        Paging.page(
            buckets.list().stream()
                .filter(bucket -> prefix == null || bucket.name().startsWith(prefix))
                .filter(bucket -> type == null || type.equals("customer")),
            TableBucket::name,
            Paging.after(request),
            size);
    ArrayNode summaries = Json.MAPPER.createArrayNode();
    page.items().forEach(bucket -> summaries.add(summary(bucket)));
    ObjectNode response = Json.object();
    response.set("tableBuckets", summaries);
    return page.addTokenTo(response);
  }

  /** {@code GET /buckets/{tableBucketARN}}. */
  ObjectNode getTableBucket(ControlPlaneRequest request) {
    return summary(bucket(buckets, request.label(0)));
  }

  /** {@code DELETE /buckets/{tableBucketARN}}: only an empty bucket. */
  ObjectNode deleteTableBucket(ControlPlaneRequest request) {
    TableBucket bucket = bucket(buckets, request.label(0));
    if (!bucket.catalog().listNamespaces().isEmpty()) {
      throw ServiceException.conflict("The table bucket " + bucket.name() + " is not empty");
    }
    buckets.delete(bucket.name());
    return null;
  }

  private static ObjectNode summary(TableBucket bucket) {
    return Json.object()
        .put("arn", bucket.arn())
        .put("name", bucket.name())
        .put("ownerAccountId", bucket.ownerAccountId())
        .put("createdAt", Json.timestamp(bucket.createdAt()))
        .put("tableBucketId", bucket.tableBucketId())
        .put("type", "customer");
  }
}
