package dev.s3tables.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.s3tables.harness.http.RequestCounters;
import dev.s3tables.harness.junit.StandIn;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3tables.S3TablesClient;
import software.amazon.awssdk.services.s3tables.model.S3TablesException;

/** Every endpoint accepts what SigV4 signs correctly, from several real clients, and refuses the rest. */
@StandIn
class SigV4Test {
  private final LocalS3Tables s3tables;
  private final HttpClient http = HttpClient.newHttpClient();

  SigV4Test(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void unsignedRequestsGet403InTheServiceShape() throws Exception {
    HttpResponse<String> config = get(s3tables.restUri() + "/v1/config?warehouse=" + encode(s3tables.bucketArn()));
    assertThat(config.statusCode()).isEqualTo(403);
    assertThat(config.body()).contains("Missing Authentication Token");

    HttpResponse<String> buckets = get(s3tables.s3tablesEndpoint() + "/buckets");
    assertThat(buckets.statusCode()).isEqualTo(403);
    assertThat(buckets.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    assertThat(buckets.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

    s3tables.bucket("demo").catalog().createNamespace(Namespace.of("unsigned"), Map.of());
    String location =
        s3tables.bucket("demo").catalog()
            .createTable(TableIdentifier.of("unsigned", "t"), new Schema(Types.NestedField.required(1, "id", Types.LongType.get())))
            .location();
    HttpResponse<String> objects = get(s3tables.s3Endpoint() + "/" + URI.create(location).getHost() + "?list-type=2");
    assertThat(objects.statusCode()).isEqualTo(403);
    assertThat(objects.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void theCountersTellUnsignedRequestsMethodsAndStatuses() throws Exception {
    RequestCounters counters = s3tables.counters();
    counters.reset();
    get(s3tables.s3tablesEndpoint() + "/buckets");
    try (S3TablesClient client = Clients.s3Tables(s3tables, s3tables.secretAccessKey())) {
      client.listTableBuckets(b -> { });
    }
    assertThat(counters.unsigned(Endpoint.CONTROL_PLANE)).isEqualTo(1);
    // A status is counted once the handler returns, which can be just after the client has the response.
    for (int i = 0; i < 100 && statuses(counters) < 2; i++) {
      Thread.sleep(20);
    }
    assertThat(counters.byStatus(Endpoint.CONTROL_PLANE)).containsExactly(Map.entry(200, 1L), Map.entry(403, 1L));
    assertThat(counters.byMethod(Endpoint.CONTROL_PLANE)).containsExactly(Map.entry("GET", 2L));
    assertThat(counters.unsigned(Endpoint.CATALOG)).isZero();
  }

  @Test
  void aWrongSecretIsRefusedByEveryEndpoint() throws IOException {
    Map<String, String> wrongSecret = Map.of("rest.secret-access-key", "not-the-secret");
    assertThatThrownBy(() -> Clients.restCatalog(s3tables, wrongSecret))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("signature we calculated does not match");

    try (S3TablesClient client = Clients.s3Tables(s3tables, "not-the-secret")) {
      assertThatThrownBy(() -> client.listTableBuckets(b -> { }))
          .isInstanceOfSatisfying(S3TablesException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
          });
    }
    try (S3Client client = Clients.s3(s3tables, "not-the-secret")) {
      assertThatThrownBy(client::listBuckets)
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void anUnknownAccessKeyIsRefused() {
    Map<String, String> otherKey = Map.of("rest.access-key-id", "AKIAUNKNOWNKEY000000");
    assertThatThrownBy(() -> Clients.restCatalog(s3tables, otherKey))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("security token included in the request is invalid");
  }

  @Test
  void aWrongSigningNameIsRefused() {
    assertThatThrownBy(() -> Clients.restCatalog(s3tables, Map.of("rest.signing-name", "execute-api")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("scoped to a valid region and service");
  }

  @Test
  void requestsSkewedMoreThanFifteenMinutesAreRefused() {
    try (LocalS3Tables skewed =
        LocalS3Tables.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16))).start()) {
      assertThatThrownBy(() -> Clients.restCatalog(skewed))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("Signature expired");
    }
    try (LocalS3Tables slightlySkewed =
            LocalS3Tables.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14))).start();
        RESTCatalog catalog = Clients.restCatalog(slightlySkewed)) {
      assertThat(catalog.listNamespaces()).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void curlSignedRequestsAreAccepted() throws Exception {
    assumeTrue(new File("/usr/bin/curl").canExecute() || onPath("curl"), "curl is not installed");
    String sigv4 = "aws:amz:" + s3tables.region() + ":s3tables";
    String user = s3tables.accessKeyId() + ":" + s3tables.secretAccessKey();

    Curl config = curl(sigv4, user, "GET", s3tables.restUri() + "/v1/config?warehouse=" + encode(s3tables.bucketArn()), null);
    assertThat(config.status).isEqualTo(200);
    assertThat(config.body).contains("\"prefix\"").contains(encode(s3tables.bucketArn()));

    String prefix = encode(s3tables.bucketArn());
    Curl create =
        curl(sigv4, user, "POST", s3tables.restUri() + "/v1/" + prefix + "/namespaces", "{\"namespace\":[\"from_curl\"]}");
    assertThat(create.status).as(create.body).isEqualTo(200);
    Curl namespaces = curl(sigv4, user, "GET", s3tables.s3tablesEndpoint() + "/namespaces/" + prefix, null);
    assertThat(namespaces.status).as(namespaces.body).isEqualTo(200);
    assertThat(namespaces.body).contains("from_curl");

    // Views and metrics reports are not served, as by the service.
    Curl views = curl(sigv4, user, "GET", s3tables.restUri() + "/v1/" + prefix + "/namespaces/from_curl/views", null);
    assertThat(views.status).isEqualTo(404);
    assertThat(views.body).contains("UnknownOperationException");
    Curl metrics =
        curl(sigv4, user, "POST", s3tables.restUri() + "/v1/" + prefix + "/namespaces/from_curl/tables/t/metrics", "{}");
    assertThat(metrics.status).isEqualTo(404);

    Curl wrong = curl(sigv4, s3tables.accessKeyId() + ":wrong", "GET", s3tables.s3tablesEndpoint() + "/buckets", null);
    assertThat(wrong.status).isEqualTo(403);
    assertThat(s3tables.bucket("demo").catalog().namespaceExists(Namespace.of("from_curl"))).isTrue();
  }

  private record Curl(int status, String body) {}

  private static Curl curl(String sigv4, String user, String method, String url, String body) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-X", method, "--aws-sigv4", sigv4, "--user", user,
        "-w", "\n%{http_code}", url));
    if (body != null) {
      command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    int split = output.lastIndexOf('\n');
    return new Curl(Integer.parseInt(output.substring(split + 1).trim()), output.substring(0, split));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static long statuses(RequestCounters counters) {
    return counters.byStatus(Endpoint.CONTROL_PLANE).values().stream().mapToLong(Long::longValue).sum();
  }
}
