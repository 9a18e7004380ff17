package dev.s3tables.harness.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The JSON conventions of the control plane's REST-JSON protocol. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A namespace as the API names it: a list of one name. */
  static ArrayNode namespace(String name) {
    return MAPPER.createArrayNode().add(name);
  }

  /** Timestamps are ISO 8601 strings in UTC with milliseconds ({@code timestampFormat: iso8601}). */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
