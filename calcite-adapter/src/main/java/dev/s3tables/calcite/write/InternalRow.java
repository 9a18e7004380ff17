package dev.s3tables.calcite.write;

import org.apache.iceberg.StructLike;

/**
 * A row in Iceberg's internal in-memory form ({@link org.apache.iceberg.types.Type.TypeID#javaClass}:
 * days as Integer, microseconds as Long, ByteBuffer for binaries, InternalRow for nested structs),
 * which Iceberg's internal Parquet writer encodes without converting each value first.
 */
public final class InternalRow implements StructLike {
  private final Object[] values;

  InternalRow(int size) {
    this.values = new Object[size];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public <T> T get(int pos, Class<T> javaClass) {
    return javaClass.cast(values[pos]);
  }

  @Override
  public <T> void set(int pos, T value) {
    values[pos] = value;
  }
}
