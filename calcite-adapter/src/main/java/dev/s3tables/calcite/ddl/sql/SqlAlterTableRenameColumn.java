package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE t RENAME COLUMN a TO b}. */
public final class SqlAlterTableRenameColumn extends SqlAlterIcebergTable {
  private final SqlIdentifier from;
  private final SqlIdentifier to;

  public SqlAlterTableRenameColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier from, SqlIdentifier to) {
    super(pos, table);
    this.from = requireNonNull(from, "from");
    this.to = requireNonNull(to, "to");
  }

  public String from() {
    return from.getSimple();
  }

  public String to() {
    return to.getSimple();
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), from, to);
  }

  @Override
  protected void unparseChange(SqlWriter writer) {
    writer.keyword("RENAME COLUMN");
    from.unparse(writer, 0, 0);
    writer.keyword("TO");
    to.unparse(writer, 0, 0);
  }
}
