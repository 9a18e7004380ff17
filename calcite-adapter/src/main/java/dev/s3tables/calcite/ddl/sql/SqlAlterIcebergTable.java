package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE name ...}; each subclass is one kind of change. */
public abstract class SqlAlterIcebergTable extends SqlDdl {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  private final SqlIdentifier table;

  protected SqlAlterIcebergTable(SqlParserPos pos, SqlIdentifier table) {
    super(OPERATOR, pos);
    this.table = requireNonNull(table, "table");
  }

  /** The table to change, as written ({@code t} or {@code ns.t}). */
  public SqlIdentifier table() {
    return table;
  }

  @Override
  public final void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    table.unparse(writer, 0, 0);
    unparseChange(writer);
  }

  /** Writes what follows the table name. */
  protected abstract void unparseChange(SqlWriter writer);
}
