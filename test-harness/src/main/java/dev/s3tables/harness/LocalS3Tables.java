package dev.s3tables.harness;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.auth.SigV4Filter;
import dev.s3tables.harness.auth.SigV4Verifier;
import dev.s3tables.harness.catalog.IcebergRestServlet;
import dev.s3tables.harness.catalog.TableBucket;
import dev.s3tables.harness.catalog.TableBuckets;
import dev.s3tables.harness.control.ControlPlaneServlet;
import dev.s3tables.harness.demo.DemoData;
import dev.s3tables.harness.http.FaultInjector;
import dev.s3tables.harness.http.HttpServers;
import dev.s3tables.harness.http.RequestCounters;
import dev.s3tables.harness.http.RequestGate;
import dev.s3tables.harness.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A local stand-in for Amazon S3 Tables: the Iceberg REST endpoint and the control-plane API on
 * one host, and an S3-compatible object store, each on 127.0.0.1 with a free port and each
 * checking SigV4 on every request. Built from real parts: Iceberg's REST reference servlet over a
 * JdbcCatalog (SQLite) per table bucket, and s3proxy's S3 protocol handler.
 *
 * <pre>{@code
 * try (LocalS3Tables s3tables = LocalS3Tables.builder().demo(true).start()) {
 *   String url = s3tables.jdbcUrl();
 * }
 * }</pre>
 */
public final class LocalS3Tables implements AutoCloseable {

  private final Builder config;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final ObjectStore objectStore;
  private final TableBuckets buckets;
  private final FaultInjector faults = new FaultInjector();
  private final RequestCounters counters = new RequestCounters();
  private final Server storageServer;
  private final Server s3tablesServer;
  private final String s3Endpoint;
  private final String s3tablesEndpoint;

