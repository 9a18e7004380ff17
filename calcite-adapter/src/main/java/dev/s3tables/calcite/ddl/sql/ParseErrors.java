package dev.s3tables.calcite.ddl.sql;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Errors found while building a DDL node, reported by the parser as syntax errors at their position. */
final class ParseErrors {
  private ParseErrors() {}

  static CalciteContextException at(SqlParserPos pos, String message) {
    return new CalciteContextException(message, new IllegalArgumentException(message),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }
}
