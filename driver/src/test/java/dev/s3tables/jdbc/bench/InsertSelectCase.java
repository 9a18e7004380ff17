package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code INSERT INTO bench.t SELECT * FROM tpch.lineitem} into a fresh table with lineitem's schema,
 * partition spec (month of l_shipdate) and writer properties: through the driver, and through Trino
 * when it runs. Every written table must hold exactly lineitem's rows.
 */
final class InsertSelectCase extends WriteCase {
  private final LocalS3Tables s3tables;
  private final TrinoServer trino;
  private final List<Connection> connections = new ArrayList<>();

  /** @param trino null to measure the driver alone */
  InsertSelectCase(LocalS3Tables s3tables, TrinoServer trino) {
    this.s3tables = s3tables;
    this.trino = trino;
  }

  @Override
  String name() {
    return "INSERT ... SELECT lineitem";
  }

  @Override
  String tablePrefix() {
    return "copy";
  }

  private Table lineitem() {
    return s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("tpch", "lineitem"));
  }

  @Override
  Table createTable(BenchTables tables, String name) {
    Table source = lineitem();
    Map<String, String> properties = new HashMap<>();
    source.properties().forEach((key, value) -> {
      if (key.startsWith("write.") || key.equals(TableProperties.DEFAULT_FILE_FORMAT)) {
        properties.put(key, value);
      }
    });
    return tables.create(name, source.schema(), source.spec(), properties);
  }

  @Override
  List<Writer> writers() {
    List<Writer> writers = new ArrayList<>();
    writers.add(new SqlWriter(DriverEngine.NAME, "insert into bench.%s select * from tpch.lineitem") {
      @Override
      Connection open() throws Exception {
        return DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
      }
    });
    if (trino != null) {
      writers.add(new SqlWriter(TrinoEngine.NAME, "insert into s3tables.bench.%s select * from s3tables.tpch.lineitem") {
        @Override
        Connection open() throws Exception {
          return DriverManager.getConnection(trino.jdbcUrl("bench"), TrinoServer.properties());
        }
      });
    }
    return writers;
  }

  @Override
  ResultDigest expected() throws Exception {
    ResultDigest digest = new ResultDigest(false);
    IcebergGenericsEngine.read(lineitem(), new ReadCase.IcebergScan("lineitem", null), digest);
    return digest;
  }

  /** One statement per write, on a connection opened at the first write. */
  private abstract class SqlWriter implements Writer {
    private final String engine;
    private final String statement;
    private Connection connection;

    SqlWriter(String engine, String statement) {
      this.engine = engine;
      this.statement = statement;
    }

    abstract Connection open() throws Exception;

    @Override
    public String engine() {
      return engine;
    }

    @Override
    public long write(String table) throws Exception {
      if (connection == null) {
        connection = open();
        connections.add(connection);
      }
      try (Statement s = connection.createStatement()) {
        return s.executeUpdate(String.format(statement, table));
      }
    }
  }

  void close() throws Exception {
    for (Connection c : connections) {
      c.close();
    }
  }
}
