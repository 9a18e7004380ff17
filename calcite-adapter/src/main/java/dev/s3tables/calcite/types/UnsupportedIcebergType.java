package dev.s3tables.calcite.types;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.BasicSqlType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.types.Type;

/**
 * Placeholder column type for an Iceberg type the driver cannot read yet (variant, geometry,
 * geography, unknown). It is Calcite's {@code ANY} (JDBC {@code JAVA_OBJECT}), so table listings
 * and queries that leave the column out keep working, and its type string is
 * {@code UNSUPPORTED(<iceberg type>)}, e.g. {@code UNSUPPORTED(variant)}, which is what Calcite's
 * own {@code getColumns} puts into TYPE_NAME and what {@link JdbcColumnFacts} reports.
 *
 * <p>Reading a value of such a column is refused by {@link RowConverter} (see
 * {@link UnsupportedTypePolicy}).
 */
public final class UnsupportedIcebergType extends BasicSqlType {
  private static final long serialVersionUID = 1L;

  private final String icebergTypeName;
  private final transient Type icebergType;

  UnsupportedIcebergType(RelDataTypeSystem typeSystem, Type icebergType, boolean nullable) {
    super(typeSystem, SqlTypeName.ANY, nullable);
    this.icebergType = Objects.requireNonNull(icebergType, "icebergType");
    this.icebergTypeName = icebergType.toString();
    computeDigest();
  }

  /** The Iceberg type this column really has. */
  public Type icebergType() {
    return icebergType;
  }

  /** The type name shown to users, e.g. {@code UNSUPPORTED(variant)}. */
  public String displayName() {
    return "UNSUPPORTED(" + icebergTypeName + ")";
  }

  @Override public BasicSqlType createWithNullability(boolean nullable) {
    if (nullable == isNullable) {
      return this;
    }
    return new UnsupportedIcebergType(typeSystem, icebergType, nullable);
  }

  @Override protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    // Called from the super constructor before icebergTypeName is set; computeDigest() runs
    // again at the end of our constructor.
    if (icebergTypeName == null) {
      sb.append("ANY");
    } else {
      sb.append(displayName());
    }
  }
}
