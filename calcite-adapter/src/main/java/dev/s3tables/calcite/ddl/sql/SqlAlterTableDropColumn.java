package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t DROP [COLUMN] name}. */
public final class SqlAlterTableDropColumn extends SqlAlterIcebergTable {
  private final SqlIdentifier column;

  public SqlAlterTableDropColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column) {
    super(pos, table);
    this.column = requireNonNull(column, "column");
  }

  public String column() {
    return column.getSimple();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), column);
  }

  @Override
  protected void unparseChange(SqlWriter writer) {
    writer.keyword("DROP COLUMN");
    column.unparse(writer, 0, 0);
  }
}
