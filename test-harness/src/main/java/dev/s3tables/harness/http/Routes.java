package dev.s3tables.harness.http;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.control.ControlPlaneServlet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the route of a request, as the counters report it: Iceberg REST operation names for the
 * catalog, API operation names for the control plane and the object store.
 */
final class Routes {
  private static final Pattern CATALOG =
      Pattern.compile("/iceberg/v1(?:/(?<prefix>[^/]+))?(?<rest>(?:/[^/]+)*)/?");

  private Routes() {}

  static String name(Endpoint endpoint, String method, String path, String query) {
    return switch (endpoint) {
      case CATALOG -> catalog(method, path);
      case CONTROL_PLANE -> ControlPlaneServlet.operationOf(method, path);
      case STORAGE -> storage(method, path, query == null ? "" : query);
    };
  }

  private static String catalog(String method, String path) {
    if (path.equals("/iceberg/v1/config")) {
      return "getConfig";
    }
    Matcher m = CATALOG.matcher(path);
    if (!m.matches()) {
      return "unknown";
    }
    String[] parts = m.group("rest").isEmpty() ? new String[0] : m.group("rest").substring(1).split("/");
    if (parts.length == 0 || !parts[0].equals("namespaces")) {
      return parts.length > 0 && parts[0].equals("tables") && parts.length > 1 ? "renameTable" : "unknown";
    }
    if (parts.length == 1) {
      return method.equals("GET") ? "listNamespaces" : "createNamespace";
    }
    if (parts.length == 2) {
      return switch (method) {
        case "GET" -> "loadNamespace";
        case "HEAD" -> "namespaceExists";
        case "DELETE" -> "dropNamespace";
        default -> "updateNamespace";
      };
    }
    String kind = parts[2];
    if (kind.equals("views")) {
      return "views";
    }
    if (parts.length == 3) {
      return kind.equals("tables") ? (method.equals("GET") ? "listTables" : "createTable") : "unknown";
    }
    if (parts.length == 5 && parts[4].equals("metrics")) {
      return "reportMetrics";
    }
    if (parts.length == 4 && kind.equals("tables")) {
      return switch (method) {
        case "GET" -> "loadTable";
        case "HEAD" -> "tableExists";
        case "DELETE" -> "dropTable";
        default -> "updateTable";
      };
    }
    return "unknown";
  }

  private static String storage(String method, String path, String query) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.isEmpty()) {
      return "ListBuckets";
    }
    boolean object = trimmed.indexOf('/') > 0 && trimmed.indexOf('/') < trimmed.length() - 1;
    boolean multipart = query.contains("uploadId=");
    if (!object) {
      return switch (method) {
        case "GET" -> query.contains("uploads") ? "ListMultipartUploads" : "ListObjects";
        case "PUT" -> "CreateBucket";
        case "HEAD" -> "HeadBucket";
        case "DELETE" -> "DeleteBucket";
        case "POST" -> query.contains("delete") ? "DeleteObjects" : "PostBucket";
        default -> "unknown";
      };
    }
    return switch (method) {
      case "GET" -> multipart ? "ListParts" : "GetObject";
      case "HEAD" -> "HeadObject";
      case "PUT" -> multipart ? "UploadPart" : query.isEmpty() ? "PutObject" : "PutObject?" + query;
      case "DELETE" -> multipart ? "AbortMultipartUpload" : "DeleteObject";
      case "POST" -> multipart ? "CompleteMultipartUpload" : "CreateMultipartUpload";
      default -> "unknown";
    };
  }
}
