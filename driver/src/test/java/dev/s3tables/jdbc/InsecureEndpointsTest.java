package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import dev.s3tables.jdbc.catalog.EndpointCheckedS3FileIO;
import dev.s3tables.jdbc.config.EndpointPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain http endpoints off this machine are refused before anything is sent, unless
 * allowInsecureEndpoints=true; https and loopback always pass. The same rule holds for endpoints
 * the catalog service hands out.
 */
@StandIn(demo = true, shared = true)
class InsecureEndpointsTest {
  private final LocalS3Tables s3tables;

  InsecureEndpointsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  private String url(String key, String endpoint) {
    return s3tables.jdbcUrl().replaceAll("([?&])" + key + "=[^&]*", "$1" + key + "=" + encode(endpoint));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "restEndpoint,     http://example.com/iceberg",
    "restEndpoint,     http://10.0.0.8:8181/iceberg",
    "restEndpoint,     http://localhost.example.com/iceberg",
    "s3Endpoint,       http://example.com",
    "s3Endpoint,       http://0.0.0.0:9000",
    "s3Endpoint,       http://[fe80::1]:9000",
    "s3tablesEndpoint, http://example.com",
    "s3tablesEndpoint, http://128.0.0.1",
  })
  void plainHttpOffThisMachineIsRefusedBeforeAnyRequest(String key, String endpoint) {
    RequestsSince requests = RequestsSince.now(s3tables);
    Throwable refused = catchThrowable(() -> DriverManager.getConnection(url(key, endpoint), s3tables.jdbcProperties()));
    assertThat(refused).isInstanceOf(SQLException.class)
        .hasMessageContaining(key + " is plain http to " + URI.create(endpoint).getHost())
        .hasMessageContaining("allowInsecureEndpoints=true");
    assertThat(((SQLException) refused).getSQLState()).isEqualTo("08001");
    for (Endpoint endpointOfStandIn : Endpoint.values()) {
      assertThat(requests.total(endpointOfStandIn)).as(endpointOfStandIn.toString()).isZero();
    }
  }

  @Test
  void theOptOutLetsThemThrough() throws SQLException {
    // The catalog is the stand-in; only a scan would reach this S3 endpoint, which never resolves.
    String url = url("s3Endpoint", "http://s3.invalid:9000") + "&allowInsecureEndpoints=true";
    try (Connection c = DriverManager.getConnection(url, s3tables.jdbcProperties());
        ResultSet tables = c.getMetaData().getTables(null, "tpch", "nation", null)) {
      assertThat(tables.next()).isTrue();
    }
    String catalogOffMachine = url("restEndpoint", "http://catalog.invalid/iceberg") + "&allowInsecureEndpoints=true";
    Throwable unreachable = catchThrowable(() -> DriverManager.getConnection(catalogOffMachine, s3tables.jdbcProperties()));
    assertThat(unreachable).isInstanceOf(SQLException.class)
        .hasMessageContaining("catalog.invalid")
        .hasMessageNotContaining("allowInsecureEndpoints");
  }

  @Test
  void loopbackByAnyOfItsNamesIsAccepted() throws SQLException {
    int port = URI.create(s3tables.restUri()).getPort();
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      String url = url("restEndpoint", "http://" + host + ":" + port + "/iceberg");
      try (Connection c = DriverManager.getConnection(url, s3tables.jdbcProperties())) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://example.com", "https://10.0.0.8", "http://127.0.0.1", "http://127.255.255.254:1",
    "http://localhost", "http://LOCALHOST:80", "http://[::1]:9000", "http://[0:0:0:0:0:0:0:1]",
    "http://[::ffff:127.0.0.1]"})
  void encryptedOrLocal(String endpoint) {
    assertThat(EndpointPolicy.isEncryptedOrLocal(URI.create(endpoint))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "http://example.com", "http://10.0.0.8", "http://0.0.0.0", "http://128.0.0.1", "http://127.0.0.1.nip.io",
    "http://localhost.example.com", "http://[::2]", "http://[fe80::1]", "http://2130706433", "http://127.1",
    "http://999.0.0.1", "ftp://127.0.0.1"})
  void neitherEncryptedNorLocal(String endpoint) {
    assertThat(EndpointPolicy.isEncryptedOrLocal(URI.create(endpoint))).isFalse();
  }

  @Test
  void endpointsTheCatalogHandsOutFollowTheSameRule() {
    EndpointCheckedS3FileIO io = new EndpointCheckedS3FileIO();
    Throwable refused = catchThrowable(() -> io.initialize(Map.of("s3.endpoint", "http://example.com")));
    assertThat(refused).isInstanceOf(EndpointPolicy.InsecureEndpointException.class)
        .hasMessageContaining("http://example.com");
    assertThat(SqlStates.of(refused)).isEqualTo("08001");
    assertThatThrownBy(() -> EndpointPolicy.checkAdvertised("the catalog endpoint", "http://example.com/iceberg", false))
        .isInstanceOf(EndpointPolicy.InsecureEndpointException.class);
    EndpointPolicy.checkAdvertised("the catalog endpoint", "http://example.com/iceberg", true);
    EndpointPolicy.checkAdvertised("the catalog endpoint", "https://example.com/iceberg", false);
    EndpointPolicy.checkAdvertised("the catalog endpoint", null, false);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
