package dev.s3tables.harness.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3tables.harness.Endpoint;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;

/** Writes errors in the shape each endpoint of the service uses. */
public final class ErrorResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  /**
   * An AWS REST-JSON error, as the control plane and the service's request authentication send
   * them: the type in {@code x-amzn-ErrorType}, the message in the body.
   */
  public static void awsJson(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("message", message);
    response.setStatus(status);
    response.setHeader("x-amzn-ErrorType", type);
    write(response, "application/json", JSON.writeValueAsString(body));
  }

  /** An Iceberg REST error response. */
  public static void iceberg(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    ErrorResponse error =
        ErrorResponse.builder().responseCode(status).withType(type).withMessage(message).build();
    response.setStatus(status);
    write(response, "application/json", ErrorResponseParser.toJson(error));
  }

  /** An S3 XML error document. */
  public static void s3Xml(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    write(
        response,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>");
  }

  /** An injected server error (500 or 503) in the endpoint's own shape. */
  static void injected(HttpServletResponse response, Endpoint endpoint, int status)
      throws IOException {
    boolean unavailable = status == 503;
    String message = "Injected fault: the stand-in answered " + status;
    switch (endpoint) {
      case CATALOG -> iceberg(
          response,
          status,
          unavailable ? "ServiceUnavailableException" : "InternalServerErrorException",
          message);
      case CONTROL_PLANE -> awsJson(
          response,
          status,
          unavailable ? "ServiceUnavailableException" : "InternalServerErrorException",
          message);
      case STORAGE -> s3Xml(response, status, unavailable ? "SlowDown" : "InternalError", message);
    }
  }

  private static void write(HttpServletResponse response, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentType(contentType);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