  private LocalS3Tables(Builder config) throws Exception {
    this.config = config;
    this.ownsWorkDir = config.dataDir == null;
    this.workDir = ownsWorkDir ? Files.createTempDirectory("s3tables-local") : config.dataDir;
    Files.createDirectories(workDir);
    this.objectStore = ObjectStore.create(config.dataDir, config.accessKeyId, config.secretAccessKey);

    storageServer = HttpServers.newServer("s3tables-local-storage");
    ServerConnector publicStorage = HttpServers.addLoopbackConnector(storageServer, "public", true);
    ServerConnector internalStorage = HttpServers.addLoopbackConnector(storageServer, "internal", true);
    ServletContextHandler gated =
        HttpServers.context("public", List.of(RequestGate.forStorage(counters, faults)));
    HttpServers.addServlet(gated, objectStore.servlet(), "/*");
    // The catalog writes metadata files through its own connector, which no test fault or counter touches.
    ServletContextHandler internal = HttpServers.context("internal", List.of(RequestGate.forInternalStorage()));
    HttpServers.addServlet(internal, objectStore.servlet(), "/*");
    storageServer.setHandler(new Handler.Sequence(gated, internal));
    if (config.requestLog) {
      HttpServers.logRequests(storageServer, "storage");
    }
    storageServer.start();
    this.s3Endpoint = "http://127.0.0.1:" + publicStorage.getLocalPort();

    String catalogDb = workDir.resolve("catalog.db").toString();
    this.buckets =
        new TableBuckets(
            "jdbc:sqlite:" + catalogDb + "?journal_mode=WAL&busy_timeout=30000",
            config.region,
            config.accountId,
            Map.of(
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint", "http://127.0.0.1:" + internalStorage.getLocalPort(),
                "s3.path-style-access", "true",
                "s3.access-key-id", config.accessKeyId,
                "s3.secret-access-key", config.secretAccessKey,
                "s3.delete-enabled", "false",
                "client.region", config.region,
                "http-client.type", "urlconnection"),
            objectStore::newTableLocation);
    for (String bucket : config.buckets) {
      buckets.getOrCreate(bucket);
    }

    s3tablesServer = HttpServers.newServer("s3tables-local");
    ServerConnector connector = HttpServers.addLoopbackConnector(s3tablesServer, "s3tables", false);
    SigV4Verifier verifier =
        new SigV4Verifier(config.accessKeyId, config.secretAccessKey, config.region, "s3tables", config.clock);
    ServletContextHandler context =
        HttpServers.context(
            "s3tables", List.of(RequestGate.forS3Tables(counters, faults), new SigV4Filter(verifier)));
    HttpServers.addServlet(context, new IcebergRestServlet(buckets, faults), "/iceberg/*");
    HttpServers.addServlet(context, new ControlPlaneServlet(buckets, config.maxPageSize), "/*");
    s3tablesServer.setHandler(context);
    if (config.requestLog) {
      HttpServers.logRequests(s3tablesServer, "s3tables");
    }
    s3tablesServer.start();
    this.s3tablesEndpoint = "http://127.0.0.1:" + connector.getLocalPort();

    if (config.demo) {
      DemoData.seed(bucket(config.buckets.iterator().next()).catalog(), config.tpchScale);
    }
    if (!config.latency.isZero()) {
      faults.latency(Endpoint.STORAGE, config.latency);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public String region() {
    return config.region;
  }

  public String accountId() {
    return config.accountId;
  }

  public String accessKeyId() {
    return config.accessKeyId;
  }

  public String secretAccessKey() {
    return config.secretAccessKey;
  }

  /** The ARN of the first bucket the builder named. */
  public String bucketArn() {
    return bucketArn(config.buckets.iterator().next());
  }

  public String bucketArn(String bucketName) {
    return buckets.arnOf(bucketName);
  }

  /** The Iceberg REST endpoint, as a driver's {@code restEndpoint}. */
  public String restUri() {
    return s3tablesEndpoint + "/iceberg";
  }

  /** The control-plane endpoint, as an {@code S3TablesClient} endpoint override. */
  public String s3tablesEndpoint() {
    return s3tablesEndpoint;
  }

  /** The object store endpoint (path-style), as {@code s3.endpoint}. */
  public String s3Endpoint() {
    return s3Endpoint;
  }

  /** A JDBC URL for the first bucket, with the stand-in's endpoints and region. */
  public String jdbcUrl() {
    return jdbcUrl(config.buckets.iterator().next());
  }

  public String jdbcUrl(String bucketName) {
    return "jdbc:s3tables:" + bucketArn(bucketName)
        + "?restEndpoint=" + encode(restUri())
        + "&s3Endpoint=" + encode(s3Endpoint)
        + "&s3tablesEndpoint=" + encode(s3tablesEndpoint)
        + "&region=" + config.region;
  }

  /** The stand-in's credentials as a JDBC client gives them: access key as user, secret as password. */
  public Properties jdbcProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", config.accessKeyId);
    properties.setProperty("password", config.secretAccessKey);
    return properties;
  }

  public TableBuckets buckets() {
    return buckets;
  }

  /** The bucket of that name; fails if there is none. */
  public TableBucket bucket(String name) {
    return buckets.byName(name).orElseThrow(() -> new IllegalArgumentException("No table bucket " + name));
  }

  public FaultInjector faults() {
    return faults;
  }

  public RequestCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    for (AutoCloseable step : List.<AutoCloseable>of(s3tablesServer::stop, buckets, storageServer::stop, objectStore)) {
      try {
        step.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (ownsWorkDir) {
      deleteRecursively(workDir);
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("The stand-in did not stop cleanly");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "LocalS3Tables[rest=" + restUri() + ", s3=" + s3Endpoint + ", buckets=" + config.buckets + "]";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings of a stand-in; {@link #start()} starts one. */
  public static final class Builder {
    private Path dataDir;
    private final Set<String> buckets = new LinkedHashSet<>();
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private String accessKeyId = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
    private String secretAccessKey = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().substring(0, 8);
    private boolean demo;
    private double tpchScale = 0.01;
    private int maxPageSize = 1000;
    private Duration latency = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private boolean requestLog;

    private Builder() {}

    /** Keep catalog and objects under this directory, so they survive a restart; default: memory. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** A table bucket to create; repeatable. Default: one bucket named {@code demo}. */
    public Builder bucket(String name) {
      buckets.add(requireNonNull(name, "name"));
      return this;
    }

    public Builder region(String region) {
      this.region = requireNonNull(region, "region");
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = requireNonNull(accountId, "accountId");
      return this;
    }

    /** The only credentials the stand-in accepts; default: random ones per stand-in. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
      this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
      return this;
    }

    /** Seed the first bucket with the demo data (namespaces tpch and demo). */
    public Builder demo(boolean demo) {
      this.demo = demo;
      return this;
    }

    public Builder tpchScale(double tpchScale) {
      if (!(tpchScale > 0)) {
        throw new IllegalArgumentException("tpchScale must be > 0: " + tpchScale);
      }
      this.tpchScale = tpchScale;
      return this;
    }

    /** The largest page the control plane returns, whatever the client asks; lower it to test paging. */
    public Builder maxPageSize(int maxPageSize) {
      if (maxPageSize < 1) {
        throw new IllegalArgumentException("maxPageSize must be >= 1: " + maxPageSize);
      }
      this.maxPageSize = maxPageSize;
      return this;
    }

    /** Latency added to every object-store request from the start. */
    public Builder storageLatency(Duration latency) {
      this.latency = requireNonNull(latency, "latency");
      return this;
    }

    /** Print one line per request (method, path, status, time) to standard error, to diagnose clients. */
    public Builder requestLog(boolean requestLog) {
      this.requestLog = requestLog;
      return this;
    }

    /** The clock signatures are checked against (to test clock skew). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public LocalS3Tables start() {
      if (buckets.isEmpty()) {
        buckets.add("demo");
      }
      try {
        return new LocalS3Tables(this);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("The stand-in did not start", e);
      }
    }
  }
}
