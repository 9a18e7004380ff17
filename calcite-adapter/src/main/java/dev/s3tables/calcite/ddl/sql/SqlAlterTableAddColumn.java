package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t ADD [COLUMN] name type [COMMENT 'text']}. */
public final class SqlAlterTableAddColumn extends SqlAlterIcebergTable {
  private final SqlColumnDefinition column;

  public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table, SqlColumnDefinition column) {
    super(pos, table);
    this.column = requireNonNull(column, "column");
  }

  public SqlColumnDefinition column() {
    return column;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), column);
  }

  @Override
  protected void unparseChange(SqlWriter writer) {
    writer.keyword("ADD COLUMN");
    column.unparse(writer, 0, 0);
  }
}
