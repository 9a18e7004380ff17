package dev.s3tables.harness.http;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.Endpoint;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults and latency the stand-in adds to requests, per endpoint. All settings apply from the next
 * request on and can be changed while the stand-in serves.
 */
public final class FaultInjector {
  /** What happens to one request. */
  public enum Fault {
    NONE,
    INTERNAL_ERROR,
    SERVICE_UNAVAILABLE,
    CONNECTION_RESET
  }

  private record Settings(long latencyMillis, double internalError, double unavailable, double reset) {
    static final Settings NONE = new Settings(0, 0, 0, 0);
  }

  private final Map<Endpoint, Settings> settings = new EnumMap<>(Endpoint.class);
  private final AtomicInteger commitConflicts = new AtomicInteger();
  private final AtomicReference<Runnable> beforeNextCommit = new AtomicReference<>();

  public FaultInjector() {
    clear();
  }

  /** Adds a fixed delay before every request of the endpoint is served. */
  public synchronized FaultInjector latency(Endpoint endpoint, Duration latency) {
    Settings s = settings.get(requireNonNull(endpoint, "endpoint"));
    settings.put(endpoint, new Settings(latency.toMillis(), s.internalError, s.unavailable, s.reset));
    return this;
  }

  /** Answers this share of the endpoint's requests with HTTP 500 in the endpoint's error shape. */
  public synchronized FaultInjector internalErrorRate(Endpoint endpoint, double probability) {
    Settings s = settings.get(requireNonNull(endpoint, "endpoint"));
    settings.put(endpoint, new Settings(s.latencyMillis, check(probability), s.unavailable, s.reset));
    return this;
  }

  /** Answers this share of the endpoint's requests with HTTP 503 in the endpoint's error shape. */
  public synchronized FaultInjector unavailableRate(Endpoint endpoint, double probability) {
    Settings s = settings.get(requireNonNull(endpoint, "endpoint"));
    settings.put(endpoint, new Settings(s.latencyMillis, s.internalError, check(probability), s.reset));
    return this;
  }

  /** Resets the TCP connection of this share of the endpoint's requests without an answer. */
  public synchronized FaultInjector connectionResetRate(Endpoint endpoint, double probability) {
    Settings s = settings.get(requireNonNull(endpoint, "endpoint"));
    settings.put(endpoint, new Settings(s.latencyMillis, s.internalError, s.unavailable, check(probability)));
    return this;
  }

  /** Fails the next {@code count} table commits with 409 CommitFailedException. */
  public FaultInjector failNextCommits(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    commitConflicts.set(count);
    return this;
  }

  /**
   * Runs {@code action} once, when the next table commit arrives and before it is served: a
   * concurrent writer's commit landing between a client's planning and its commit.
   */
  public FaultInjector beforeNextCommit(Runnable action) {
    beforeNextCommit.set(requireNonNull(action, "action"));
    return this;
  }

  /** Runs the action set by {@link #beforeNextCommit}, if any, once. */
  public void runBeforeCommit() {
    Runnable action = beforeNextCommit.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }

  /** Removes every fault and every added latency. */
  public synchronized FaultInjector clear() {
    for (Endpoint endpoint : Endpoint.values()) {
      settings.put(endpoint, Settings.NONE);
    }
    commitConflicts.set(0);
    beforeNextCommit.set(null);
    return this;
  }

  synchronized long latencyMillis(Endpoint endpoint) {
    return settings.get(endpoint).latencyMillis;
  }

  Fault draw(Endpoint endpoint) {
    Settings s;
    synchronized (this) {
      s = settings.get(endpoint);
    }
    double roll = ThreadLocalRandom.current().nextDouble();
    if (roll < s.internalError) {
      return Fault.INTERNAL_ERROR;
    }
    if (roll < s.internalError + s.unavailable) {
      return Fault.SERVICE_UNAVAILABLE;
    }
    if (roll < s.internalError + s.unavailable + s.reset) {
      return Fault.CONNECTION_RESET;
    }
    return Fault.NONE;
  }

  /** True, and one fewer left, if the next commit is to fail. */
  public boolean takeCommitConflict() {
    return commitConflicts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static double check(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    return probability;
  }
}
