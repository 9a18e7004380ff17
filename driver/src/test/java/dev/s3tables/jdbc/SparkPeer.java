package dev.s3tables.jdbc;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.sparkpeer.SparkSqlRunner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark SQL 4.1 with Iceberg's Spark runtime in a child JVM of its own class path (resolved by the
 * spark-peer module), its catalog {@code s3t} on the stand-in's REST catalog and object store, and
 * {@code s3t} the default catalog, so that {@code ns.table} names the same table in Spark as in the
 * driver. Started once for a test class (Spark takes seconds to start) and driven over the child's
 * standard input and output by {@link SparkSqlRunner}. Its own log goes to
 * {@code target/spark-peer.log}.
 */
final class SparkPeer implements AutoCloseable {
  private static final List<String> JAVA_17_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Path log;

  private SparkPeer(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts Spark against the stand-in's first bucket and waits until it can take statements. */
  static SparkPeer start(LocalS3Tables s3tables) throws IOException {
    Path work = Files.createDirectories(Path.of("target", "spark-peer"));
    String runner = Path.of(classLocation()).toString();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Duser.timezone=UTC");
    command.add("-Daws.region=" + s3tables.region());
    command.addAll(JAVA_17_OPTIONS);
    command.add("-cp");
    command.add(runner + File.pathSeparator + sparkClasspath());
    command.add(SparkSqlRunner.class.getName());
    command.addAll(settings(s3tables, work));
    Path log = work.resolve("..").resolve("spark-peer.log").normalize();
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("AWS_REGION", s3tables.region());
    SparkPeer peer = new SparkPeer(builder.start(), log);
    try {
      for (String line = peer.out.readLine(); ; line = peer.out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("Spark did not start" + peer.logTail());
        } else if (line.startsWith("READY ")) {
          return peer;
        }
      }
    } catch (IOException | RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  /** Spark's class path as the spark-peer module resolved it. */
  private static String sparkClasspath() throws IOException {
    try (InputStream in = SparkSqlRunner.class.getResourceAsStream("spark-classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException("spark-peer has no spark-classpath.txt: build it with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static java.net.URI classLocation() {
    try {
      return SparkSqlRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> settings(LocalS3Tables s3tables, Path work) {
    String c = "spark.sql.catalog.s3t";
    return List.of(
        "spark.master=local[2]",
        "spark.app.name=s3tables-interop",
        "spark.driver.bindAddress=127.0.0.1",
        "spark.driver.host=127.0.0.1",
        "spark.ui.enabled=false",
        "spark.sql.shuffle.partitions=2",
        "spark.default.parallelism=2",
        "spark.local.dir=" + work.toAbsolutePath(),
        "spark.sql.warehouse.dir=" + work.resolve("warehouse").toAbsolutePath(),
        "spark.sql.session.timeZone=UTC",
        "spark.sql.datetime.java8API.enabled=true",
        "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        "spark.sql.defaultCatalog=s3t",
        c + "=org.apache.iceberg.spark.SparkCatalog",
        c + ".type=rest",
        c + ".uri=" + s3tables.restUri(),
        c + ".warehouse=" + s3tables.bucketArn(),
        c + ".rest.sigv4-enabled=true",
        c + ".rest.signing-name=s3tables",
        c + ".rest.signing-region=" + s3tables.region(),
        c + ".rest.access-key-id=" + s3tables.accessKeyId(),
        c + ".rest.secret-access-key=" + s3tables.secretAccessKey(),
        c + ".rest-metrics-reporting-enabled=false",
        // Every statement sees the catalog's current metadata, including the driver's latest commit.
        c + ".cache-enabled=false",
        c + ".io-impl=org.apache.iceberg.aws.s3.S3FileIO",
        c + ".s3.endpoint=" + s3tables.s3Endpoint(),
        c + ".s3.path-style-access=true",
        c + ".s3.access-key-id=" + s3tables.accessKeyId(),
        c + ".s3.secret-access-key=" + s3tables.secretAccessKey(),
        c + ".s3.delete-enabled=false",
        c + ".client.region=" + s3tables.region(),
        c + ".http-client.type=urlconnection");
  }

  /** Runs one statement (newlines become spaces) and returns its rows in the text form of TypedValues. */
  List<String> sql(String statement) throws IOException {
    in.write(statement.replace('\n', ' ').replace('\r', ' '));
    in.newLine();
    in.flush();
    List<String> rows = new ArrayList<>();
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("Spark exited during: " + statement + logTail());
      } else if (line.startsWith("R ")) {
        rows.add(line.substring(2));
      } else if (line.startsWith("OK ")) {
        return rows;
      } else if (line.startsWith("ERR ")) {
        throw new SparkException(statement, line.substring(4));
      }
    }
  }

  /** A statement Spark refused, with Spark's message. */
  static final class SparkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SparkException(String statement, String message) {
      super("Spark failed: " + statement + "\n  " + message);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n--- last lines of " + log + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Ends the session, and the JVM if it does not end by itself within 20 s. */
  @Override
  public void close() {
    try {
      in.write("QUIT");
      in.newLine();
      in.flush();
    } catch (IOException e) {
      // the child has gone already
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
