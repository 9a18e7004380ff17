package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Trino 476 coordinator as a child process, pointed at the in-process stand-in's endpoints with
 * its credentials (catalog {@code s3tables}). Started through {@code scripts/lib/trino-serve.sh},
 * which writes its configuration and runs it in the foreground; stopped, with anything it started,
 * by {@link #close()} or at JVM exit. Its log and process id stay in the run folder.
 */
final class TrinoServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private TrinoServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(this::stop, "trino-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static TrinoServer start(Path serveScript, Path runDir, LocalS3Tables s3tables, String heap) throws Exception {
    Files.createDirectories(runDir);
    int port = freePort();
    List<String> command = List.of("bash", serveScript.toString(), runDir.toAbsolutePath().toString(),
        Integer.toString(port), s3tables.restUri(), s3tables.bucketArn(), s3tables.s3Endpoint(), s3tables.region(),
        s3tables.accessKeyId(), s3tables.secretAccessKey(), heap);
    Path log = runDir.resolve("trino.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Files.writeString(runDir.resolve("trino.pid"), process.pid() + "\n");
    TrinoServer server = new TrinoServer(process, port);
    try {
      server.awaitFirstQuery(log);
      return server;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** trino-jdbc URL of the {@code s3tables} catalog and a schema. */
  String jdbcUrl(String schema) {
    return "jdbc:trino://127.0.0.1:" + port + "/s3tables/" + schema;
  }

  static Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("user", "bench");
    return properties;
  }

  /** Waits until a query of the s3tables catalog answers (the coordinator has announced itself as a worker). */
  private void awaitFirstQuery(Path log) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Trino exited with " + process.exitValue() + "; see " + log + "\n" + tail(log));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl("tpch"), properties());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from region")) {
        rs.next();
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(1000);
      }
    }
    throw new IllegalStateException("Trino did not answer a query in " + READY_TIMEOUT + "; see " + log, last);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs or has run
    }
  }
}
