package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;

/** One control-plane request: its decoded path labels, its query parameters and its JSON body. */
final class ControlPlaneRequest {
  private final HttpServletRequest request;
  private final List<String> labels;
  private ObjectNode body;

  ControlPlaneRequest(HttpServletRequest request, List<String> labels) {
    this.request = requireNonNull(request, "request");
    this.labels = List.copyOf(labels);
  }

  /** A path label ({@code tableBucketARN}, {@code namespace}, {@code name}) by position. */
  String label(int index) {
    return labels.get(index);
  }

  /** A query parameter; absent and empty are the same. */
  String param(String name) {
    String value = request.getParameter(name);
    return value == null || value.isEmpty() ? null : value;
  }

  String requiredParam(String name) {
    String value = param(name);
    if (value == null) {
      throw ServiceException.badRequest("The query parameter " + name + " is required");
    }
    return value;
  }

  Integer intParam(String name) {
    String value = param(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw ServiceException.badRequest("The query parameter " + name + " must be an integer: " + value);
    }
  }

  /** The request body as a JSON object; an empty body is an empty object. */
  ObjectNode body() throws IOException {
    if (body == null) {
      body = parse(request.getInputStream().readAllBytes());
    }
    return body;
  }

  String requiredText(String member) throws IOException {
    return requiredText(body(), member);
  }

  String optionalText(String member) throws IOException {
    return text(body(), member);
  }

  /** A string member of an object; BadRequestException if it is absent or null. */
  static String requiredText(JsonNode object, String member) {
    String value = text(object, member);
    if (value == null) {
      throw ServiceException.badRequest("The member " + member + " is required");
    }
    return value;
  }

  /** A string member of an object, or null if it is absent or null. */
  static String text(JsonNode object, String member) {
    JsonNode value = object.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ServiceException.badRequest("The member " + member + " must be a string");
    }
    return value.asText();
  }

  private static ObjectNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ServiceException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServiceException.badRequest("The request body cannot be read");
    }
    if (node == null || node.isMissingNode()) {
      return Json.object();
    }
    if (!node.isObject()) {
      throw ServiceException.badRequest("The request body must be a JSON object");
    }
    return (ObjectNode) node;
  }
}
