package dev.s3tables.jdbc;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.ddl.S3TablesParser;
import dev.s3tables.calcite.plan.S3TablesPrepare;
import dev.s3tables.calcite.schema.BucketSchema;
import dev.s3tables.calcite.types.S3TablesTypeSystem;
import dev.s3tables.jdbc.catalog.CatalogConnector;
import dev.s3tables.jdbc.config.ConnectionConfig;
import dev.s3tables.jdbc.config.ConnectionProperty;
import dev.s3tables.jdbc.meta.ColumnMetaFactory;
import dev.s3tables.jdbc.meta.TableMetaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.S3TablesJdbcFactory;
import org.apache.calcite.jdbc.S3TablesMeta;

/**
 * The JDBC driver for Amazon S3 Tables: {@code jdbc:s3tables:arn:aws:s3tables:<region>:<account>:bucket/<name>}.
 * A connection is a Calcite connection whose root schema is the table bucket, with one schema per
 * namespace.
 */
public final class S3TablesDriver extends Driver {
  private static final String VERSION_RESOURCE = "dev/s3tables/jdbc/driver.properties";

  static {
    new S3TablesDriver().register();
  }

  public S3TablesDriver() {
    super(null);
  }

  @Override
  protected String getConnectStringPrefix() {
    return ConnectionConfig.URL_PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return S3TablesJdbcFactory.class.getName();
  }

  /**
   * Statements are planned with the driver's program (joins ordered by a heuristic) and validator
   * (FOR SYSTEM_TIME AS OF ?), also in tools' prepares.
   */
  @Override
  public CalcitePrepare createPrepare() {
    return new S3TablesPrepare();
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return S3TablesMeta.create(connection, TableMetaFactory.INSTANCE, ColumnMetaFactory.INSTANCE);
  }

  @Override
  protected DriverVersion createDriverVersion() {
    Properties p = new Properties();
    try (InputStream in = S3TablesDriver.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("driver.version", "0.0.0");
    int[] parts = majorMinor(version);
    return new DriverVersion(
        p.getProperty("driver.name", "s3tables-jdbc"),
        version,
        p.getProperty("product.name", "Amazon S3 Tables"),
        p.getProperty("product.version", ""),
        false,
        parts[0],
        parts[1],
        parts[0],
        parts[1]);
  }

  private static int[] majorMinor(String version) {
    String[] parts = version.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      return new int[] {0, 0};
    }
  }

  @Override
  protected Handler createHandler() {
    return new HandlerImpl() {
      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        try {
          CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
          BucketSchema bucket = calcite.getRootSchema().unwrap(BucketSchema.class);
          if (bucket != null) {
            bucket.catalog().close();
          }
        } catch (SQLException | IOException e) {
          throw new IllegalStateException("Could not close the connection's catalog", e);
        }
      }
    };
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return DriverClassLoader.run(() -> open(url, info));
  }

  private Connection open(String url, Properties info) throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse(url, info);
    BucketCatalog catalog = Errors.opening(config, () -> CatalogConnector.open(config));
    try {
      CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", new BucketSchema(catalog));
      AvaticaConnection connection =
          ((CalciteFactory) factory).newConnection(this, factory, config.displayUrl(), calciteProperties(), root, null);
      handler.onConnectionInit(connection);
      connection.setCatalog(catalog.bucketName());
      if (config.defaultSchema().isPresent()) {
        connection.setSchema(config.defaultSchema().get());
      }
      if (config.readOnly()) {
        S3TablesJdbcFactory.lockReadOnly(connection);
      }
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      // The connection never reached the caller: release the catalog and its credentials here.
      try {
        catalog.close();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), SqlStates.of(e), e);
    }
  }

  /** Calcite's settings for every connection; none of the user's properties reach Calcite. */
  private static Properties calciteProperties() {
    Properties p = new Properties();
    // S3 Tables names are lowercase: unquoted identifiers are folded to lowercase, quoted ones kept.
    p.setProperty("unquotedCasing", "TO_LOWER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "true");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("conformance", "DEFAULT");
    // Decimals up to 38 digits, as Iceberg has them (Calcite's default stops at 19).
    p.setProperty("typeSystem", S3TablesTypeSystem.CONNECTION_PROPERTY_VALUE);
    p.setProperty("parserFactory", S3TablesParser.CONNECTION_PROPERTY_VALUE);
    return p;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    List<DriverPropertyInfo> properties = new ArrayList<>();
    for (ConnectionProperty property : ConnectionProperty.values()) {
      String given = info == null ? null : info.getProperty(property.key());
      DriverPropertyInfo p =
          new DriverPropertyInfo(property.key(), property.isSecret() ? null : given != null ? given : property.defaultValue());
      p.description = property.description();
      p.required = false;
      p.choices = property.choices().isEmpty() ? null : property.choices().toArray(String[]::new);
      properties.add(p);
    }
    return properties.toArray(DriverPropertyInfo[]::new);
  }
}
