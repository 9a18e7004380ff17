package dev.s3tables.calcite.ddl;

import java.util.List;

/**
 * A DDL statement that cannot be carried out, with the SQLState that tells a tool why; the message
 * names the schema, table or column.
 */
public final class DdlException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;

  private DdlException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /**
   * 42S01 table exists, 42S02 no such table, 42P06 schema exists, 3F000 no such schema, 2BP01
   * schema not empty, 42S21 column exists, 42S22 no such column, 42602 name breaks the naming
   * rules, 0A000 not supported, 42000 any other invalid definition.
   */
  public String sqlState() {
    return sqlState;
  }

  static DdlException tableExists(String table) {
    return new DdlException("42S01", "Table " + table + " already exists", null);
  }

  static DdlException noSuchTable(String table) {
    return new DdlException("42S02", "Table " + table + " does not exist", null);
  }

  static DdlException schemaExists(String schema) {
    return new DdlException("42P06", "Schema " + schema + " already exists", null);
  }

  static DdlException noSuchSchema(String schema) {
    return new DdlException("3F000", "Schema " + schema + " does not exist", null);
  }

  static DdlException noSchemaGiven(String table) {
    return new DdlException("3F000", "Table " + table + " names no schema and the connection has no default schema:"
        + " write schema." + table + ", or set the connection's schema", null);
  }

  static DdlException schemaNotEmpty(String schema, List<String> tables) {
    String shown = String.join(", ", tables.subList(0, Math.min(5, tables.size())))
        + (tables.size() > 5 ? " and " + (tables.size() - 5) + " more" : "");
    return new DdlException("2BP01", "Schema " + schema + " is not empty, it holds tables (" + shown
        + "): drop them first; S3 Tables drops only empty namespaces", null);
  }

  static DdlException columnExists(String table, String column) {
    return new DdlException("42S21", "Column " + column + " already exists in table " + table, null);
  }

  static DdlException noSuchColumn(String table, String column) {
    return new DdlException("42S22", "Column " + column + " does not exist in table " + table, null);
  }

  static DdlException invalidName(String message) {
    return new DdlException("42602", message, null);
  }

  static DdlException unsupported(String message) {
    return new DdlException("0A000", message, null);
  }

  static DdlException invalid(String message, Throwable cause) {
    return new DdlException("42000", message, cause);
  }
}
