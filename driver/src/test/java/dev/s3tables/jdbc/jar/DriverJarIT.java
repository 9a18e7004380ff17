package dev.s3tables.jdbc.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.sqlite.JDBC;

/**
 * The packaged driver jar, as SQL tools and applications load it: alone on a class path, and in
 * an isolated class loader beside another driver and a host application's own Guava and Jackson.
 * Runs after {@code package} (failsafe), on the jar named by the {@code driver.jar} property.
 */
@StandIn(demo = true, shared = true)
class DriverJarIT {
  private static final Path JAR = Path.of(System.getProperty("driver.jar", "target/s3tables-jdbc.jar"));
  private static final String DRIVER_CLASS = "dev.s3tables.jdbc.S3TablesDriver";

  private final LocalS3Tables s3tables;

  DriverJarIT(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void holdsOneDriverServiceNoSignaturesNoLoggingBindingAndRelocatedLibraries() throws IOException {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(drivers.strip()).isEqualTo(DRIVER_CLASS);
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertThat(names).filteredOn(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")).isEmpty();
      assertThat(names).filteredOn(n -> n.startsWith("META-INF/services/org.slf4j")).isEmpty();
      assertThat(names).doesNotContain("org/slf4j/impl/StaticLoggerBinder.class");
      for (String relocated : List.of("com/google/common/", "com/google/protobuf/", "com/fasterxml/jackson/",
          "org/apache/hc/", "com/github/benmanes/caffeine/", "org/yaml/snakeyaml/")) {
        assertThat(names).as(relocated).noneMatch(n -> n.startsWith(relocated));
        assertThat(names).as(relocated).anyMatch(n -> n.startsWith("dev/s3tables/jdbc/shaded/" + relocated));
      }
      assertThat(names).contains("org/apache/calcite/jdbc/Driver.class", "org/codehaus/janino/Compiler.class",
          "org/slf4j/LoggerFactory.class");
      assertThat(names).noneMatch(n -> n.startsWith("dev/s3tables/harness/") || n.startsWith("org/junit/")
          || n.startsWith("org/gaul/") || n.startsWith("io/netty/"));
    }
  }

  @Test
  void answersQueriesAndWritesFromAnIsolatedClassLoaderBesideAnotherDriver() throws Exception {
    try (URLClassLoader host = new URLClassLoader("host-application",
            new URL[] {jarOf(ImmutableList.class), jarOf(ObjectMapper.class), jarOf(JsonFactory.class), jarOf(JsonProperty.class)},
            ClassLoader.getPlatformClassLoader());
        URLClassLoader s3tablesLoader = new URLClassLoader("s3tables-jdbc", new URL[] {JAR.toUri().toURL()}, host);
        URLClassLoader sqliteLoader = new URLClassLoader("sqlite-jdbc", new URL[] {jarOf(JDBC.class)}, host)) {
      Driver s3tablesDriver = onlyDriver(s3tablesLoader);
      Driver sqliteDriver = onlyDriver(sqliteLoader);
      assertThat(s3tablesDriver.getClass().getName()).isEqualTo(DRIVER_CLASS);
      assertThat(s3tablesDriver.acceptsURL("jdbc:sqlite::memory:")).isFalse();
      assertThat(sqliteDriver.acceptsURL(s3tables.jdbcUrl())).isFalse();
      assertThat(s3tablesLoader.loadClass("com.google.common.collect.ImmutableList").getClassLoader()).isSameAs(host);

      try (Connection s3 = s3tablesDriver.connect(s3tables.jdbcUrl(), s3tables.jdbcProperties());
          Connection sqlite = sqliteDriver.connect("jdbc:sqlite::memory:", new Properties())) {
        assertThat(s3.getClass().getClassLoader()).isSameAs(s3tablesLoader);
        assertThat(single(sqlite, "select 'from sqlite'")).isEqualTo("from sqlite");
        assertThat(single(s3, "select n_name from tpch.nation where n_nationkey = 7")).isEqualTo("GERMANY");
        try (Statement statement = s3.createStatement()) {
          statement.execute("create schema isolated_loader");
          statement.execute("create table isolated_loader.t (id int, name varchar)");
          assertThat(statement.executeUpdate("insert into isolated_loader.t values (1, 'one'), (2, 'two')")).isEqualTo(2);
        }
        assertThat(single(s3, "select listagg(name, ',') within group (order by id) from isolated_loader.t"))
            .isEqualTo("one,two");
        assertThatThrownBy(() -> single(s3, "select * from no_such_namespace.t"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("42"));
        assertThat(single(sqlite, "select 1 + 1")).isEqualTo("2");
      }
    }
  }

  @Test
  void runsAloneOnAFlatClassPath() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", JAR + File.pathSeparator + locationOf(FirstRow.class),
            FirstRow.class.getName(), s3tables.jdbcUrl(), s3tables.accessKeyId(), s3tables.secretAccessKey())
        .redirectErrorStream(true)
        .start();
    child.getOutputStream().close();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("first row ALGERIA after \\d+ ms").contains("rows 25");
  }

  private static Driver onlyDriver(ClassLoader loader) {
    List<Driver> drivers = new ArrayList<>();
    ServiceLoader.load(Driver.class, loader).forEach(d -> {
      if (d.getClass().getClassLoader() == loader) {
        drivers.add(d);
      }
    });
    assertThat(drivers).hasSize(1);
    return drivers.get(0);
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      String value = rs.getString(1);
      assertThat(rs.next()).isFalse();
      return value;
    }
  }

  private static URL jarOf(Class<?> type) throws URISyntaxException, IOException {
    return locationOf(type).toUri().toURL();
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
