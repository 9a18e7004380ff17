package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBucketCatalog;
import dev.s3tables.harness.catalog.TableBucketCatalog.NamespaceFacts;
import dev.s3tables.harness.catalog.TableBuckets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.types.Types;

/**
 * CreateTable, ListTables, GetTable, GetTableMetadataLocation, UpdateTableMetadataLocation,
 * RenameTable and DeleteTable, on the same catalog the Iceberg REST endpoint serves.
 */
final class TableOperations {
  private static final Pattern TABLE_ARN =
      Pattern.compile("(arn:aws:s3tables:[^:]+:[^:]+:bucket/[^/]+)/table/([^/]+)");

  private final TableBuckets buckets;
  private final int maxPageSize;

  TableOperations(TableBuckets buckets, int maxPageSize) {
    this.buckets = requireNonNull(buckets, "buckets");
    this.maxPageSize = maxPageSize;
  }

  /** The table a {@code /tables/{tableBucketARN}/{namespace}/{name}/...} path names. */
  static TableIdentifier identifier(ControlPlaneRequest request) {
    return TableIdentifier.of(request.label(1), request.label(2));
  }

  /**
   * {@code PUT /tables/{tableBucketARN}/{namespace}}. Unlike the service, which creates a table
   * without metadata that Iceberg clients cannot load until someone commits metadata, the stand-in
   * requires {@code metadata.iceberg.schema}. Encryption, storage class and tags are ignored.
   */
  ObjectNode createTable(ControlPlaneRequest request) throws IOException {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableIdentifier identifier = TableIdentifier.of(request.label(1), request.requiredText("name"));
    String format = request.requiredText("format");
    if (!format.equals("ICEBERG")) {
      throw ServiceException.badRequest("Unsupported table format " + format + ": only ICEBERG is supported");
    }
    JsonNode metadata = request.body().get("metadata");
    if (metadata == null || metadata.isNull()) {
      throw ServiceException.badRequest(
          "The stand-in requires metadata: create the table with metadata.iceberg.schema"
              + " (the service would create a table without metadata)");
    }
    JsonNode iceberg = metadata.path("iceberg");
    // JdbcCatalog outside strict mode would create the table and so the namespace.
    if (!bucket.catalog().namespaceExists(identifier.namespace())) {
      throw ServiceException.notFound("The specified namespace does not exist: " + request.label(1));
    }
    TableFacts facts =
        TableFacts.of(
            identifier,
            bucket
                .catalog()
                .buildTable(identifier, schema(iceberg.path("schema")))
                .withProperties(properties(iceberg.path("properties")))
                .create());
    return Json.object().put("tableARN", facts.arn(bucket)).put("versionToken", facts.versionToken());
  }

  /**
   * {@code GET /tables/{tableBucketARN}?namespace=&prefix=&continuationToken=&maxTables=}. Names
   * come from the catalog (one query for the namespaces if none is given, one per namespace
   * visited); the summaries' ARN and timestamps need each returned table's metadata (one query and
   * one metadata file read per table) and its namespace's facts (one query per namespace).
   */
  ObjectNode listTables(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableBucketCatalog catalog = bucket.catalog();
    String namespace = request.param("namespace");
    String prefix = request.param("prefix");
    int size = Paging.pageSize(request, "maxTables", maxPageSize);
    String after = Paging.after(request);
    String afterNamespace = after == null ? null : after.split("/", 2)[0];
    Stream<String> namespaces =
        namespace != null
            ? Stream.of(namespace)
            : catalog.listNamespaces().stream().map(ns -> ns.level(0)).sorted();
    Stream<TableIdentifier> tables =
        namespaces
            .filter(ns -> afterNamespace == null || ns.compareTo(afterNamespace) >= 0)
            .flatMap(
                ns ->
                    catalog.listTables(Namespace.of(ns)).stream()
                        .filter(id -> prefix == null || id.name().startsWith(prefix))
                        .sorted(Comparator.comparing(TableIdentifier::name)));
    Paging.Page<TableIdentifier> page = Paging.page(tables, TableOperations::key, after, size);

    Map<Namespace, NamespaceFacts> namespaceFacts = new HashMap<>();
    ArrayNode summaries = Json.MAPPER.createArrayNode();
    for (TableIdentifier identifier : page.items()) {
      TableFacts facts = TableFacts.load(catalog, identifier);
      NamespaceFacts ns = namespaceFacts.computeIfAbsent(identifier.namespace(), catalog::namespaceFacts);
      ObjectNode summary = Json.object();
      summary.set("namespace", Json.namespace(identifier.namespace().level(0)));
      summaries.add(
          summary
              .put("name", identifier.name())
              .put("type", "customer")
              .put("tableARN", facts.arn(bucket))
              .put("createdAt", Json.timestamp(facts.createdAt()))
              .put("modifiedAt", Json.timestamp(facts.modifiedAt()))
              .put("namespaceId", ns.namespaceId())
              .put("tableBucketId", bucket.tableBucketId()));
    }
    ObjectNode response = Json.object();
    response.set("tables", summaries);
    return page.addTokenTo(response);
  }

