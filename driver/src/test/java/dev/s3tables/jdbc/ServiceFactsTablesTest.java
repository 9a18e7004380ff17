package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.model.GetTableResponse;
import software.amazon.awssdk.services.s3tables.model.TableMaintenanceJobStatusValue;

/**
 * What the S3 Tables service tells about a table, through SQL: {@code "t$details"} (GetTable) and
 * {@code "t$maintenance"} (maintenance configuration and job status), compared with what the AWS
 * SDK's own client gets from the stand-in's control plane; failures with SQLStates.
 */
@StandIn
class ServiceFactsTablesTest {
  private final LocalS3Tables s3tables;
  private S3TablesClient client;

  ServiceFactsTablesTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void setUp() {
    var catalog = s3tables.bucket("demo").catalog();
    if (!catalog.namespaceExists(Namespace.of("facts"))) {
      catalog.createNamespace(Namespace.of("facts"), Map.of());
    }
    client = S3TablesClient.builder()
        .endpointOverride(URI.create(s3tables.s3tablesEndpoint()))
        .region(Region.of(s3tables.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(s3tables.accessKeyId(), s3tables.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterEach
  void tearDown() {
    s3tables.faults().clear();
    client.close();
  }

  private void create(String name) {
    s3tables.bucket("demo").catalog()
        .buildTable(TableIdentifier.of("facts", name), MetadataTablesTest.SCHEMA)
        .create();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  @Test
  void detailsAreWhatGetTableAnswers() throws SQLException {
    create("detailed");
    try (Connection c = connect()) {
      c.createStatement().executeUpdate("insert into facts.detailed values (1, 'eu', 1.00)");
      GetTableResponse expected =
          client.getTable(r -> r.tableBucketARN(s3tables.bucketArn()).namespace("facts").name("detailed"));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "select table_arn, namespace, name, type, format, owner_account_id, created_at, created_by,"
                  + " modified_at, modified_by, version_token, metadata_location, warehouse_location,"
                  + " table_bucket_id from facts.\"detailed$details\"")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("table_arn")).isEqualTo(expected.tableARN()).startsWith(s3tables.bucketArn() + "/table/");
        assertThat(rs.getString("namespace")).isEqualTo("facts");
        assertThat(rs.getString("name")).isEqualTo("detailed");
        assertThat(rs.getString("type")).isEqualTo(expected.typeAsString());
        assertThat(rs.getString("format")).isEqualTo("ICEBERG");
        assertThat(rs.getString("owner_account_id")).isEqualTo(s3tables.accountId());
        assertThat(rs.getTimestamp("created_at").getTime()).isEqualTo(millis(expected.createdAt()));
        assertThat(rs.getString("created_by")).isEqualTo(expected.createdBy());
        assertThat(rs.getTimestamp("modified_at").getTime()).isEqualTo(millis(expected.modifiedAt()));
        assertThat(rs.getString("modified_by")).isEqualTo(expected.modifiedBy());
        assertThat(rs.getString("version_token")).isEqualTo(expected.versionToken());
        assertThat(rs.getString("metadata_location")).isEqualTo(expected.metadataLocation());
        assertThat(rs.getString("warehouse_location")).isEqualTo(expected.warehouseLocation()).endsWith("--table-s3");
        assertThat(rs.getString("table_bucket_id")).isEqualTo(expected.tableBucketId());
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void maintenanceIsTheConfigurationPutAndTheJobStatus() throws SQLException {
    create("maintained");
    client.putTableMaintenanceConfiguration(r -> r
        .tableBucketARN(s3tables.bucketArn()).namespace("facts").name("maintained")
        .type("icebergSnapshotManagement")
        .value(v -> v.status("disabled")
            .settings(st -> st.icebergSnapshotManagement(m -> m.minSnapshotsToKeep(5).maxSnapshotAgeHours(48)))));
    Map<String, TableMaintenanceJobStatusValue> jobs = client.getTableMaintenanceJobStatus(r -> r
        .tableBucketARN(s3tables.bucketArn()).namespace("facts").name("maintained")).statusAsStrings();
    List<String> expected = new ArrayList<>();
    expected.add("icebergCompaction|table|enabled|targetFileSizeMB=512, strategy=auto");
    expected.add("icebergSnapshotManagement|table|disabled|minSnapshotsToKeep=5, maxSnapshotAgeHours=48");
    expected.add("icebergUnreferencedFileRemoval|bucket|enabled|unreferencedDays=3, nonCurrentDays=10");
    for (int i = 0; i < expected.size(); i++) {
      TableMaintenanceJobStatusValue job = jobs.get(expected.get(i).split("\\|")[0]);
      expected.set(i, expected.get(i) + "|" + job.statusAsString() + "|" + millis(job.lastRunTimestamp()) + "|" + job.failureMessage());
    }
    List<String> actual = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select maintenance_type, configured_on, status, settings, job_status, last_run_at, failure_message"
                + " from facts.\"maintained$maintenance\" order by maintenance_type")) {
      while (rs.next()) {
        actual.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            String.valueOf(rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).getTime()), rs.getString(7)));
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(actual.get(0)).contains("|Not_Yet_Run|null|null");
  }

  @Test
  void maintenanceFiltersAndJoinsDetails() throws SQLException {
    create("joined");
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select d.name, m.maintenance_type from facts.\"joined$details\" d"
                + " join facts.\"joined$maintenance\" m on m.status = 'enabled' and d.format = 'ICEBERG'"
                + " where m.configured_on = 'table' order by 2")) {
      assertThat(Oracle.rows(rs)).containsExactly("joined|icebergCompaction", "joined|icebergSnapshotManagement");
    }
  }

