package dev.s3tables.calcite.types;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The Calcite type system the driver must use (connection property {@code typeSystem}, value
 * {@link #CONNECTION_PROPERTY_VALUE}).
 *
 * <p>Calcite's {@link RelDataTypeSystem#DEFAULT} caps DECIMAL at precision 19 and scale 19, so an
 * Iceberg {@code decimal(38, 10)} column would be reported (and computed with) as
 * {@code DECIMAL(19, 10)}. Iceberg allows precision up to 38, so this system raises both limits to
 * 38. Datetime precision stays at Calcite's maximum of 3: the enumerable runtime holds TIME as int
 * milliseconds and TIMESTAMP as long milliseconds, so a declared precision of 6 would only pad
 * {@code getString()} with zeros (see {@link IcebergTypes#DATETIME_PRECISION}).
 */
public final class S3TablesTypeSystem extends RelDataTypeSystemImpl {

  /** Largest precision and scale of an Iceberg decimal. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  /** Fewest fractional digits of an AVG of decimals. */
  public static final int MIN_AVG_SCALE = 6;

  public static final S3TablesTypeSystem INSTANCE = new S3TablesTypeSystem();

  /** Value for the Calcite connection property {@code typeSystem}. */
  public static final String CONNECTION_PROPERTY_VALUE =
      S3TablesTypeSystem.class.getName() + "#INSTANCE";

  private S3TablesTypeSystem() {}

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return MAX_DECIMAL_PRECISION;
    }
    return super.getMaxPrecision(typeName);
  }

  /**
   * AVG of a decimal keeps at least {@link #MIN_AVG_SCALE} fractional digits, as SQL Server's does,
   * rather than the argument's scale: Calcite would cut the mean of a DECIMAL(15, 2) column to two
   * digits, truncating 0.04999 to 0.04.
   */
  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
      return super.deriveAvgAggType(typeFactory, argumentType);
    }
    RelDataType avg = typeFactory.createSqlType(
        SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, Math.max(argumentType.getScale(), MIN_AVG_SCALE));
    return typeFactory.createTypeWithNullability(avg, argumentType.isNullable());
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return MAX_DECIMAL_PRECISION;
    }
    return super.getMaxScale(typeName);
  }
}
