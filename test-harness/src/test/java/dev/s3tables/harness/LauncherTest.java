package dev.s3tables.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher in a child JVM, as a script uses it: ready file, real clients, clean stop on SIGTERM. */
class LauncherTest {

  @Test
  void servesUntilTerminatedAndWritesTheReadyFile(@TempDir Path dir) throws Exception {
    Path ready = dir.resolve("ready.properties");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalS3TablesMain.class.getName(),
                    "--bucket", "launched",
                    "--bucket", "other",
                    "--data-dir", dir.resolve("data").toString(),
                    "--ready-file", ready.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!Files.exists(ready) && process.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(ready).as(Files.readString(dir.resolve("out.log"))).exists();

      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(ready)) {
        properties.load(in);
      }
      assertThat(properties.stringPropertyNames())
          .contains("url", "user", "password", "region", "bucket.arn", "rest.uri", "s3.endpoint", "s3tables.endpoint");
      assertThat(properties.getProperty("bucket.arn")).endsWith(":bucket/launched");
      assertThat(properties.getProperty("url"))
          .startsWith("jdbc:s3tables:" + properties.getProperty("bucket.arn") + "?restEndpoint=");
      assertThat(Files.readString(dir.resolve("out.log"))).contains(properties.getProperty("url"));

      try (RESTCatalog catalog = new RESTCatalog()) {
        catalog.initialize(
            "launched",
            java.util.Map.of(
                "uri", properties.getProperty("rest.uri"),
                "warehouse", properties.getProperty("bucket.arn"),
                "rest.auth.type", "sigv4",
                "rest.signing-name", "s3tables",
                "rest.signing-region", properties.getProperty("region"),
                "rest.access-key-id", properties.getProperty("user"),
                "rest.secret-access-key", properties.getProperty("password")));
        catalog.createNamespace(Namespace.of("via_launcher"));
        assertThat(catalog.listNamespaces()).containsExactly(Namespace.of("via_launcher"));
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // SIGTERM exits through the shutdown hook (143 = 128 + SIGTERM), and the catalog survived.
    assertThat(process.exitValue()).isIn(0, 143);
    assertThat(new File(dir.resolve("data").toFile(), "catalog.db")).exists();
  }
}
