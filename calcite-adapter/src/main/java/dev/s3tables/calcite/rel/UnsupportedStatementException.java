package dev.s3tables.calcite.rel;

/** A statement s3tables-jdbc recognises but cannot run (SQLState 0A000); it changed nothing. */
public final class UnsupportedStatementException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnsupportedStatementException(String message) {
    super(message);
  }
}
