package dev.s3tables.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stand-in in the foreground until Ctrl-C or SIGTERM:
 *
 * <pre>
 * java -jar test-harness/target/s3tables-local.jar [--data-dir DIR] [--bucket NAME]... [--demo]
 *     [--tpch-scale S] [--latency-ms N] [--ready-file FILE]
 * </pre>
 */
public final class LocalS3TablesMain {
  private static final String USAGE =
      "usage: s3tables-local [--data-dir DIR] [--bucket NAME]... [--demo] [--tpch-scale S]"
          + " [--latency-ms N] [--ready-file FILE] [--request-log]"
          + " [--access-key-id ID --secret-access-key KEY]";

  private LocalS3TablesMain() {}

  public static void main(String[] args) throws Exception {
    long startNanos = System.nanoTime();
    LocalS3Tables.Builder builder = LocalS3Tables.builder();
    Path readyFile = null;
    String accessKeyId = null;
    String secretAccessKey = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--data-dir" -> builder.dataDir(Path.of(value(args, ++i)));
          case "--bucket" -> builder.bucket(value(args, ++i));
          case "--demo" -> builder.demo(true);
          case "--tpch-scale" -> builder.tpchScale(Double.parseDouble(value(args, ++i)));
          case "--latency-ms" -> builder.storageLatency(Duration.ofMillis(Long.parseLong(value(args, ++i))));
          case "--ready-file" -> readyFile = Path.of(value(args, ++i));
          case "--request-log" -> builder.requestLog(true);
          case "--access-key-id" -> accessKeyId = value(args, ++i);
          case "--secret-access-key" -> secretAccessKey = value(args, ++i);
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if ((accessKeyId == null) != (secretAccessKey == null)) {
        throw new IllegalArgumentException("--access-key-id and --secret-access-key go together");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("s3tables-local: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (accessKeyId != null) {
      builder.credentials(accessKeyId, secretAccessKey);
    }

    LocalS3Tables standIn = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  standIn.close();
                  stopped.countDown();
                },
                "s3tables-local-shutdown"));

    Properties ready = new Properties();
    ready.setProperty("url", standIn.jdbcUrl());
    ready.setProperty("user", standIn.accessKeyId());
    ready.setProperty("password", standIn.secretAccessKey());
    ready.setProperty("region", standIn.region());
    ready.setProperty("bucket.arn", standIn.bucketArn());
    ready.setProperty("rest.uri", standIn.restUri());
    ready.setProperty("s3.endpoint", standIn.s3Endpoint());
    ready.setProperty("s3tables.endpoint", standIn.s3tablesEndpoint());
    if (readyFile != null) {
      writeAtomically(readyFile, ready);
    }
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    System.out.println("S3 Tables stand-in serving (started in " + millis + " ms); Ctrl-C stops it.");
    System.out.println("  JDBC URL          " + ready.getProperty("url"));
    System.out.println("  user (key id)     " + ready.getProperty("user"));
    System.out.println("  password (secret) " + ready.getProperty("password"));
    System.out.println("  bucket ARN        " + ready.getProperty("bucket.arn"));
    System.out.println("  Iceberg REST      " + ready.getProperty("rest.uri"));
    System.out.println("  control plane     " + ready.getProperty("s3tables.endpoint"));
    System.out.println("  object store      " + ready.getProperty("s3.endpoint"));
    System.out.flush();
    stopped.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** Writes the file under a temporary name first, so a script polling for it never reads half. */
  private static void writeAtomically(Path file, Properties properties) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temp = Files.createTempFile(absolute.getParent(), ".ready", ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      properties.store(out, "s3tables-local stand-in");
    }
    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
