package dev.s3tables.harness.http;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.Endpoint;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests each endpoint received, by route (for example {@code loadTable} or {@code
 * GetObject}), by HTTP method and by response status, and those that came unsigned, so tests can
 * assert what an operation cost and that it wrote nothing.
 */
public final class RequestCounters {
  private final Map<Endpoint, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
  private final Map<Endpoint, Map<String, LongAdder>> methods = new ConcurrentHashMap<>();
  private final Map<Endpoint, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
  private final Map<Endpoint, LongAdder> unsigned = new ConcurrentHashMap<>();
  private final Set<String> objectsRead = ConcurrentHashMap.newKeySet();

  void record(Endpoint endpoint, String route, String method, boolean signed) {
    increment(counts, endpoint, route);
    increment(methods, endpoint, method);
    if (!signed) {
      unsigned.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
    }
  }

  void recordStatus(Endpoint endpoint, int status) {
    increment(statuses, endpoint, status);
  }

  private static <K> void increment(Map<Endpoint, Map<K, LongAdder>> map, Endpoint endpoint, K key) {
    map.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static <K> Map<K, Long> sorted(Map<Endpoint, Map<K, LongAdder>> map, Endpoint endpoint) {
    Map<K, Long> copy = new TreeMap<>();
    map.getOrDefault(requireNonNull(endpoint, "endpoint"), Map.of()).forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  void recordObjectRead(String path) {
    objectsRead.add(path);
  }

  /**
   * The objects GetObject read since the start or the last reset, as decoded {@code /<bucket>/<key>}
   * paths, so a test can tell which data files a query opened.
   */
  public Set<String> objectsRead() {
    return Set.copyOf(objectsRead);
  }

  /** All requests the endpoint received since the start or the last {@link #reset()}. */
  public long total(Endpoint endpoint) {
    return byRoute(endpoint).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Requests of one route, for example {@code count(CATALOG, "loadTable")}. */
  public long count(Endpoint endpoint, String route) {
    return byRoute(endpoint).getOrDefault(requireNonNull(route, "route"), 0L);
  }

  /** A sorted copy of the counts of one endpoint. */
  public Map<String, Long> byRoute(Endpoint endpoint) {
    return sorted(counts, endpoint);
  }

  /** Requests of one endpoint by HTTP method; anything but GET and HEAD may change state. */
  public Map<String, Long> byMethod(Endpoint endpoint) {
    return sorted(methods, endpoint);
  }

  /** Responses of one endpoint by HTTP status, 403 for the requests its SigV4 check refused. */
  public Map<Integer, Long> byStatus(Endpoint endpoint) {
    return sorted(statuses, endpoint);
  }

  /**
   * Requests of one endpoint that carried no SigV4 signature: no {@code Authorization:
   * AWS4-HMAC-SHA256} header and no presigned {@code X-Amz-Signature}.
   */
  public long unsigned(Endpoint endpoint) {
    LongAdder count = unsigned.get(requireNonNull(endpoint, "endpoint"));
    return count == null ? 0 : count.sum();
  }

  public void reset() {
    counts.clear();
    methods.clear();
    statuses.clear();
    unsigned.clear();
    objectsRead.clear();
  }

  @Override
  public String toString() {
    Map<Endpoint, Map<String, Long>> all = new TreeMap<>();
    for (Endpoint endpoint : Endpoint.values()) {
      all.put(endpoint, byRoute(endpoint));
    }
    return "RequestCounters" + all;
  }
}
