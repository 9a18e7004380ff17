package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.catalog.TableBuckets;
import dev.s3tables.harness.http.ErrorResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 Tables control-plane API (REST-JSON, as the AWS SDK's {@code S3TablesClient} speaks it)
 * over the stand-in's table buckets: the same {@code TableBucketCatalog}s the Iceberg REST
 * endpoint serves, so a table created through one is seen through the other. Mounted at {@code
 * /*} of the S3 Tables host, behind SigV4 verification.
 *
 * <p>Served: CreateTableBucket, ListTableBuckets, GetTableBucket, DeleteTableBucket,
 * CreateNamespace, ListNamespaces, GetNamespace, DeleteNamespace, CreateTable, ListTables,
 * GetTable, GetTableMetadataLocation, UpdateTableMetadataLocation, RenameTable, DeleteTable,
 * GetTableBucketMaintenanceConfiguration, GetTableMaintenanceConfiguration,
 * PutTableMaintenanceConfiguration and GetTableMaintenanceJobStatus. Other paths answer 404 UnknownOperationException, other methods
 * on a served path 405 MethodNotAllowedException.
 *
 * <p>Where the stand-in differs from the service:
 *
 * <ul>
 *   <li>CreateTable requires {@code metadata.iceberg.schema} (400 BadRequestException without
 *       it); the service creates a table without metadata, which Iceberg clients cannot load.
 *       Encryption, storage-class and tag members of Create requests are ignored.
 *   <li>UpdateTableMetadataLocation commits the given metadata atomically, but the table then
 *       points to a copy of the file that Iceberg's JdbcCatalog writes, not to the given file.
 *   <li>List pages are at most {@code maxPageSize} long whatever the client asks, so tests can
 *       exercise paging; continuation tokens are base64 of the last name returned.
 *   <li>Maintenance is never run: the getters answer the service's default configuration with
 *       what PutTableMaintenanceConfiguration stored over it, and {@code Not_Yet_Run}.
 *   <li>GetTable by {@code tableArn} reads every table of the bucket to find the id.
 * </ul>
 */
public final class ControlPlaneServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneServlet.class);
  private static final String LABEL = "([^/]+)";
  private static final String TABLE = "/tables/" + LABEL + "/" + LABEL + "/" + LABEL;

  /** One operation: a handler answers a JSON object, or null for an empty 204 response. */
  @FunctionalInterface
  private interface Handler {
    ObjectNode handle(ControlPlaneRequest request) throws IOException;
  }

  private record Route(String method, Pattern path, String operation) {}

  private static final List<Route> ROUTES =
      List.of(
          route("PUT", "/buckets", "CreateTableBucket"),
          route("GET", "/buckets", "ListTableBuckets"),
          route("GET", "/buckets/" + LABEL, "GetTableBucket"),
          route("DELETE", "/buckets/" + LABEL, "DeleteTableBucket"),
          route("GET", "/buckets/" + LABEL + "/maintenance", "GetTableBucketMaintenanceConfiguration"),
          route("PUT", "/namespaces/" + LABEL, "CreateNamespace"),
          route("GET", "/namespaces/" + LABEL, "ListNamespaces"),
          route("GET", "/namespaces/" + LABEL + "/" + LABEL, "GetNamespace"),
          route("DELETE", "/namespaces/" + LABEL + "/" + LABEL, "DeleteNamespace"),
          route("GET", "/tables/" + LABEL, "ListTables"),
          route("PUT", "/tables/" + LABEL + "/" + LABEL, "CreateTable"),
          route("GET", "/get-table", "GetTable"),
          route("DELETE", TABLE, "DeleteTable"),
          route("GET", TABLE + "/metadata-location", "GetTableMetadataLocation"),
          route("PUT", TABLE + "/metadata-location", "UpdateTableMetadataLocation"),
          route("PUT", TABLE + "/rename", "RenameTable"),
          route("GET", TABLE + "/maintenance", "GetTableMaintenanceConfiguration"),
          route("PUT", TABLE + "/maintenance/" + LABEL, "PutTableMaintenanceConfiguration"),
          route("GET", TABLE + "/maintenance-job-status", "GetTableMaintenanceJobStatus"));

  private final transient Map<String, Handler> handlers;

  /**
   * @param buckets the stand-in's table buckets
   * @param maxPageSize the largest page a List operation returns, whatever the client asks for
   */
  public ControlPlaneServlet(TableBuckets buckets, int maxPageSize) {
    requireNonNull(buckets, "buckets");
    if (maxPageSize < 1) {
      throw new IllegalArgumentException("maxPageSize must be >= 1: " + maxPageSize);
    }
    BucketOperations bucketOps = new BucketOperations(buckets, maxPageSize);
    NamespaceOperations namespaceOps = new NamespaceOperations(buckets, maxPageSize);
    TableOperations tableOps = new TableOperations(buckets, maxPageSize);
    MaintenanceOperations maintenanceOps = new MaintenanceOperations(buckets);
    this.handlers =
        Map.ofEntries(
            Map.entry("CreateTableBucket", bucketOps::createTableBucket),
            Map.entry("ListTableBuckets", bucketOps::listTableBuckets),
            Map.entry("GetTableBucket", bucketOps::getTableBucket),
            Map.entry("DeleteTableBucket", bucketOps::deleteTableBucket),
            Map.entry(
                "GetTableBucketMaintenanceConfiguration",
                maintenanceOps::getTableBucketMaintenanceConfiguration),
            Map.entry("CreateNamespace", namespaceOps::createNamespace),
            Map.entry("ListNamespaces", namespaceOps::listNamespaces),
            Map.entry("GetNamespace", namespaceOps::getNamespace),
            Map.entry("DeleteNamespace", namespaceOps::deleteNamespace),
            Map.entry("ListTables", tableOps::listTables),
            Map.entry("CreateTable", tableOps::createTable),
            Map.entry("GetTable", tableOps::getTable),
            Map.entry("DeleteTable", tableOps::deleteTable),
            Map.entry("GetTableMetadataLocation", tableOps::getTableMetadataLocation),
            Map.entry("UpdateTableMetadataLocation", tableOps::updateTableMetadataLocation),
            Map.entry("RenameTable", tableOps::renameTable),
            Map.entry(
                "GetTableMaintenanceConfiguration", maintenanceOps::getTableMaintenanceConfiguration),
            Map.entry(
                "PutTableMaintenanceConfiguration", maintenanceOps::putTableMaintenanceConfiguration),
            Map.entry("GetTableMaintenanceJobStatus", maintenanceOps::getTableMaintenanceJobStatus));
  }

  private static Route route(String method, String path, String operation) {
    return new Route(method, Pattern.compile(path), operation);
  }

  /** The name of the operation a request calls, as the request counters report it. */
  public static String operationOf(String method, String path) {
    for (Route route : ROUTES) {
      if (route.method().equals(method) && route.path().matcher(path).matches()) {
        return route.operation();
      }
    }
    return "unknown";
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    boolean pathServed = false;
    for (Route route : ROUTES) {
      Matcher m = route.path().matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathServed = true;
      if (route.method().equals(request.getMethod())) {
        serve(route.operation(), handlers.get(route.operation()), new ControlPlaneRequest(request, labels(m)), response);
        return;
      }
    }
    String what = request.getMethod() + " " + path;
    if (pathServed) {
      ErrorResponses.awsJson(
          response, 405, "MethodNotAllowedException", "The method is not allowed: " + what);
    } else {
      ErrorResponses.awsJson(
          response, 404, "UnknownOperationException", "The stand-in serves no operation at " + what);
    }
  }

  private static void serve(
      String operation, Handler handler, ControlPlaneRequest request, HttpServletResponse response)
      throws IOException {
    ObjectNode result;
    try {
      result = handler.handle(request);
    } catch (RuntimeException | IOException e) {
      ServiceException error = translate(operation, e);
      ErrorResponses.awsJson(response, error.status(), error.type(), error.getMessage());
      return;
    }
    if (result == null) {
      response.setStatus(204);
      return;
    }
    byte[] body = Json.MAPPER.writeValueAsBytes(result);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The service's answer to a failure: its status, error type and a message, never a stack trace. */
  private static ServiceException translate(String operation, Exception e) {
    if (e instanceof ServiceException error) {
      return error;
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof NoSuchNamespaceException
        || e instanceof NoSuchTableException
        || e instanceof NotFoundException) {
      return ServiceException.notFound(message);
    }
    if (e instanceof AlreadyExistsException
        || e instanceof NamespaceNotEmptyException
        || e instanceof CommitFailedException) {
      return ServiceException.conflict(message);
    }
    if (e instanceof IllegalArgumentException || e instanceof ValidationException) {
      return ServiceException.badRequest(message);
    }
    LOG.warn("{} failed", operation, e);
    return new ServiceException(
        500,
        "InternalServerErrorException",
        operation + " failed: " + e.getClass().getSimpleName() + ": " + message);
  }

  /** The path labels, percent-decoded ({@code +} stays {@code +}: it is a path, not a form). */
  private static List<String> labels(Matcher m) {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) {
      labels.add(URLDecoder.decode(m.group(i).replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return labels;
  }
}