  /**
   * {@code GET /get-table?tableBucketARN=&namespace=&name=} or {@code ?tableArn=}. A table ARN
   * carries only the table's id, so the stand-in finds it by reading every table of the bucket.
   */
  ObjectNode getTable(ControlPlaneRequest request) {
    String tableArn = request.param("tableArn");
    TableBucket bucket;
    TableFacts facts;
    if (tableArn != null) {
      Matcher m = TABLE_ARN.matcher(tableArn);
      if (!m.matches()) {
        throw ServiceException.badRequest("Invalid table ARN: " + tableArn);
      }
      bucket = BucketOperations.bucket(buckets, m.group(1));
      facts = byTableId(bucket.catalog(), m.group(2));
    } else {
      bucket = BucketOperations.bucket(buckets, request.requiredParam("tableBucketARN"));
      TableIdentifier identifier =
          TableIdentifier.of(request.requiredParam("namespace"), request.requiredParam("name"));
      facts = TableFacts.load(bucket.catalog(), identifier);
    }
    TableIdentifier identifier = facts.identifier();
    NamespaceFacts ns = bucket.catalog().namespaceFacts(identifier.namespace());
    ObjectNode response = Json.object().put("name", identifier.name()).put("type", "customer");
    response.put("tableARN", facts.arn(bucket));
    response.set("namespace", Json.namespace(identifier.namespace().level(0)));
    return response
        .put("namespaceId", ns.namespaceId())
        .put("versionToken", facts.versionToken())
        .put("metadataLocation", facts.metadataLocation())
        .put("warehouseLocation", facts.warehouseLocation())
        .put("createdAt", Json.timestamp(facts.createdAt()))
        .put("createdBy", bucket.ownerAccountId())
        .put("modifiedAt", Json.timestamp(facts.modifiedAt()))
        .put("modifiedBy", bucket.ownerAccountId())
        .put("ownerAccountId", bucket.ownerAccountId())
        .put("format", "ICEBERG")
        .put("tableBucketId", bucket.tableBucketId());
  }

  /** {@code GET /tables/{tableBucketARN}/{namespace}/{name}/metadata-location}. */
  ObjectNode getTableMetadataLocation(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableFacts facts = TableFacts.load(bucket.catalog(), identifier(request));
    return Json.object()
        .put("versionToken", facts.versionToken())
        .put("metadataLocation", facts.metadataLocation())
        .put("warehouseLocation", facts.warehouseLocation());
  }

  /**
   * {@code PUT /tables/{tableBucketARN}/{namespace}/{name}/metadata-location}. The commit is an
   * atomic swap in the catalog, but Iceberg's JdbcCatalog writes every commit to a metadata file
   * of its own choosing: the table then points to a copy of the given file, not the file itself.
   */
  ObjectNode updateTableMetadataLocation(ControlPlaneRequest request) throws IOException {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableIdentifier identifier = identifier(request);
    String versionToken = request.requiredText("versionToken");
    String metadataLocation = request.requiredText("metadataLocation");
    TableFacts current = TableFacts.load(bucket.catalog(), identifier);
    checkVersionToken(current, versionToken);
    org.apache.iceberg.TableOperations ops = ((HasTableOperations) current.table()).operations();
    TableMetadata next;
    try {
      next = TableMetadataParser.read(ops.io(), metadataLocation);
    } catch (NotFoundException e) {
      throw ServiceException.badRequest("The metadata file does not exist: " + metadataLocation);
    }
    if (!next.uuid().equals(current.metadata().uuid())) {
      throw ServiceException.badRequest(
          "The metadata file " + metadataLocation + " belongs to another table (uuid " + next.uuid() + ")");
    }
    ops.commit(current.metadata(), next);
    TableFacts updated = TableFacts.of(identifier, current.table());
    ObjectNode response = Json.object().put("name", identifier.name()).put("tableARN", updated.arn(bucket));
    response.set("namespace", Json.namespace(identifier.namespace().level(0)));
    return response
        .put("versionToken", updated.versionToken())
        .put("metadataLocation", updated.metadataLocation());
  }

