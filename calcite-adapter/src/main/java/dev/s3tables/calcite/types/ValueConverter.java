package dev.s3tables.calcite.types;

/**
 * Converts one non-null value from the representation Iceberg's generic readers produce into the
 * representation Calcite's enumerable runtime expects for the mapped type. Built once per column
 * by {@link RowConverter#valueConverter}; no type switch per value.
 */
@FunctionalInterface
public interface ValueConverter {

  /** Passes the value through unchanged. */
  ValueConverter IDENTITY = v -> v;

  /** Converts {@code value}, which is never null. */
  Object convert(Object value);
}
