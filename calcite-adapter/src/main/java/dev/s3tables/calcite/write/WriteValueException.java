package dev.s3tables.calcite.write;

/** A value that cannot be written to its column, with the SQLState SQL gives that failure. */
public final class WriteValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;

  WriteValueException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** 22003 out of range, 23502 NULL into a required column, 22018 unconvertible, 22001 too long. */
  public String sqlState() {
    return sqlState;
  }
}
