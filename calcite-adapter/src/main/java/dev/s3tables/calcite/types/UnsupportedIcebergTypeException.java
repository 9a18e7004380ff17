package dev.s3tables.calcite.types;

import org.apache.iceberg.types.Type;

/** Thrown when a query reads a column whose Iceberg type the driver cannot represent yet. */
public final class UnsupportedIcebergTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String columnPath;
  private final transient Type icebergType;

  public UnsupportedIcebergTypeException(String columnPath, Type icebergType) {
    super("Column \"" + columnPath + "\" has Iceberg type " + icebergType
        + ", which s3tables-jdbc cannot read yet; leave it out of the select list"
        + " (name the columns you need instead of SELECT *)");
    this.columnPath = columnPath;
    this.icebergType = icebergType;
  }

  /** Column name, with the path to the nested field if the unsupported type is nested. */
  public String columnPath() {
    return columnPath;
  }

  public Type icebergType() {
    return icebergType;
  }
}
