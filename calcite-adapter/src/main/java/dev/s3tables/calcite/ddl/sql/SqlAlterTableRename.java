package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t RENAME TO u}; {@code u} may name another namespace ({@code ns.u}). */
public final class SqlAlterTableRename extends SqlAlterIcebergTable {
  private final SqlIdentifier newName;

  public SqlAlterTableRename(SqlParserPos pos, SqlIdentifier table, SqlIdentifier newName) {
    super(pos, table);
    this.newName = requireNonNull(newName, "newName");
  }

  public SqlIdentifier newName() {
    return newName;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), newName);
  }

  @Override
  protected void unparseChange(SqlWriter writer) {
    writer.keyword("RENAME TO");
    newName.unparse(writer, 0, 0);
  }
}
