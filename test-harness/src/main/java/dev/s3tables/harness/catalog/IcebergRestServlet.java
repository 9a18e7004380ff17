package dev.s3tables.harness.catalog;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.http.ErrorResponses;
import dev.s3tables.harness.http.FaultInjector;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ConfigResponseParser;

/**
 * The Iceberg REST endpoint of S3 Tables at {@code /iceberg}: answers {@code /v1/config} for a
 * bucket ARN with the ARN as path prefix, applies the service's refusals, and hands every other
 * request, without its prefix, to Iceberg's REST reference servlet of that bucket.
 */
public final class IcebergRestServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Pattern PREFIXED = Pattern.compile("/iceberg/v1/(?<prefix>[^/]+)(?<rest>/.*)");
  private static final Pattern TABLE = Pattern.compile("/namespaces/[^/]+/tables/[^/]+");
  private static final Pattern VIEWS = Pattern.compile("/namespaces/[^/]+/views(/.*)?");
  private static final Pattern METRICS = Pattern.compile("/namespaces/[^/]+/tables/[^/]+/metrics");

  /** What the service serves: no views, no metrics reports, no multi-table transactions. */
  private static final List<Endpoint> ENDPOINTS =
      List.of(
          Endpoint.V1_LIST_NAMESPACES,
          Endpoint.V1_LOAD_NAMESPACE,
          Endpoint.V1_NAMESPACE_EXISTS,
          Endpoint.V1_CREATE_NAMESPACE,
          Endpoint.V1_DELETE_NAMESPACE,
          Endpoint.V1_LIST_TABLES,
          Endpoint.V1_LOAD_TABLE,
          Endpoint.V1_TABLE_EXISTS,
          Endpoint.V1_CREATE_TABLE,
          Endpoint.V1_UPDATE_TABLE,
          Endpoint.V1_DELETE_TABLE,
          Endpoint.V1_RENAME_TABLE);

  private final transient TableBuckets buckets;
  private final transient FaultInjector faults;

  public IcebergRestServlet(TableBuckets buckets, FaultInjector faults) {
    this.buckets = requireNonNull(buckets, "buckets");
    this.faults = requireNonNull(faults, "faults");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String path = request.getRequestURI();
    if (path.equals("/iceberg/v1/config")) {
      config(request, response);
      return;
    }
    Matcher m = PREFIXED.matcher(path);
    if (!m.matches()) {
      ErrorResponses.iceberg(response, 400, "BadRequestException", "No route for request: " + request.getMethod() + " " + path);
      return;
    }
    String arn = URLDecoder.decode(m.group("prefix"), StandardCharsets.UTF_8);
    Optional<TableBucket> bucket = buckets.byArn(arn);
    if (bucket.isEmpty()) {
      noSuchBucket(response, arn);
      return;
    }
    String rest = m.group("rest");
    if (VIEWS.matcher(rest).matches() || METRICS.matcher(rest).matches()) {
      ErrorResponses.iceberg(
          response, 404, "UnknownOperationException", "The operation is not supported: " + request.getMethod() + " " + rest);
      return;
    }
    if (TABLE.matcher(rest).matches()) {
      if (request.getMethod().equals("DELETE") && !"true".equals(request.getParameter("purgeRequested"))) {
        ErrorResponses.iceberg(
            response, 400, "BadRequestException", "S3 Tables only supports dropping tables with purge enabled");
        return;
      }
      if (request.getMethod().equals("POST")) {
        faults.runBeforeCommit();
      }
      if (request.getMethod().equals("POST") && faults.takeCommitConflict()) {
        ErrorResponses.iceberg(
            response, 409, "CommitFailedException", "Injected fault: commit conflict for " + rest);
        return;
      }
    }
    bucket.get().restServlet().service(new WithoutPrefix(request, "/v1" + rest), response);
  }

  private void config(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String warehouse = request.getParameter("warehouse");
    if (warehouse == null) {
      ErrorResponses.iceberg(response, 400, "BadRequestException", "The warehouse parameter (a table bucket ARN) is required");
      return;
    }
    if (buckets.byArn(warehouse).isEmpty()) {
      noSuchBucket(response, warehouse);
      return;
    }
    ConfigResponse config =
        ConfigResponse.builder()
            .withOverride("prefix", URLEncoder.encode(warehouse, StandardCharsets.UTF_8))
            .withEndpoints(ENDPOINTS)
            .build();
    byte[] body = ConfigResponseParser.toJson(config).getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static void noSuchBucket(HttpServletResponse response, String arn) throws IOException {
    ErrorResponses.iceberg(response, 404, "NotFoundException", "The specified table bucket does not exist: " + arn);
  }

  /** The request as Iceberg's servlet expects it: a path that starts at {@code /v1}. */
  private static final class WithoutPrefix extends HttpServletRequestWrapper {
    private final String uri;

    WithoutPrefix(HttpServletRequest request, String uri) {
      super(request);
      this.uri = uri;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }
  }
}
