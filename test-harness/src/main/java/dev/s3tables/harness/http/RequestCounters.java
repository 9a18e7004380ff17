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
 * GetObject}), so tests can assert what an operation cost.
 */
public final class RequestCounters {
  private final Map<Endpoint, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
  private final Set<String> objectsRead = ConcurrentHashMap.newKeySet();

  void record(Endpoint endpoint, String route) {
    counts
        .computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(route, r -> new LongAdder())
        .increment();
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
    Map<String, Long> copy = new TreeMap<>();
    counts
        .getOrDefault(requireNonNull(endpoint, "endpoint"), Map.of())
        .forEach((route, count) -> copy.put(route, count.sum()));
    return copy;
  }

  public void reset() {
    counts.clear();
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
