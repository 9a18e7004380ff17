package dev.s3tables.calcite.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg type of a column: from the type a CREATE TABLE or ADD COLUMN writes, or from the
 * type of a query's column (CREATE TABLE AS).
 *
 * <table>
 *   <caption>SQL types in DDL</caption>
 *   <tr><th>SQL</th><th>Iceberg</th></tr>
 *   <tr><td>BOOLEAN</td><td>boolean</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER (INT)</td><td>int</td></tr>
 *   <tr><td>BIGINT</td><td>long</td></tr>
 *   <tr><td>REAL, FLOAT</td><td>float</td></tr>
 *   <tr><td>DOUBLE</td><td>double</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>decimal(p, s); DECIMAL alone is decimal(38, 0)</td></tr>
 *   <tr><td>DATE, TIME, TIMESTAMP</td><td>date, time, timestamp</td></tr>
 *   <tr><td>TIMESTAMP WITH LOCAL TIME ZONE</td><td>timestamptz</td></tr>
 *   <tr><td>CHAR(n), VARCHAR(n), VARCHAR, STRING</td><td>string</td></tr>
 *   <tr><td>BINARY(n)</td><td>fixed(n)</td></tr>
 *   <tr><td>VARBINARY, BINARY without a length</td><td>binary</td></tr>
 *   <tr><td>UUID</td><td>uuid</td></tr>
 * </table>
 *
 * <p>A query's FLOAT is Calcite's double-precision FLOAT and becomes double; ROW, ARRAY and MAP
 * columns of a query become struct, list and map.
 */
final class IcebergColumnTypes {
  private static final String SUPPORTED = "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, "
      + "DECIMAL(p, s), DATE, TIME, TIMESTAMP, TIMESTAMP WITH LOCAL TIME ZONE, CHAR, VARCHAR, STRING, BINARY, "
      + "VARBINARY, UUID";
  private static final int MAX_DECIMAL_PRECISION = 38;

  private IcebergColumnTypes() {}

  /** The Iceberg type of a column declared with this SQL type. */
  static Type of(SqlDataTypeSpec spec, String column) {
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    if (name instanceof SqlUserDefinedTypeNameSpec named && named.getTypeName().isSimple()
        && named.getTypeName().getSimple().toUpperCase(Locale.ROOT).equals("STRING")) {
      return Types.StringType.get();
    }
    if (!(name instanceof SqlBasicTypeNameSpec basic)) {
      throw unsupported(column, name.getTypeName().toString());
    }
    SqlTypeName type = SqlTypeName.get(basic.getTypeName().getSimple());
    if (type == null) {
      throw unsupported(column, basic.getTypeName().getSimple());
    }
    return switch (type) {
      case BOOLEAN -> Types.BooleanType.get();
      case TINYINT, SMALLINT, INTEGER -> Types.IntegerType.get();
      case BIGINT -> Types.LongType.get();
      case REAL -> Types.FloatType.get();
      // SQL's FLOAT is double precision, as Calcite and CREATE TABLE AS treat it.
      case FLOAT, DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> decimal(column, basic.getPrecision() < 0 ? MAX_DECIMAL_PRECISION : basic.getPrecision(),
          basic.getScale() == RelDataType.SCALE_NOT_SPECIFIED ? 0 : basic.getScale());
      case BINARY -> basic.getPrecision() > 0 ? Types.FixedType.ofLength(basic.getPrecision()) : Types.BinaryType.get();
      default -> scalar(type).orElseThrow(() -> unsupported(column, type.getName()));
    };
  }

  /**
   * The Iceberg type of a query's column, its nested fields all optional.
   *
   * @param ids gives the ids of nested fields, unique within the schema (the new table reassigns them)
   */
  static Type of(RelDataType type, String column, AtomicInteger ids) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case BOOLEAN -> Types.BooleanType.get();
      case TINYINT, SMALLINT, INTEGER -> Types.IntegerType.get();
      case BIGINT -> Types.LongType.get();
      case REAL -> Types.FloatType.get();
      case FLOAT, DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> decimal(column, type.getPrecision(), type.getScale());
      case BINARY -> Types.FixedType.ofLength(type.getPrecision());
      case ROW -> struct(type, column, ids);
      case ARRAY -> Types.ListType.ofOptional(ids.incrementAndGet(), of(type.getComponentType(), column + "[]", ids));
      case MAP -> Types.MapType.ofOptional(ids.incrementAndGet(), ids.incrementAndGet(),
          of(type.getKeyType(), column + ".key", ids), of(type.getValueType(), column + ".value", ids));
      case NULL -> throw DdlException.invalid("Column " + column + " of the query has no type (a bare NULL);"
          + " give it one with CAST(NULL AS type)", null);
      default -> scalar(name).orElseThrow(() -> unsupported(column, type.getFullTypeString()));
    };
  }

  private static Type struct(RelDataType type, String column, AtomicInteger ids) {
    List<Types.NestedField> fields = new ArrayList<>();
    for (RelDataTypeField field : type.getFieldList()) {
      fields.add(Types.NestedField.optional(ids.incrementAndGet(), field.getName(),
          of(field.getType(), column + "." + field.getName(), ids)));
    }
    return Types.StructType.of(fields);
  }

  /** The types both directions share. */
  private static Optional<Type> scalar(SqlTypeName type) {
    return Optional.ofNullable(switch (type) {
      case DATE -> Types.DateType.get();
      case TIME -> Types.TimeType.get();
      case TIMESTAMP -> Types.TimestampType.withoutZone();
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Types.TimestampType.withZone();
      case CHAR, VARCHAR -> Types.StringType.get();
      case VARBINARY -> Types.BinaryType.get();
      case UUID -> Types.UUIDType.get();
      default -> null;
    });
  }

  private static Type decimal(String column, int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
      throw DdlException.invalid("Column " + column + " cannot be DECIMAL(" + precision + ", " + scale
          + "): Iceberg decimals have a precision of 1 to 38 and a scale of 0 to the precision", null);
    }
    return Types.DecimalType.of(precision, scale);
  }

  private static DdlException unsupported(String column, String type) {
    return DdlException.unsupported("Column " + column + " has type " + type + ", which s3tables-jdbc cannot create;"
        + " use one of " + SUPPORTED);
  }
}
