package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the driver sends is signed with SigV4 and accepted: the stand-in counts each
 * request that comes without an AWS4-HMAC-SHA256 signature and answers it 403, so a read, a write
 * and DDL that leave no unsigned request and no 401/403 were signed throughout.
 */
@StandIn(demo = true, shared = true)
class SignedRequestsTest {
  private final LocalS3Tables s3tables;

  SignedRequestsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void readsWritesAndDdlAreSignedEverywhere() throws SQLException {
    RequestsSince requests = RequestsSince.now(s3tables);
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement()) {
      assertThat(Oracle.rows(s.executeQuery("select count(*) from tpch.nation where n_regionkey = 1")))
          .containsExactly("5");
      s.execute("create schema if not exists signed");
      s.execute("create table signed.t (id int not null, name varchar) partitioned by (bucket(4, id))");
      assertThat(s.executeUpdate("insert into signed.t values (1, 'a'), (2, 'b')")).isEqualTo(2);
      try (PreparedStatement insert = c.prepareStatement("insert into signed.t values (?, ?)")) {
        insert.setInt(1, 3);
        insert.setString(2, "c");
        insert.addBatch();
        insert.executeBatch();
      }
      s.execute("create table signed.copy as select * from signed.t");
      s.execute("alter table signed.copy add column note varchar");
      assertThat(Oracle.rows(s.executeQuery("select count(*) from signed.copy"))).containsExactly("3");
      s.execute("drop table signed.copy");
      s.execute("drop table signed.t");
      s.execute("drop schema signed");
    }
    assertThat(requests.unsigned()).as("unsigned requests").isEmpty();
    assertThat(requests.statuses()).as("responses")
        .doesNotContainKeys("CATALOG 401", "CATALOG 403", "STORAGE 401", "STORAGE 403", "CONTROL_PLANE 403");
    assertThat(requests.total(Endpoint.CATALOG)).as("catalog requests").isGreaterThan(10);
    assertThat(requests.writes()).as("writes").containsKeys("CATALOG POST", "CATALOG DELETE", "STORAGE PUT");
    assertThat(requests.statuses().get("STORAGE 200")).as("object reads and writes").isGreaterThan(3);
    // The driver does not use the control plane yet.
    assertThat(requests.total(Endpoint.CONTROL_PLANE)).isZero();
  }

  @Test
  void theStandInCountsAndRefusesUnsignedRequests() throws Exception {
    RequestsSince requests = RequestsSince.now(s3tables);
    HttpClient http = HttpClient.newHttpClient();
    for (String url : new String[] {s3tables.restUri() + "/v1/config", s3tables.s3Endpoint() + "/", s3tables.s3tablesEndpoint() + "/buckets"}) {
      HttpResponse<Void> response =
          http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).as(url).isEqualTo(403);
    }
    assertThat(requests.unsigned()).isEqualTo(Map.of("CATALOG", 1L, "STORAGE", 1L, "CONTROL_PLANE", 1L));
    assertThat(requests.statuses()).isEqualTo(Map.of("CATALOG 403", 1L, "STORAGE 403", 1L, "CONTROL_PLANE 403", 1L));
  }
}
