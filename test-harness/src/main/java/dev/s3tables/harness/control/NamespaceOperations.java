package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBucketCatalog.NamespaceFacts;
import dev.s3tables.harness.catalog.TableBuckets;
import java.io.IOException;
import org.apache.iceberg.catalog.Namespace;

/** CreateNamespace, ListNamespaces, GetNamespace and DeleteNamespace. */
final class NamespaceOperations {
  private final TableBuckets buckets;
  private final int maxPageSize;

  NamespaceOperations(TableBuckets buckets, int maxPageSize) {
    this.buckets = requireNonNull(buckets, "buckets");
    this.maxPageSize = maxPageSize;
  }

  /** {@code PUT /namespaces/{tableBucketARN}} with {@code {"namespace":["name"]}}. */
  ObjectNode createNamespace(ControlPlaneRequest request) throws IOException {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    JsonNode namespace = request.body().get("namespace");
    if (namespace == null || !namespace.isArray() || namespace.size() != 1 || !namespace.get(0).isTextual()) {
      throw ServiceException.badRequest("The member namespace must be a list of exactly one name");
    }
    String name = namespace.get(0).asText();
    bucket.catalog().createNamespace(Namespace.of(name));
    ObjectNode response = Json.object().put("tableBucketARN", bucket.arn());
    response.set("namespace", Json.namespace(name));
    return response;
  }

  /**
   * {@code GET /namespaces/{tableBucketARN}?prefix=&continuationToken=&maxNamespaces=}: one
   * catalog query for the names, then one per namespace returned for its facts.
   */
  ObjectNode listNamespaces(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    String prefix = request.param("prefix");
    int size = Paging.pageSize(request, "maxNamespaces", maxPageSize);
    Paging.Page<String> page =
        Paging.page(
            bucket.catalog().listNamespaces().stream()
                .map(namespace -> namespace.level(0))
                .filter(name -> prefix == null || name.startsWith(prefix))
                .sorted(),
            name -> name,
            Paging.after(request),
            size);
    ArrayNode summaries = Json.MAPPER.createArrayNode();
    for (String name : page.items()) {
      summaries.add(summary(bucket, name, bucket.catalog().namespaceFacts(Namespace.of(name))));
    }
    ObjectNode response = Json.object();
    response.set("namespaces", summaries);
    return page.addTokenTo(response);
  }

  /** {@code GET /namespaces/{tableBucketARN}/{namespace}}. */
  ObjectNode getNamespace(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    String name = request.label(1);
    return summary(bucket, name, bucket.catalog().namespaceFacts(Namespace.of(name)));
  }

  /** {@code DELETE /namespaces/{tableBucketARN}/{namespace}}: only an empty namespace. */
  ObjectNode deleteNamespace(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    String name = request.label(1);
    if (!bucket.catalog().dropNamespace(Namespace.of(name))) {
      throw ServiceException.notFound("The specified namespace does not exist: " + name);
    }
    return null;
  }

  private static ObjectNode summary(TableBucket bucket, String name, NamespaceFacts facts) {
    ObjectNode summary = Json.object();
    summary.set("namespace", Json.namespace(name));
    return summary
        .put("createdAt", Json.timestamp(facts.createdAt()))
        .put("createdBy", bucket.ownerAccountId())
        .put("ownerAccountId", bucket.ownerAccountId())
        .put("namespaceId", facts.namespaceId())
        .put("tableBucketId", bucket.tableBucketId());
  }
}
