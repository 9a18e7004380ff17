package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * Tables as other engines leave them: v2 position and equality deletes are applied, and columns
 * renamed and added after the data was written read by field id.
 */
@StandIn
class DeletesAndEvolutionTest {
  private final LocalS3Tables s3tables;

  DeletesAndEvolutionTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void positionAndEqualityDeletesAreApplied() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, "ns_other", "with_deletes", 1, 2, 3, 4, 5);
    IcebergTestTables.deletePositions(table, 0);
    IcebergTestTables.deleteIds(table, 3);

    assertThat(query("select id from ns_other.with_deletes order by id")).containsExactly("2", "4", "5");
    assertThat(query("select id from ns_other.with_deletes where id >= 3 order by id")).containsExactly("4", "5");
  }

  @Test
  void renamedAndAddedColumnsReadByFieldId() throws Exception {
    Table table = IcebergTestTables.createWithRows(s3tables, "ns_other", "evolved", 10, 20);
    table.updateSchema().renameColumn("name", "label").addColumn("extra", Types.IntegerType.get()).commit();
    assertThat(query("select id, label, extra from ns_other.evolved order by id"))
        .containsExactly("10|row 10|null", "20|row 20|null");
    assertThat(query("select id from ns_other.evolved where label = 'row 20'")).containsExactly("20");
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }
}
