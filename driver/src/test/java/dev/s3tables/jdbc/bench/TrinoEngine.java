package dev.s3tables.jdbc.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Trino 476 through trino-jdbc, its Iceberg catalog {@code s3tables} on the same stand-in. */
final class TrinoEngine extends JdbcEngine {
  static final String NAME = "Trino 476";

  TrinoEngine(TrinoServer server) throws SQLException {
    super(DriverManager.getConnection(server.jdbcUrl("tpch"), TrinoServer.properties()));
  }

  @Override
  public String name() {
    return NAME;
  }
}
