package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The driver under test, on the stand-in's demo bucket, with {@code tpch} as default schema. */
final class DriverEngine extends JdbcEngine {
  static final String NAME = "driver";

  DriverEngine(LocalS3Tables s3tables) throws SQLException {
    super(DriverManager.getConnection(s3tables.jdbcUrl(), properties(s3tables)));
  }

  static Properties properties(LocalS3Tables s3tables) {
    Properties properties = s3tables.jdbcProperties();
    properties.setProperty("schema", "tpch");
    return properties;
  }

  @Override
  public String name() {
    return NAME;
  }
}
