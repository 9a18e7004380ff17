package dev.s3tables.jdbc.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * DuckDB (in memory, through its JDBC driver) reading the Parquet data files of the TPC-H tables
 * straight from the stand-in's filesystem backend: one view per table over {@code read_parquet} of
 * the files of its current snapshot. Valid only for tables without delete files, which it checks.
 * The native-code reference for "how fast can these bytes be read".
 */
final class DuckDbEngine extends JdbcEngine {
  static final String NAME = "DuckDB";
  private static final List<String> TABLES =
      List.of("lineitem", "orders", "customer", "part", "supplier", "partsupp", "nation", "region");

  private final String version;

  /**
   * @param objectsDir where the stand-in's filesystem backend keeps its objects (one folder per
   *     storage bucket)
   */
  DuckDbEngine(Catalog catalog, Path objectsDir) throws SQLException, IOException {
    super(DriverManager.getConnection("jdbc:duckdb:"));
    try (Statement s = connection().createStatement()) {
      for (String name : TABLES) {
        List<String> files = localDataFiles(catalog.loadTable(TableIdentifier.of("tpch", name)), objectsDir);
        StringBuilder list = new StringBuilder();
        for (String file : files) {
          list.append(list.length() == 0 ? "" : ", ").append('\'').append(file.replace("'", "''")).append('\'');
        }
        // No hive partitioning: Iceberg's partition folders (l_shipdate_month=...) would add a column.
        s.execute("create view " + name + " as select * from read_parquet([" + list + "], hive_partitioning = false)");
      }
      try (ResultSet rs = s.executeQuery("select version()")) {
        rs.next();
        version = rs.getString(1);
      }
    }
  }

  static List<String> localDataFiles(Table table, Path objectsDir) throws IOException {
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException(table.name() + " has delete files; read_parquet would not apply them");
        }
        URI location = URI.create(task.file().location());
        files.add(objectsDir.resolve(location.getHost()).resolve(location.getPath().substring(1)).toString());
      }
    }
    return files;
  }

  String version() {
    return version;
  }

  @Override
  public String name() {
    return NAME;
  }
}
