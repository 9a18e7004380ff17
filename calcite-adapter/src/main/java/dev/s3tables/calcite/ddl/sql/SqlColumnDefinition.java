package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One column of CREATE TABLE or ALTER TABLE ADD COLUMN: {@code name type [NOT NULL] [COMMENT 'text']}. */
public final class SqlColumnDefinition extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;
  private final @Nullable String comment;

  /** @param type the column's type, NOT NULL if its nullability is false */
  public SqlColumnDefinition(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, @Nullable String comment) {
    super(pos);
    this.name = requireNonNull(name, "name");
    this.type = requireNonNull(type, "type");
    this.comment = comment;
  }

  public String name() {
    return name.getSimple();
  }

  public SqlDataTypeSpec type() {
    return type;
  }

  /** False for NOT NULL; a column without NULL or NOT NULL is nullable. */
  public boolean isNullable() {
    return !Boolean.FALSE.equals(type.getNullable());
  }

  public @Nullable String comment() {
    return comment;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<@Nullable SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, type, comment == null ? null : SqlLiteral.createCharString(comment, pos));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
    if (!isNullable()) {
      writer.keyword("NOT NULL");
    }
    if (comment != null) {
      writer.keyword("COMMENT");
      SqlLiteral.createCharString(comment, pos).unparse(writer, 0, 0);
    }
  }
}
