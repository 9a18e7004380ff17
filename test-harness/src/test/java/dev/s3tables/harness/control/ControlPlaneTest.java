package dev.s3tables.harness.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.catalog.TableBucketCatalog;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.model.BadRequestException;
import software.amazon.awssdk.services.s3tables.model.ConflictException;
import software.amazon.awssdk.services.s3tables.model.GetNamespaceResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableBucketResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableMaintenanceJobStatusResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableMetadataLocationResponse;
import software.amazon.awssdk.services.s3tables.model.GetTableResponse;
import software.amazon.awssdk.services.s3tables.model.IcebergMetadata;
import software.amazon.awssdk.services.s3tables.model.IcebergSchema;
import software.amazon.awssdk.services.s3tables.model.JobStatus;
import software.amazon.awssdk.services.s3tables.model.MaintenanceStatus;
import software.amazon.awssdk.services.s3tables.model.NamespaceSummary;
import software.amazon.awssdk.services.s3tables.model.NotFoundException;
import software.amazon.awssdk.services.s3tables.model.OpenTableFormat;
import software.amazon.awssdk.services.s3tables.model.RenameTableRequest;
import software.amazon.awssdk.services.s3tables.model.SchemaField;
import software.amazon.awssdk.services.s3tables.model.TableBucketMaintenanceType;
import software.amazon.awssdk.services.s3tables.model.TableBucketSummary;
import software.amazon.awssdk.services.s3tables.model.TableMaintenanceJobType;
import software.amazon.awssdk.services.s3tables.model.TableMaintenanceType;
import software.amazon.awssdk.services.s3tables.model.TableSummary;
import software.amazon.awssdk.services.s3tables.model.TableType;

