package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What SQL tools read: DatabaseMetaData as DBeaver calls it, the cost of listing, exact column
 * types and comments, primary keys, and errors with SQLStates.
 */
@StandIn(demo = true)
class MetadataTest {
  private final LocalS3Tables s3tables;
  private Connection connection;

  MetadataTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void listingSchemasAndTablesLoadsNoTable() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    s3tables.counters().reset();
    Oracle.column(md.getSchemas(), "TABLE_SCHEM");
    Oracle.column(md.getTables(null, null, "%", null), "TABLE_NAME");
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isZero();
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "listNamespaces")).isEqualTo(1);
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "listTables")).isEqualTo(2);
    assertThat(s3tables.counters().total(Endpoint.STORAGE)).isZero();
  }

  @Test
  void aWholeSchemasColumnsLoadEachOfItsTablesOnce() throws SQLException {
    s3tables.counters().reset();
    List<String> tables = Oracle.column(connection.getMetaData().getColumns(null, "tpch", "%", "%"), "TABLE_NAME");
    assertThat(tables).hasSize(61).containsAll(
        List.of("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"));
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isEqualTo(8);
    assertThat(Oracle.column(connection.getMetaData().getColumns(null, "tpch", "nation", "%"), "COLUMN_NAME"))
        .containsExactly("n_nationkey", "n_name", "n_regionkey", "n_comment");
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isEqualTo(8);
  }

  @Test
  void columnsHaveExactTypesNullabilityAndComments() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    Map<String, String> facts = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, "demo", "all_types", "%")) {
      while (rs.next()) {
        facts.put(rs.getString("COLUMN_NAME"),
            rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " " + rs.getObject("COLUMN_SIZE") + " "
                + rs.getObject("DECIMAL_DIGITS") + " " + rs.getString("IS_NULLABLE") + " " + rs.getInt("ORDINAL_POSITION")
                + " " + (rs.getString("REMARKS") != null));
      }
    }
    assertThat(facts.get("id")).isEqualTo(Types.BIGINT + " BIGINT 19 0 NO 1 true");
    assertThat(facts.get("col_decimal_38_10")).startsWith(Types.DECIMAL + " DECIMAL 38 10 YES");
    assertThat(facts.get("col_decimal_9_2")).startsWith(Types.DECIMAL + " DECIMAL 9 2 YES");
    assertThat(facts.get("col_date")).startsWith(Types.DATE + " DATE");
    assertThat(facts.get("col_string")).startsWith(Types.VARCHAR + " VARCHAR");
    assertThat(facts.get("col_fixed")).startsWith(Types.BINARY + " BINARY 16");
    assertThat(facts.get("col_binary")).startsWith(Types.VARBINARY + " VARBINARY");
    assertThat(facts).containsKeys("col_struct", "col_list", "col_map", "col_timestamptz", "col_uuid");
    assertThat(facts.values()).allMatch(f -> f.endsWith(" true"));

    assertThat(Oracle.column(md.getTables(null, "demo", "all_types", null), "REMARKS")).containsExactly(
        Oracle.table(s3tables, "demo", "all_types").properties().get("comment"));
  }

  @Test
  void primaryKeysComeFromIdentifierFields() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    try (ResultSet rs = md.getPrimaryKeys(null, "demo", "all_types")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
      assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
      assertThat(rs.next()).isFalse();
    }
    assertThat(Oracle.column(md.getPrimaryKeys(null, "demo", "points"), "COLUMN_NAME")).isEmpty();
  }

  @Test
  void errorsCarrySqlStatesAndLeaveTheConnectionUsable() throws SQLException {
    assertState("select * from tpch.no_such_table", "42S02", "no_such_table");
    assertState("select * from no_such_schema.t", "42S02", "no_such_schema");
    assertState("select no_such_column from tpch.nation", "42S22", "no_such_column");
    assertState("selec 1", "42000", "selec");
    connection.commit();
    connection.rollback();
    connection.setAutoCommit(true);
    connection.setReadOnly(false);
    connection.getTransactionIsolation();
    assertThat(connection.isValid(5)).isTrue();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from tpch.nation")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(25);
    }
  }

  @Test
  void autoCommitIsAlwaysOnAndManualCommitIsRefused() throws SQLException {
    assertThat(connection.getAutoCommit()).isTrue();
    assertThatThrownBy(() -> connection.setAutoCommit(false))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
    assertThat(connection.getAutoCommit()).isTrue();
    assertThat(connection.getMetaData().supportsTransactions()).isFalse();
    assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
  }

  @Test
  void isValidAsksTheCatalog() throws SQLException {
    assertThat(connection.isValid(5)).isTrue();
    s3tables.faults().unavailableRate(Endpoint.CATALOG, 1.0);
    try {
      assertThat(connection.isValid(2)).isFalse();
    } finally {
      s3tables.faults().clear();
    }
    assertThat(connection.isValid(5)).isTrue();
  }

  private void assertState(String sql, String state, String named) {
    assertThatThrownBy(() -> {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
      }
    }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(state))
        .hasMessageContaining(named);
  }
}
