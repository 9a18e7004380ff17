package dev.s3tables.jdbc;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.http.RequestCounters;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stand-in received from the moment this was taken: requests by endpoint and method, by
 * response status, and unsigned ones. Differences, so classes sharing a stand-in need no reset.
 */
final class RequestsSince {
  private final RequestCounters counters;
  private final Map<String, Long> before;

  private RequestsSince(RequestCounters counters) {
    this.counters = requireNonNull(counters, "counters");
    this.before = tally(counters);
  }

  static RequestsSince now(LocalS3Tables s3tables) {
    return new RequestsSince(s3tables.counters());
  }

  /** Requests that may change state (any method but GET and HEAD), as "ENDPOINT METHOD" -> count. */
  Map<String, Long> writes() {
    Map<String, Long> writes = new TreeMap<>();
    since("method ").forEach((key, count) -> {
      if (!key.endsWith(" GET") && !key.endsWith(" HEAD")) {
        writes.put(key, count);
      }
    });
    return writes;
  }

  /** Responses by status, as "ENDPOINT STATUS" -> count. */
  Map<String, Long> statuses() {
    return since("status ");
  }

  /** Requests without a SigV4 signature, by endpoint name. */
  Map<String, Long> unsigned() {
    return since("unsigned ");
  }

  /** Requests an endpoint received. */
  long total(Endpoint endpoint) {
    return since("method " + endpoint + " ").values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<String, Long> since(String kind) {
    Map<String, Long> now = tally(counters);
    Map<String, Long> delta = new TreeMap<>();
    now.forEach((key, count) -> {
      long added = count - before.getOrDefault(key, 0L);
      if (key.startsWith(kind) && added != 0) {
        delta.put(key.substring(kind.length()), added);
      }
    });
    return delta;
  }

  private static Map<String, Long> tally(RequestCounters counters) {
    Map<String, Long> tally = new TreeMap<>();
    for (Endpoint endpoint : Endpoint.values()) {
      counters.byMethod(endpoint).forEach((method, count) -> tally.put("method " + endpoint + " " + method, count));
      counters.byStatus(endpoint).forEach((status, count) -> tally.put("status " + endpoint + " " + status, count));
      tally.put("unsigned " + endpoint, counters.unsigned(endpoint));
    }
    return tally;
  }
}
