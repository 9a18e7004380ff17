package dev.s3tables.harness;

import static dev.s3tables.harness.TestTables.append;
import static dev.s3tables.harness.TestTables.read;
import static dev.s3tables.harness.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.model.S3TablesException;

/** The object store's S3 Tables rules, persistence on a data directory, and every injected fault. */
@StandIn
class StorageAndFaultsTest {
  private static final Schema SCHEMA = TestTables.SCHEMA;

  /** Iceberg's client retries 500 and 503 on GETs for half a minute; one retry keeps these tests short. */
  private static final Map<String, String> NO_RETRIES = Map.of("rest.client.max-retries", "1");

  private final LocalS3Tables s3tables;

  StorageAndFaultsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @AfterEach
  void clearFaults() {
    s3tables.faults().clear();
  }

  @Test
  void tableStorageRefusesDeleteObject() throws IOException {
    try (RESTCatalog catalog = Clients.restCatalog(s3tables);
        S3Client s3 = Clients.s3(s3tables, s3tables.secretAccessKey())) {
      catalog.createNamespace(Namespace.of("storage_rules"));
      Table table = catalog.createTable(TableIdentifier.of("storage_rules", "t"), SCHEMA);
      String bucket = URI.create(table.location()).getHost();
      s3.putObject(b -> b.bucket(bucket).key("data/x.bin"), RequestBody.fromString("payload"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("data/x.bin")).asUtf8String()).isEqualTo("payload");

      assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("data/x.bin")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          });
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("data/x.bin")).asUtf8String()).isEqualTo("payload");
      assertThat(s3tables.counters().count(Endpoint.STORAGE, "DeleteObject")).isPositive();
    }
  }

  @Test
  void injectedServerErrorsAnswerInEachEndpointsShape() throws IOException {
    try (RESTCatalog catalog = Clients.restCatalog(s3tables, NO_RETRIES);
        S3Client s3 = Clients.s3(s3tables, s3tables.secretAccessKey())) {
      s3tables.faults().internalErrorRate(Endpoint.CATALOG, 1.0);
      assertThatThrownBy(catalog::listNamespaces).isInstanceOf(ServiceFailureException.class);
      s3tables.faults().clear().unavailableRate(Endpoint.CATALOG, 1.0);
      assertThatThrownBy(catalog::listNamespaces).isInstanceOf(ServiceUnavailableException.class);

      s3tables.faults().clear().unavailableRate(Endpoint.STORAGE, 1.0);
      long before = s3tables.counters().count(Endpoint.STORAGE, "ListBuckets");
      assertThatThrownBy(s3::listBuckets)
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
          });
      // The SDK retried the 503s, as AWS clients do; every attempt reached the stand-in.
      assertThat(s3tables.counters().count(Endpoint.STORAGE, "ListBuckets") - before).isGreaterThan(1);

      s3tables.faults().clear().internalErrorRate(Endpoint.CONTROL_PLANE, 1.0);
      try (S3TablesClient control = Clients.s3Tables(s3tables, s3tables.secretAccessKey())) {
        assertThatThrownBy(() -> control.listTableBuckets(b -> { }))
            .isInstanceOfSatisfying(S3TablesException.class, e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerErrorException");
            });
        s3tables.faults().clear();
        assertThat(control.listTableBuckets(b -> { }).tableBuckets()).isNotEmpty();
      }
      assertThat(catalog.listNamespaces()).isNotNull();
      assertThat(s3.listBuckets().buckets()).isNotEmpty();
    }
  }

  @Test
  void connectionResetsFailTheRequestAndLeaveTheServerUsable() throws IOException {
    try (RESTCatalog catalog = Clients.restCatalog(s3tables, NO_RETRIES)) {
      s3tables.faults().connectionResetRate(Endpoint.CATALOG, 1.0);
      assertThatThrownBy(catalog::listNamespaces).isInstanceOf(RuntimeException.class);
      s3tables.faults().clear();
      assertThat(catalog.listNamespaces()).isNotNull();
    }
  }

  @Test
  void addedLatencyDelaysEveryRequest() {
    try (S3Client s3 = Clients.s3(s3tables, s3tables.secretAccessKey())) {
      s3.listBuckets();
      s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(300));
      long start = System.nanoTime();
      s3.listBuckets();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void commitConflictsAreRetriedByTheClientOrFailTheCommit() throws IOException {
    try (RESTCatalog catalog = Clients.restCatalog(s3tables)) {
      catalog.createNamespace(Namespace.of("conflicts"));
      Table table = catalog.createTable(TableIdentifier.of("conflicts", "t"), SCHEMA);

      s3tables.counters().reset();
      s3tables.faults().failNextCommits(2);
      append(table, List.of(row(1L, "after two conflicts")));
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "updateTable")).isEqualTo(3);

      s3tables.faults().failNextCommits(1000);
      Table reloaded = catalog.loadTable(TableIdentifier.of("conflicts", "t"));
      long snapshot = reloaded.currentSnapshot().snapshotId();
      assertThatThrownBy(() -> append(reloaded, List.of(row(2L, "never committed"))))
          .isInstanceOf(CommitFailedException.class);
      s3tables.faults().clear();
      Table after = catalog.loadTable(TableIdentifier.of("conflicts", "t"));
      assertThat(after.currentSnapshot().snapshotId()).isEqualTo(snapshot);
      assertThat(read(after)).containsExactly("1:after two conflicts");
    }
  }

  @Test
  void aDataDirectoryKeepsBucketsTablesAndDataAcrossRestarts(@TempDir Path dataDir) throws IOException {
    try (LocalS3Tables first = LocalS3Tables.builder().dataDir(dataDir).bucket("kept").start();
        RESTCatalog catalog = Clients.restCatalog(first)) {
      catalog.createNamespace(Namespace.of("durable"));
      append(catalog.createTable(TableIdentifier.of("durable", "t"), SCHEMA), List.of(row(42L, "kept")));
    }
    try (LocalS3Tables second = LocalS3Tables.builder().dataDir(dataDir).bucket("kept").start();
        RESTCatalog catalog = Clients.restCatalog(second, Map.of())) {
      assertThat(read(catalog.loadTable(TableIdentifier.of("durable", "t")))).containsExactly("42:kept");
    }
  }
}
