package dev.s3tables.jdbc;

import dev.s3tables.calcite.ddl.S3TablesParser;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/** What kind of statement a SQL text is, as far as read-only connections care. */
public final class StatementKinds {
  private static final SqlParser.Config PARSER =
      SqlParser.config()
          .withParserFactory(S3TablesParser.FACTORY)
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.TO_LOWER)
          .withQuotedCasing(Casing.UNCHANGED);

  private StatementKinds() {}

  /**
   * True for queries, EXPLAIN and DESCRIBE; false for anything that may write, DDL included (parsed
   * with the connection's own grammar). A text that does not parse counts as read-only, so that the
   * statement fails with its syntax error.
   */
  public static boolean isReadOnly(String sql) {
    SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException e) {
      return true;
    }
    SqlKind kind = node.getKind();
    return kind.belongsTo(SqlKind.QUERY)
        || kind == SqlKind.EXPLAIN
        || kind == SqlKind.DESCRIBE_SCHEMA
        || kind == SqlKind.DESCRIBE_TABLE;
  }
}
