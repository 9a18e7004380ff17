package dev.s3tables.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Captures what the process logs while it is open: System.out and System.err, where the tests'
 * SLF4J binding (slf4j-simple) and java.util.logging's console handler write, with the SLF4J
 * loggers of the driver and its libraries at TRACE.
 *
 * <p>Left at their configured level: the loggers that dump requests as sent, headers included,
 * which is what they are for (the session token travels in a header). java.util.logging stays at
 * its level: at FINEST, Janino's own logging breaks Calcite's code generation.
 */
final class LogCapture implements AutoCloseable {
  /** The driver, its SQL engine, catalog, storage and HTTP clients. */
  static final List<String> TRACED = List.of(
      "dev.s3tables.jdbc", "dev.s3tables.calcite", "org.apache.calcite", "org.apache.iceberg", "software.amazon.awssdk", "org.apache.hc",
      "org.apache.http", "org.apache.parquet", "org.apache.hadoop");
  /** Request dumps: the AWS SDK's canonical requests (SigV4 signer) and HTTP wire and header logs. */
  static final List<String> REQUEST_DUMPS = List.of(
      "software.amazon.awssdk.auth.signer", "software.amazon.awssdk.http.auth", "org.apache.hc.client5.http.wire",
      "org.apache.hc.client5.http.headers", "org.apache.http.wire", "org.apache.http.headers");
  /** The stand-in's own loggers: it serves the requests, it is not the driver. */
  static final List<String> STAND_IN = List.of(
      "dev.s3tables.harness", "org.eclipse.jetty", "org.gaul", "org.jclouds",
      "org.apache.iceberg.rest.RESTCatalogServlet", "org.apache.iceberg.rest.RESTCatalogAdapter",
      "org.apache.iceberg.jdbc");
  private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.";
  private static final int TRACE = 0;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final Map<Object, Integer> levels = new HashMap<>();

  LogCapture() {
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    raiseExistingLoggers();
    for (String prefix : TRACED) {
      System.setProperty(LEVEL_PROPERTY + prefix, "trace");
    }
    for (String prefix : REQUEST_DUMPS) {
      System.setProperty(LEVEL_PROPERTY + prefix, "info");
    }
    if (!LoggerFactory.getLogger("org.apache.iceberg.rest.RESTCatalog").isTraceEnabled()
        || !LoggerFactory.getLogger("software.amazon.awssdk.request").isTraceEnabled()) {
      close();
      throw new IllegalStateException("Could not raise the driver's loggers to TRACE");
    }
  }

  /** slf4j-simple fixes a logger's level when it creates it; loggers made before now are set here. */
  private void raiseExistingLoggers() {
    forEachDriverLogger(logger -> {
      levels.put(logger, levelOf(logger));
      setLevel(logger, TRACE);
    });
  }

  private static void forEachDriverLogger(Consumer<Object> action) {
    try {
      Object factory = LoggerFactory.getILoggerFactory();
      Field map = factory.getClass().getDeclaredField("loggerMap");
      map.setAccessible(true);
      for (Map.Entry<?, ?> entry : ((ConcurrentMap<?, ?>) map.get(factory)).entrySet()) {
        String name = (String) entry.getKey();
        if (TRACED.stream().anyMatch(name::startsWith) && STAND_IN.stream().noneMatch(name::startsWith)
            && REQUEST_DUMPS.stream().noneMatch(name::startsWith)) {
          action.accept(entry.getValue());
        }
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("The tests' SLF4J binding is not slf4j-simple as expected", e);
    }
  }

  private static Field levelField(Object logger) throws NoSuchFieldException {
    Field level = logger.getClass().getDeclaredField("currentLogLevel");
    level.setAccessible(true);
    return level;
  }

  private static int levelOf(Object logger) {
    try {
      return levelField(logger).getInt(logger);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void setLevel(Object logger, int level) {
    try {
      levelField(logger).setInt(logger, level);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
    for (String prefix : TRACED) {
      System.clearProperty(LEVEL_PROPERTY + prefix);
    }
    for (String prefix : REQUEST_DUMPS) {
      System.clearProperty(LEVEL_PROPERTY + prefix);
    }
    // Loggers made while capturing got TRACE; they go back to the level a new logger gets now.
    int configured = levelOf(LoggerFactory.getLogger(LogCapture.class.getName() + ".after"));
    forEachDriverLogger(logger -> setLevel(logger, levels.getOrDefault(logger, configured)));
  }
}
