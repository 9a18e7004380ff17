package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic-driver call sequences of DBeaver and DataGrip, in the order the tools make them:
 * browsing (where an empty answer is right, no call may throw), then a limited query with its
 * metadata, switching the schema, and Cancel on a long scan.
 */
@StandIn(demo = true)
class ToolSessionsTest {
  private static final List<String> TPCH =
      List.of("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");

  private final LocalS3Tables s3tables;
  private Connection connection;

  ToolSessionsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  @AfterEach
  void close() throws SQLException {
    s3tables.faults().clear();
    connection.close();
  }

  @Test
  void dbeaverBrowsesQueriesSwitchesSchemaAndCancels() throws Exception {
    DatabaseMetaData md = connection.getMetaData();
    assertThat(Oracle.column(md.getCatalogs(), "TABLE_CAT")).containsExactly("demo");
    assertThat(Oracle.column(md.getSchemas("demo", "%"), "TABLE_SCHEM")).contains("tpch", "demo");
    assertThat(Oracle.column(md.getSchemas(), "TABLE_SCHEM")).contains("tpch", "demo");
    assertThat(Oracle.column(md.getSchemas(null, "tp%"), "TABLE_SCHEM")).containsExactly("tpch");
    assertThat(Oracle.column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE");
    // In JDBC's order (type, catalog, schema, name), not in the order the catalog lists them.
    assertThat(Oracle.column(md.getTables("demo", "tpch", "%", null), "TABLE_NAME")).containsExactlyElementsOf(TPCH);
    assertThat(Oracle.column(md.getTables("demo", null, "%", null), "TABLE_NAME")).startsWith("all_types", "points", "customer");
    assertThat(Oracle.column(md.getColumns("demo", "tpch", "%", "%"), "TABLE_NAME")).containsAll(TPCH);
    assertThat(Oracle.column(md.getPrimaryKeys("demo", "tpch", "%"), "COLUMN_NAME")).isEmpty();
    assertThat(Oracle.column(md.getPrimaryKeys("demo", "demo", "all_types"), "COLUMN_NAME")).containsExactly("id");
    assertThat(Oracle.column(md.getImportedKeys("demo", "tpch", "nation"), "PKCOLUMN_NAME")).isEmpty();
    assertThat(Oracle.column(md.getIndexInfo("demo", "tpch", "nation", false, true), "INDEX_NAME")).isEmpty();
    Oracle.column(md.getFunctions(null, null, "%"), "FUNCTION_NAME");
    Oracle.column(md.getProcedures(null, null, "%"), "PROCEDURE_NAME");
    assertThat(Oracle.column(md.getTypeInfo(), "TYPE_NAME")).contains("VARCHAR", "DECIMAL", "TIMESTAMP");
    assertThat(connection.getCatalog()).isEqualTo("demo");

    try (Statement s = connection.createStatement()) {
      s.setMaxRows(200);
      s.setFetchSize(200);
      assertThat(s.execute("select * from tpch.lineitem")).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData rsmd = rs.getMetaData();
        assertThat(rsmd.getColumnCount()).isEqualTo(16);
        assertThat(rsmd.getColumnName(1)).isEqualTo("l_orderkey");
        assertThat(rsmd.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(rsmd.getColumnType(6)).isEqualTo(Types.DECIMAL);
        assertThat(rsmd.getPrecision(6)).isEqualTo(15);
        assertThat(rsmd.getScale(6)).isEqualTo(2);
        assertThat(rsmd.getColumnClassName(6)).isEqualTo(BigDecimal.class.getName());
        assertThat(rsmd.getColumnType(11)).isEqualTo(Types.DATE);
        assertThat(rsmd.getTableName(1)).isEqualTo("lineitem");
        assertThat(rsmd.getSchemaName(1)).isEqualTo("tpch");
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertThat(rows).isEqualTo(200);
      }
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(-1);
    }

    connection.setSchema("tpch");
    assertThat(connection.getSchema()).isEqualTo("tpch");
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from region")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(5);
    }
    cancelALongScan();
  }