/** The control plane through the AWS SDK's own S3TablesClient, sharing tables with the catalog. */
class ControlPlaneTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private static LocalS3Tables standIn;
  private static S3TablesClient client;
  private static TableBucketCatalog catalog;
  private static String bucketArn;

  @BeforeAll
  static void start() {
    standIn = LocalS3Tables.builder().bucket("demo").maxPageSize(2).start();
    client =
        S3TablesClient.builder()
            .endpointOverride(URI.create(standIn.s3tablesEndpoint()))
            .region(Region.of(standIn.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(standIn.accessKeyId(), standIn.secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    catalog = standIn.buckets().byName("demo").orElseThrow().catalog();
    bucketArn = standIn.bucketArn();
  }

  @AfterAll
  static void stop() {
    client.close();
    standIn.close();
  }

  @Test
  void createsListsGetsAndDeletesTableBuckets() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<String> arns = new ArrayList<>();
    for (String name : List.of("ctl-c", "ctl-a", "ctl-b", "other-bucket")) {
      arns.add(client.createTableBucket(b -> b.name(name)).arn());
    }
    assertThat(arns.get(1)).isEqualTo(standIn.buckets().arnOf("ctl-a"));

    long listCalls = count("ListTableBuckets");
    List<List<String>> pages =
        pages(
            token -> client.listTableBuckets(b -> b.prefix("ctl-").continuationToken(token)),
            r -> r.tableBuckets().stream().map(TableBucketSummary::name).toList(),
            r -> r.continuationToken());
    assertThat(pages).containsExactly(List.of("ctl-a", "ctl-b"), List.of("ctl-c"));
    assertThat(count("ListTableBuckets") - listCalls).isEqualTo(2);
    assertThat(client.listTableBucketsPaginator(b -> b.maxBuckets(1)).tableBuckets())
        .extracting(TableBucketSummary::name)
        .containsExactly("ctl-a", "ctl-b", "ctl-c", "demo", "other-bucket");

    GetTableBucketResponse bucket = client.getTableBucket(b -> b.tableBucketARN(arns.get(1)));
    assertThat(bucket.name()).isEqualTo("ctl-a");
    assertThat(bucket.arn()).isEqualTo(arns.get(1));
    assertThat(bucket.ownerAccountId()).isEqualTo(standIn.accountId());
    assertThat(bucket.tableBucketId()).isNotBlank();
    assertThat(bucket.typeAsString()).isEqualTo("customer");
    assertThat(bucket.createdAt()).isBetween(before, Instant.now());

    assertThatThrownBy(() -> client.createTableBucket(b -> b.name("ctl-a")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.createTableBucket(b -> b.name("Bad_Name")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid table bucket name");

    client.createNamespace(b -> b.tableBucketARN(arns.get(2)).namespace("kept"));
    assertThatThrownBy(() -> client.deleteTableBucket(b -> b.tableBucketARN(arns.get(2))))
        .isInstanceOf(ConflictException.class);
    client.deleteTableBucket(b -> b.tableBucketARN(arns.get(1)));
    assertThatThrownBy(() -> client.getTableBucket(b -> b.tableBucketARN(arns.get(1))))
        .isInstanceOf(NotFoundException.class);
    assertThat(standIn.buckets().byName("ctl-a")).isEmpty();
  }

  @Test
  void createsListsGetsAndDeletesNamespaces() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (String name : List.of("page_e", "page_b", "page_d", "page_a", "page_c")) {
      assertThat(client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace(name)).namespace())
          .containsExactly(name);
    }
    assertThat(catalog.namespaceExists(Namespace.of("page_c"))).isTrue();

    long listCalls = count("ListNamespaces");
    List<List<String>> pages =
        pages(
            token ->
                client.listNamespaces(
                    b -> b.tableBucketARN(bucketArn).prefix("page_").continuationToken(token)),
            r -> r.namespaces().stream().map(n -> n.namespace().get(0)).toList(),
            r -> r.continuationToken());
    assertThat(pages)
        .containsExactly(List.of("page_a", "page_b"), List.of("page_c", "page_d"), List.of("page_e"));
    assertThat(count("ListNamespaces") - listCalls).isEqualTo(3);

    NamespaceSummary summary =
        client.listNamespaces(b -> b.tableBucketARN(bucketArn).prefix("page_a")).namespaces().get(0);
    GetNamespaceResponse namespace =
        client.getNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_a"));
    assertThat(namespace.namespace()).containsExactly("page_a");
    assertThat(namespace.namespaceId()).isNotBlank().isEqualTo(summary.namespaceId());
    assertThat(namespace.createdAt()).isBetween(before, Instant.now()).isEqualTo(summary.createdAt());
    assertThat(namespace.createdBy()).isEqualTo(standIn.accountId());
    assertThat(namespace.ownerAccountId()).isEqualTo(standIn.accountId());
    assertThat(namespace.tableBucketId())
        .isEqualTo(standIn.buckets().byName("demo").orElseThrow().tableBucketId());

    assertThatThrownBy(() -> client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_a")))
        .isInstanceOf(ConflictException.class);
    for (String invalid : List.of("Upper", "aws_reserved", "dash-ed", "_leading")) {
      assertThatThrownBy(() -> client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace(invalid)))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("Invalid namespace name '" + invalid + "'");
    }
    assertThatThrownBy(() -> client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("a", "b")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.createNamespace(b -> b.tableBucketARN(bucketArn + "-none").namespace("x")))
        .isInstanceOf(NotFoundException.class);

    client.deleteNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_e"));
    assertThatThrownBy(() -> client.getNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_e")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_e")))
        .isInstanceOf(NotFoundException.class);

    catalog.createTable(TableIdentifier.of("page_d", "t"), SCHEMA);
    assertThatThrownBy(() -> client.deleteNamespace(b -> b.tableBucketARN(bucketArn).namespace("page_d")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void tablesCreatedOnEitherSideAreSeenOnTheOther() {
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("shop"));
    String arn =
        client
            .createTable(
                b ->
                    b.tableBucketARN(bucketArn)
                        .namespace("shop")
                        .name("orders")
                        .format(OpenTableFormat.ICEBERG)
                        .metadata(m -> m.iceberg(icebergSchema())))
            .tableARN();
    assertThat(arn).matches(bucketArn.replace("/", "\\/") + "/table/[0-9a-f-]{36}");

    Table orders = catalog.loadTable(TableIdentifier.of("shop", "orders"));
    assertThat(orders.schema().asStruct()).isEqualTo(SCHEMA.asStruct());
    assertThat(orders.properties()).containsEntry("owner", "control-plane");
    assertThat(arn).endsWith("/table/" + orders.location().replace("s3://", "").replace("--table-s3", ""));

    catalog.createTable(TableIdentifier.of("shop", "customers"), SCHEMA);
    catalog.createTable(TableIdentifier.of("shop", "items"), SCHEMA, PartitionSpec.unpartitioned());
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("shop_archive"));
    catalog.createTable(TableIdentifier.of("shop_archive", "orders_2020"), SCHEMA);

    long listCalls = count("ListTables");
    List<List<String>> pages =
        pages(
            token ->
                client.listTables(
                    b -> b.tableBucketARN(bucketArn).namespace("shop").continuationToken(token)),
            r -> r.tables().stream().map(TableSummary::name).toList(),
            r -> r.continuationToken());
    assertThat(pages).containsExactly(List.of("customers", "items"), List.of("orders"));
    assertThat(count("ListTables") - listCalls).isEqualTo(2);

    List<String> everywhere =
        client.listTablesPaginator(b -> b.tableBucketARN(bucketArn)).tables().stream()
            .filter(t -> t.namespace().get(0).startsWith("shop"))
            .map(t -> t.namespace().get(0) + "." + t.name())
            .toList();
    assertThat(everywhere)
        .containsExactly("shop.customers", "shop.items", "shop.orders", "shop_archive.orders_2020");
    assertThat(client.listTables(b -> b.tableBucketARN(bucketArn).namespace("shop").prefix("or")).tables())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.tableARN()).isEqualTo(arn);
              assertThat(t.type()).isEqualTo(TableType.CUSTOMER);
              assertThat(t.createdAt()).isNotNull();
              assertThat(t.modifiedAt()).isNotNull();
              assertThat(t.namespaceId()).isNotBlank();
            });

    assertThatThrownBy(
            () ->
                client.createTable(
                    b ->
                        b.tableBucketARN(bucketArn)
                            .namespace("shop")
                            .name("bare")
                            .format(OpenTableFormat.ICEBERG)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("requires metadata");
    assertThatThrownBy(
            () ->
                client.createTable(
                    b ->
                        b.tableBucketARN(bucketArn)
                            .namespace("shop")
                            .name("orders")
                            .format(OpenTableFormat.ICEBERG)
                            .metadata(m -> m.iceberg(icebergSchema()))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(
            () ->
                client.createTable(
                    b ->
                        b.tableBucketARN(bucketArn)
                            .namespace("nowhere")
                            .name("t")
                            .format(OpenTableFormat.ICEBERG)
                            .metadata(m -> m.iceberg(icebergSchema()))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.listTables(b -> b.tableBucketARN(bucketArn).namespace("nowhere")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void getsTableFactsAndMetadataLocation() {
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("facts"));
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Table table = catalog.createTable(TableIdentifier.of("facts", "events"), SCHEMA);

    GetTableResponse facts =
        client.getTable(b -> b.tableBucketARN(bucketArn).namespace("facts").name("events"));
    assertThat(facts.name()).isEqualTo("events");
    assertThat(facts.namespace()).containsExactly("facts");
    assertThat(facts.namespaceId())
        .isEqualTo(client.getNamespace(b -> b.tableBucketARN(bucketArn).namespace("facts")).namespaceId());
    assertThat(facts.tableARN()).startsWith(bucketArn + "/table/");
    assertThat(facts.metadataLocation()).isEqualTo(currentMetadataLocation(table));
    assertThat(facts.warehouseLocation()).isEqualTo(table.location());
    assertThat(facts.format()).isEqualTo(OpenTableFormat.ICEBERG);
    assertThat(facts.type()).isEqualTo(TableType.CUSTOMER);
    assertThat(facts.createdAt()).isBetween(before, Instant.now());
    assertThat(facts.modifiedAt()).isEqualTo(facts.createdAt());
    assertThat(List.of(facts.createdBy(), facts.modifiedBy(), facts.ownerAccountId()))
        .containsOnly(standIn.accountId());
    assertThat(facts.tableBucketId())
        .isEqualTo(standIn.buckets().byName("demo").orElseThrow().tableBucketId());
    assertThat(client.getTable(b -> b.tableArn(facts.tableARN())).name()).isEqualTo("events");

    GetTableMetadataLocationResponse location =
        client.getTableMetadataLocation(b -> b.tableBucketARN(bucketArn).namespace("facts").name("events"));
    assertThat(location.metadataLocation()).isEqualTo(currentMetadataLocation(table));
    assertThat(location.warehouseLocation()).isEqualTo(table.location());
    assertThat(location.versionToken()).isEqualTo(facts.versionToken()).isNotBlank();

    table.updateProperties().set("k", "v").commit();
    GetTableResponse after =
        client.getTable(b -> b.tableBucketARN(bucketArn).namespace("facts").name("events"));
    assertThat(after.metadataLocation()).isEqualTo(currentMetadataLocation(table));
    assertThat(after.versionToken()).isNotEqualTo(facts.versionToken());
    assertThat(after.createdAt()).isEqualTo(facts.createdAt());
    assertThat(after.modifiedAt()).isAfterOrEqualTo(facts.modifiedAt());

    assertThatThrownBy(() -> client.getTable(b -> b.tableBucketARN(bucketArn).namespace("facts").name("none")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void updatesMetadataLocationWithVersionToken() {
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("commits"));
    Table table = catalog.createTable(TableIdentifier.of("commits", "log"), SCHEMA);
    String token =
        client
            .getTableMetadataLocation(b -> b.tableBucketARN(bucketArn).namespace("commits").name("log"))
            .versionToken();

    // A client that commits through the control plane writes the next metadata file itself.
    TableMetadata base = ((HasTableOperations) table).operations().current();
    TableMetadata next = TableMetadata.buildFrom(base).setProperties(Map.of("written-by", "client")).build();
    String nextLocation = table.location() + "/metadata/00001-client.metadata.json";
    TableMetadataParser.write(next, table.io().newOutputFile(nextLocation));

    assertThatThrownBy(
            () ->
                client.updateTableMetadataLocation(
                    b -> b.tableBucketARN(bucketArn).namespace("commits").name("log")
                        .versionToken("stale").metadataLocation(nextLocation)))
        .isInstanceOf(ConflictException.class);
    var updated =
        client.updateTableMetadataLocation(
            b -> b.tableBucketARN(bucketArn).namespace("commits").name("log")
                .versionToken(token).metadataLocation(nextLocation));
    assertThat(updated.versionToken()).isNotEqualTo(token);
    assertThat(updated.name()).isEqualTo("log");
    assertThat(updated.namespace()).containsExactly("commits");
    Table reloaded = catalog.loadTable(TableIdentifier.of("commits", "log"));
    assertThat(reloaded.properties()).containsEntry("written-by", "client");
    assertThat(updated.metadataLocation()).isEqualTo(currentMetadataLocation(reloaded));
  }

  @Test
  void renamesAndDeletesTables() {
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("moves"));
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("moved"));
    Table table = catalog.createTable(TableIdentifier.of("moves", "a"), SCHEMA);
    String metadataLocation = currentMetadataLocation(table);
    String token =
        client.getTable(b -> b.tableBucketARN(bucketArn).namespace("moves").name("a")).versionToken();

    assertThatThrownBy(
            () -> client.renameTable(b -> movesA(b).newName("b").versionToken("stale")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.renameTable(b -> movesA(b).newName("Bad")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid table name");
    client.renameTable(b -> movesA(b).newNamespaceName("moved").newName("b").versionToken(token));
    assertThat(catalog.tableExists(TableIdentifier.of("moves", "a"))).isFalse();
    assertThat(catalog.tableExists(TableIdentifier.of("moved", "b"))).isTrue();
    assertThatThrownBy(() -> client.getTable(b -> b.tableBucketARN(bucketArn).namespace("moves").name("a")))
        .isInstanceOf(NotFoundException.class);

    assertThatThrownBy(
            () ->
                client.deleteTable(
                    b -> b.tableBucketARN(bucketArn).namespace("moved").name("b").versionToken("stale")))
        .isInstanceOf(ConflictException.class);
    client.deleteTable(b -> b.tableBucketARN(bucketArn).namespace("moved").name("b").versionToken(token));
    assertThat(catalog.tableExists(TableIdentifier.of("moved", "b"))).isFalse();
    assertThat(table.io().newInputFile(metadataLocation).exists()).isTrue();
    assertThatThrownBy(() -> client.deleteTable(b -> b.tableBucketARN(bucketArn).namespace("moved").name("b")))
        .isInstanceOf(NotFoundException.class);

    catalog.createTable(TableIdentifier.of("moved", "c"), SCHEMA);
    client.deleteTable(b -> b.tableBucketARN(bucketArn).namespace("moved").name("c"));
    assertThat(catalog.tableExists(TableIdentifier.of("moved", "c"))).isFalse();
  }

  @Test
  void keepsTheMaintenanceConfigurationPutForATable() {
    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("tuned"));
    catalog.createTable(TableIdentifier.of("tuned", "t"), SCHEMA);
    client.putTableMaintenanceConfiguration(b -> b.tableBucketARN(bucketArn).namespace("tuned").name("t")
        .type(TableMaintenanceType.ICEBERG_COMPACTION)
        .value(v -> v.status(MaintenanceStatus.DISABLED)
            .settings(s -> s.icebergCompaction(c -> c.targetFileSizeMB(128)))));

    var configuration = client.getTableMaintenanceConfiguration(
        b -> b.tableBucketARN(bucketArn).namespace("tuned").name("t")).configuration();
    var compaction = configuration.get(TableMaintenanceType.ICEBERG_COMPACTION);
    assertThat(compaction.status()).isEqualTo(MaintenanceStatus.DISABLED);
    assertThat(compaction.settings().icebergCompaction().targetFileSizeMB()).isEqualTo(128);
    assertThat(configuration.get(TableMaintenanceType.ICEBERG_SNAPSHOT_MANAGEMENT).status())
        .isEqualTo(MaintenanceStatus.ENABLED);

    assertThatThrownBy(() -> client.putTableMaintenanceConfiguration(b -> b
            .tableBucketARN(bucketArn).namespace("tuned").name("t").type("icebergNothing")
            .value(v -> v.status(MaintenanceStatus.ENABLED))))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void answersDefaultMaintenance() {
    var bucketConfig = client.getTableBucketMaintenanceConfiguration(b -> b.tableBucketARN(bucketArn));
    assertThat(bucketConfig.tableBucketARN()).isEqualTo(bucketArn);
    var removal =
        bucketConfig.configuration().get(TableBucketMaintenanceType.ICEBERG_UNREFERENCED_FILE_REMOVAL);
    assertThat(removal.status()).isEqualTo(MaintenanceStatus.ENABLED);
    assertThat(removal.settings().icebergUnreferencedFileRemoval().unreferencedDays()).isEqualTo(3);
    assertThat(removal.settings().icebergUnreferencedFileRemoval().nonCurrentDays()).isEqualTo(10);

    client.createNamespace(b -> b.tableBucketARN(bucketArn).namespace("upkeep"));
    catalog.createTable(TableIdentifier.of("upkeep", "t"), SCHEMA);
    String tableArn =
        client.getTable(b -> b.tableBucketARN(bucketArn).namespace("upkeep").name("t")).tableARN();

    var tableConfig =
        client.getTableMaintenanceConfiguration(b -> b.tableBucketARN(bucketArn).namespace("upkeep").name("t"));
    assertThat(tableConfig.tableARN()).isEqualTo(tableArn);
    var compaction = tableConfig.configuration().get(TableMaintenanceType.ICEBERG_COMPACTION);
    assertThat(compaction.status()).isEqualTo(MaintenanceStatus.ENABLED);
    assertThat(compaction.settings().icebergCompaction().targetFileSizeMB()).isEqualTo(512);
    var snapshots = tableConfig.configuration().get(TableMaintenanceType.ICEBERG_SNAPSHOT_MANAGEMENT);
    assertThat(snapshots.status()).isEqualTo(MaintenanceStatus.ENABLED);
    assertThat(snapshots.settings().icebergSnapshotManagement().minSnapshotsToKeep()).isEqualTo(1);
    assertThat(snapshots.settings().icebergSnapshotManagement().maxSnapshotAgeHours()).isEqualTo(120);

    GetTableMaintenanceJobStatusResponse jobs =
        client.getTableMaintenanceJobStatus(b -> b.tableBucketARN(bucketArn).namespace("upkeep").name("t"));
    assertThat(jobs.tableARN()).isEqualTo(tableArn);
    assertThat(jobs.status()).containsOnlyKeys(
        TableMaintenanceJobType.ICEBERG_COMPACTION,
        TableMaintenanceJobType.ICEBERG_SNAPSHOT_MANAGEMENT,
        TableMaintenanceJobType.ICEBERG_UNREFERENCED_FILE_REMOVAL);
    assertThat(jobs.status().values())
        .allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.NOT_YET_RUN));

    assertThatThrownBy(
            () ->
                client.getTableMaintenanceJobStatus(
                    b -> b.tableBucketARN(bucketArn).namespace("upkeep").name("none")))
        .isInstanceOf(NotFoundException.class);
  }

  private static RenameTableRequest.Builder movesA(RenameTableRequest.Builder request) {
    return request.tableBucketARN(bucketArn).namespace("moves").name("a");
  }

  private static IcebergMetadata icebergSchema() {
    return IcebergMetadata.builder()
        .schema(
            IcebergSchema.builder()
                .fields(
                    SchemaField.builder().name("id").type("long").required(true).build(),
                    SchemaField.builder().name("name").type("string").build())
                .build())
        .properties(Map.of("owner", "control-plane"))
        .build();
  }

  private static String currentMetadataLocation(Table table) {
    return ((HasTableOperations) table).operations().refresh().metadataFileLocation();
  }

  private static long count(String operation) {
    return standIn.counters().count(Endpoint.CONTROL_PLANE, operation);
  }

  /** Every page of a listing, following continuation tokens by hand. */
  private static <R> List<List<String>> pages(
      Function<String, R> list, Function<R, List<String>> names, Function<R, String> nextToken) {
    List<List<String>> pages = new ArrayList<>();
    String token = null;
    do {
      R response = list.apply(token);
      pages.add(names.apply(response));
      token = nextToken.apply(response);
    } while (token != null);
    return pages;
  }
}