  /** {@code PUT /tables/{tableBucketARN}/{namespace}/{name}/rename}. */
  ObjectNode renameTable(ControlPlaneRequest request) throws IOException {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableIdentifier from = identifier(request);
    String newNamespace = request.optionalText("newNamespaceName");
    String newName = request.optionalText("newName");
    String versionToken = request.optionalText("versionToken");
    if (newNamespace == null && newName == null) {
      throw ServiceException.badRequest("newNamespaceName or newName is required");
    }
    if (versionToken != null) {
      checkVersionToken(TableFacts.load(bucket.catalog(), from), versionToken);
    }
    TableIdentifier to =
        TableIdentifier.of(
            newNamespace != null ? newNamespace : from.namespace().level(0),
            newName != null ? newName : from.name());
    bucket.catalog().renameTable(from, to);
    return null;
  }

  /** {@code DELETE /tables/{tableBucketARN}/{namespace}/{name}?versionToken=}: keeps the files. */
  ObjectNode deleteTable(ControlPlaneRequest request) {
    TableBucket bucket = BucketOperations.bucket(buckets, request.label(0));
    TableIdentifier identifier = identifier(request);
    String versionToken = request.param("versionToken");
    if (versionToken != null) {
      checkVersionToken(TableFacts.load(bucket.catalog(), identifier), versionToken);
    }
    if (!bucket.catalog().dropTable(identifier, false)) {
      throw ServiceException.notFound("The specified table does not exist: " + identifier);
    }
    return null;
  }

  private static void checkVersionToken(TableFacts facts, String versionToken) {
    if (!versionToken.equals(facts.versionToken())) {
      throw ServiceException.conflict(
          "The version token " + versionToken + " does not match the current version token of "
              + facts.identifier());
    }
  }

  private static TableFacts byTableId(TableBucketCatalog catalog, String tableId) {
    return catalog.listNamespaces().stream()
        .flatMap(ns -> catalog.listTables(ns).stream())
        .map(identifier -> TableFacts.load(catalog, identifier))
        .filter(facts -> facts.tableId().equals(tableId))
        .findFirst()
        .orElseThrow(() -> ServiceException.notFound("The specified table does not exist: " + tableId));
  }

  /** The sort key of a table across namespaces; {@code /} sorts before every name character. */
  private static String key(TableIdentifier identifier) {
    return identifier.namespace().level(0) + "/" + identifier.name();
  }

  /** {@code metadata.iceberg.schema}: a list of fields of Iceberg primitive types. */
  private static Schema schema(JsonNode schema) {
    JsonNode fields = schema.path("fields");
    if (!fields.isArray()) {
      throw ServiceException.badRequest("The member metadata.iceberg.schema.fields is required");
    }
    List<Types.NestedField> columns = new ArrayList<>();
    for (JsonNode field : fields) {
      if (!field.isObject()) {
        throw ServiceException.badRequest("Each schema field must be an object");
      }
      String name = ControlPlaneRequest.requiredText(field, "name");
      String type = ControlPlaneRequest.requiredText(field, "type");
      boolean required = field.path("required").asBoolean(false);
      columns.add(
          Types.NestedField.optional(name)
              .isOptional(!required)
              .withId(columns.size() + 1)
              .ofType(Types.fromPrimitiveString(type))
              .build());
    }
    return new Schema(columns);
  }

  private static Map<String, String> properties(JsonNode properties) {
    Map<String, String> result = new HashMap<>();
    if (properties.isMissingNode() || properties.isNull()) {
      return result;
    }
    if (!properties.isObject()) {
      throw ServiceException.badRequest("The member metadata.iceberg.properties must be a map");
    }
    properties
        .fieldNames()
        .forEachRemaining(key -> result.put(key, ControlPlaneRequest.requiredText(properties, key)));
    return result;
  }
}