  @Test
  void datagripIntrospectsWithNullPatternsAndRunsALimitedQuery() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    assertThat(md.getDatabaseProductName()).isNotBlank();
    assertThat(md.getDriverName()).isNotBlank();
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.storesLowerCaseIdentifiers()).isTrue();
    md.getSQLKeywords();
    md.getNumericFunctions();
    md.getStringFunctions();
    md.getTimeDateFunctions();
    md.getSystemFunctions();
    md.getSearchStringEscape();
    md.getExtraNameCharacters();
    assertThat(connection.getAutoCommit()).isTrue();
    connection.getTransactionIsolation();
    connection.getClientInfo();
    connection.getWarnings();

    assertThat(Oracle.column(md.getSchemas(null, null), "TABLE_SCHEM")).contains("tpch", "demo");
    assertThat(Oracle.column(md.getTables(null, "tpch", null, null), "TABLE_NAME")).containsExactlyInAnyOrderElementsOf(TPCH);
    assertThat(Oracle.column(md.getTables(null, null, null, new String[] {"TABLE", "VIEW"}), "TABLE_NAME")).containsAll(TPCH);
    assertThat(Oracle.column(md.getColumns(null, "tpch", null, null), "COLUMN_NAME")).contains("n_name", "l_orderkey");
    assertThat(Oracle.column(md.getColumns(null, "demo", "all_types", null), "REMARKS")).anyMatch(r -> r != null && !r.isEmpty());
    for (String table : TPCH) {
      Oracle.column(md.getPrimaryKeys(null, "tpch", table), "COLUMN_NAME");
      assertThat(Oracle.column(md.getImportedKeys(null, "tpch", table), "FKCOLUMN_NAME")).isEmpty();
      assertThat(Oracle.column(md.getExportedKeys(null, "tpch", table), "FKCOLUMN_NAME")).isEmpty();
      assertThat(Oracle.column(md.getIndexInfo(null, "tpch", table, false, true), "INDEX_NAME")).isEmpty();
    }
    Oracle.column(md.getProcedures(null, "tpch", null), "PROCEDURE_NAME");
    Oracle.column(md.getProcedureColumns(null, "tpch", null, null), "COLUMN_NAME");
    Oracle.column(md.getFunctions(null, "tpch", null), "FUNCTION_NAME");
    Oracle.column(md.getFunctionColumns(null, "tpch", null, null), "COLUMN_NAME");
    Oracle.column(md.getUDTs(null, "tpch", null, null), "TYPE_NAME");
    Oracle.column(md.getSuperTables(null, "tpch", null), "TABLE_NAME");
    Oracle.column(md.getSuperTypes(null, "tpch", null), "TYPE_NAME");
    Oracle.column(md.getTablePrivileges(null, "tpch", null), "TABLE_NAME");
    Oracle.column(md.getColumnPrivileges(null, "tpch", "nation", null), "COLUMN_NAME");
    Oracle.column(md.getBestRowIdentifier(null, "tpch", "nation", DatabaseMetaData.bestRowSession, true), "COLUMN_NAME");
    Oracle.column(md.getVersionColumns(null, "tpch", "nation"), "COLUMN_NAME");
    Oracle.column(md.getPseudoColumns(null, "tpch", null, null), "COLUMN_NAME");
    Oracle.column(md.getClientInfoProperties(), "NAME");
    assertThat(Oracle.column(md.getTypeInfo(), "TYPE_NAME")).isNotEmpty();

    try (Statement s = connection.createStatement()) {
      s.setFetchSize(100);
      s.setMaxRows(500);
      assertThat(s.execute("select n_nationkey, n_name from tpch.nation where n_regionkey = 1 order by n_nationkey")).isTrue();
      assertThat(s.getUpdateCount()).isEqualTo(-1);
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(rs.getMetaData().isNullable(2)).isEqualTo(ResultSetMetaData.columnNoNulls);
        assertThat(Oracle.rows(rs)).containsExactly("1|ARGENTINA", "2|BRAZIL", "3|CANADA", "17|PERU", "24|UNITED STATES");
      }
      assertThat(s.getMoreResults()).isFalse();
      s.clearWarnings();
    }
  }

  /** The Cancel button: Statement.cancel() from another thread while the grid waits for rows. */
  private void cancelALongScan() throws Exception {
    s3tables.faults().latency(Endpoint.STORAGE, Duration.ofMillis(300));
    try (Statement s = connection.createStatement()) {
      CompletableFuture<Object> scan = CompletableFuture.supplyAsync(() -> {
        try {
          s.execute("select * from tpch.lineitem where l_comment like '%not in any row%'");
          return "finished";
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(1000);
      s.cancel();
      assertThat(scan.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("HY008"));
    }
    s3tables.faults().clear();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from tpch.nation")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(25);
    }
  }
}