  @Test
  void aTableGoneFromTheControlPlaneIsNotFound() throws SQLException {
    create("vanishing");
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("select owner_account_id from facts.\"vanishing$details\"")) {
      s3tables.bucket("demo").catalog().dropTable(TableIdentifier.of("facts", "vanishing"), true);
      assertThatThrownBy(p::executeQuery).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo("42S02");
        assertThat(e.getMessage())
            .contains("The S3 Tables control plane refused GetTable for facts.vanishing (HTTP 404, NotFoundException")
            .doesNotContain("Request ID");
      });
    }
  }

  @Test
  void aRefusedRequestIsAnAuthorizationFailure() throws SQLException {
    create("refusing");
    // The object store checks signatures for service s3: a request signed for s3tables gets 403 there.
    String url = s3tables.jdbcUrl().replace(
        "s3tablesEndpoint=" + URLEncoder.encode(s3tables.s3tablesEndpoint(), StandardCharsets.UTF_8),
        "s3tablesEndpoint=" + URLEncoder.encode(s3tables.s3Endpoint(), StandardCharsets.UTF_8));
    assertThat(url).isNotEqualTo(s3tables.jdbcUrl());
    try (Connection c = DriverManager.getConnection(url, s3tables.jdbcProperties()); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from facts.\"refusing$details\""))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).contains("refused GetTable for facts.refusing (HTTP 403");
          });
      try (ResultSet rs = s.executeQuery("select count(*) from facts.\"refusing$history\"")) {
        assertThat(Oracle.rows(rs)).containsExactly("0");
      }
    }
  }

  @Test
  void anUnavailableControlPlaneIsAConnectionFailureAndTheConnectionStaysUsable() throws SQLException {
    create("unavailable");
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s3tables.faults().unavailableRate(Endpoint.CONTROL_PLANE, 1.0);
      assertThatThrownBy(() -> s.executeQuery("select * from facts.\"unavailable$maintenance\""))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08006");
            assertThat(e.getMessage()).contains("GetTableBucketMaintenanceConfiguration", "HTTP 503");
          });
      s3tables.faults().clear();
      try (ResultSet rs = s.executeQuery("select count(*) from facts.\"unavailable$maintenance\"")) {
        assertThat(Oracle.rows(rs)).containsExactly("3");
      }
    }
  }

  @Test
  void everyControlPlaneRequestIsSignedAndOnlyQueriesOfTheseTablesMakeThem() throws SQLException {
    create("signed");
    try (Connection c = connect()) {
      RequestsSince requests = RequestsSince.now(s3tables);
      Oracle.column(c.getMetaData().getColumns(null, "facts", "%", "%"), "COLUMN_NAME");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from facts.\"signed$snapshots\"")) {
        assertThat(Oracle.rows(rs)).containsExactly("0");
      }
      assertThat(requests.total(Endpoint.CONTROL_PLANE)).isZero();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from facts.\"signed$details\"")) {
        assertThat(rs.next()).isTrue();
      }
      assertThat(requests.total(Endpoint.CONTROL_PLANE)).isEqualTo(1);
      assertThat(requests.unsigned()).isEmpty();
    }
  }
}
