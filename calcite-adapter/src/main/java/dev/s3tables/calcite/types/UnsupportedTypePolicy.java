package dev.s3tables.calcite.types;

/** What {@link RowConverter} does with a column whose Iceberg type the driver cannot read. */
public enum UnsupportedTypePolicy {
  /**
   * Refuse: building a converter for a projection that contains such a column (or a struct, list
   * or map containing one) throws {@link UnsupportedIcebergTypeException}. Queries that leave the
   * column out are unaffected. The default.
   */
  FAIL,
  /** Read every value of such a column (or nested field) as NULL. */
  READ_AS_NULL
}
