package dev.s3tables.jdbc.params;

/** A parameter value that does not convert to its parameter's type, with the SQLState SQL gives that. */
public final class ParameterValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;

  ParameterValueException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** 22003 out of range, 22018 unconvertible, 22001 too long, 22007 bad datetime text, 22008 bad datetime field. */
  public String sqlState() {
    return sqlState;
  }
}
