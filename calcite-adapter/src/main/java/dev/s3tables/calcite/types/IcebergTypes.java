package dev.s3tables.calcite.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Maps Iceberg types to Calcite {@link RelDataType}s.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>Iceberg</th><th>Calcite</th><th>value in an enumerable row ({@link RowConverter})</th></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>int</td><td>INTEGER</td><td>Integer</td></tr>
 *   <tr><td>long</td><td>BIGINT</td><td>Long</td></tr>
 *   <tr><td>float</td><td>REAL</td><td>Float</td></tr>
 *   <tr><td>double</td><td>DOUBLE</td><td>Double</td></tr>
 *   <tr><td>decimal(p, s)</td><td>DECIMAL(p, s)</td><td>BigDecimal</td></tr>
 *   <tr><td>date</td><td>DATE</td><td>Integer days since 1970-01-01</td></tr>
 *   <tr><td>time</td><td>TIME(3)</td><td>Integer milliseconds of the day (micros truncated)</td></tr>
 *   <tr><td>timestamp, timestamp_ns</td><td>TIMESTAMP(3)</td><td>Long millis of the wall clock read
 *       as UTC (sub-millisecond part truncated towards the past)</td></tr>
 *   <tr><td>timestamptz, timestamptz_ns</td><td>TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)</td><td>Long epoch
 *       millis of the instant (truncated towards the past)</td></tr>
 *   <tr><td>string</td><td>VARCHAR</td><td>String</td></tr>
 *   <tr><td>uuid</td><td>VARCHAR(36)</td><td>String, lowercase canonical form</td></tr>
 *   <tr><td>fixed(n)</td><td>BINARY(n)</td><td>ByteString</td></tr>
 *   <tr><td>binary</td><td>VARBINARY</td><td>ByteString</td></tr>
 *   <tr><td>struct</td><td>ROW (names and case kept)</td><td>Object[]</td></tr>
 *   <tr><td>list</td><td>ARRAY</td><td>List</td></tr>
 *   <tr><td>map</td><td>MAP</td><td>Map (insertion ordered)</td></tr>
 *   <tr><td>variant, geometry, geography, unknown</td><td>{@link UnsupportedIcebergType} (ANY
 *       named {@code UNSUPPORTED(...)})</td><td>reading refused, see {@link UnsupportedTypePolicy}
 *       (unknown is always NULL)</td></tr>
 * </table>
 *
 * <p>Nullability follows required/optional at every level: struct fields, list elements and map
 * values; map keys are always NOT NULL.
 *
 * <p>Use {@link S3TablesTypeSystem} in the connection; with Calcite's default type system a
 * DECIMAL wider than 19 digits is silently narrowed to precision 19.
 */
public final class IcebergTypes {

  /**
   * Fractional-second digits of TIME and TIMESTAMP columns. Calcite 1.42's enumerable runtime
   * holds TIME as int milliseconds and TIMESTAMP as long milliseconds, and Avatica's accessors
   * build {@code java.sql.Time}/{@code Timestamp} from those, so microseconds cannot reach a JDBC
   * client; 3 is the precision that is actually delivered.
   */
  public static final int DATETIME_PRECISION = 3;

  /** Length of a UUID in its canonical text form. */
  public static final int UUID_LENGTH = 36;

  private IcebergTypes() {}

  /** The row type of a table with this schema (NOT NULL struct of its columns). */
  public static RelDataType toRowType(Schema schema, RelDataTypeFactory typeFactory) {
    return toRowType(schema.asStruct(), typeFactory);
  }

  /** The row type for a struct's fields (a NOT NULL struct). */
  public static RelDataType toRowType(Types.StructType struct, RelDataTypeFactory typeFactory) {
    return structType(struct, false, typeFactory);
  }

  /** The type of one column or struct field; nullable when the field is optional. */
  public static RelDataType toRelDataType(Types.NestedField field,
      RelDataTypeFactory typeFactory) {
    return toRelDataType(field.type(), field.isOptional(), typeFactory);
  }

  /** The Calcite type of an Iceberg type. */
  public static RelDataType toRelDataType(Type type, boolean nullable,
      RelDataTypeFactory typeFactory) {
    final RelDataType t;
    switch (type.typeId()) {
    case BOOLEAN:
      t = typeFactory.createSqlType(SqlTypeName.BOOLEAN);
      break;
    case INTEGER:
      t = typeFactory.createSqlType(SqlTypeName.INTEGER);
      break;
    case LONG:
      t = typeFactory.createSqlType(SqlTypeName.BIGINT);
      break;
    case FLOAT:
      t = typeFactory.createSqlType(SqlTypeName.REAL);
      break;
    case DOUBLE:
      t = typeFactory.createSqlType(SqlTypeName.DOUBLE);
      break;
    case DECIMAL: {
      final Types.DecimalType d = (Types.DecimalType) type;
      t = typeFactory.createSqlType(SqlTypeName.DECIMAL, d.precision(), d.scale());
      break;
    }
    case DATE:
      t = typeFactory.createSqlType(SqlTypeName.DATE);
      break;
    case TIME:
      t = typeFactory.createSqlType(SqlTypeName.TIME, DATETIME_PRECISION);
      break;
    case TIMESTAMP:
      t = typeFactory.createSqlType(
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
              : SqlTypeName.TIMESTAMP,
          DATETIME_PRECISION);
      break;
    case TIMESTAMP_NANO:
      t = typeFactory.createSqlType(
          ((Types.TimestampNanoType) type).shouldAdjustToUTC()
              ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
              : SqlTypeName.TIMESTAMP,
          DATETIME_PRECISION);
      break;
    case STRING:
      t = typeFactory.createSqlType(SqlTypeName.VARCHAR);
      break;
    case UUID:
      t = typeFactory.createSqlType(SqlTypeName.VARCHAR, UUID_LENGTH);
      break;
    case FIXED:
      t = typeFactory.createSqlType(SqlTypeName.BINARY, ((Types.FixedType) type).length());
      break;
    case BINARY:
      t = typeFactory.createSqlType(SqlTypeName.VARBINARY);
      break;
    case STRUCT:
      return structType(type.asStructType(), nullable, typeFactory);
    case LIST: {
      final Types.ListType list = type.asListType();
      t = typeFactory.createArrayType(
          toRelDataType(list.elementType(), list.isElementOptional(), typeFactory), -1);
      break;
    }
    case MAP: {
      final Types.MapType map = type.asMapType();
      t = typeFactory.createMapType(
          toRelDataType(map.keyType(), false, typeFactory),
          toRelDataType(map.valueType(), map.isValueOptional(), typeFactory));
      break;
    }
    default:
      // VARIANT, GEOMETRY, GEOGRAPHY, UNKNOWN and whatever a later Iceberg adds.
      return typeFactory.createTypeWithNullability(
          new UnsupportedIcebergType(typeFactory.getTypeSystem(), type, nullable), nullable);
    }
    return typeFactory.createTypeWithNullability(t, nullable);
  }

  private static RelDataType structType(Types.StructType struct, boolean nullable,
      RelDataTypeFactory typeFactory) {
    final List<RelDataType> types = new ArrayList<>(struct.fields().size());
    final List<String> names = new ArrayList<>(struct.fields().size());
    for (Types.NestedField field : struct.fields()) {
      names.add(field.name());
      types.add(toRelDataType(field, typeFactory));
    }
    final RelDataType row = typeFactory.createStructType(StructKind.FULLY_QUALIFIED, types, names);
    // createTypeWithNullability(row, true) would make every nested field nullable as well;
    // enforceTypeWithNullability keeps the fields' own nullability.
    return nullable ? typeFactory.enforceTypeWithNullability(row, true) : row;
  }

  /** Whether the driver can read values of this type, nested types included. */
  public static boolean isReadable(Type type) {
    return firstUnreadable(type).isEmpty();
  }

  /**
   * The first type inside {@code type} (or {@code type} itself) whose values the driver cannot
   * read. {@code unknown} counts as readable: its values are always NULL.
   */
  public static Optional<Type> firstUnreadable(Type type) {
    switch (type.typeId()) {
    case STRUCT:
      for (Types.NestedField f : type.asStructType().fields()) {
        final Optional<Type> u = firstUnreadable(f.type());
        if (u.isPresent()) {
          return u;
        }
      }
      return Optional.empty();
    case LIST:
      return firstUnreadable(type.asListType().elementType());
    case MAP: {
      final Optional<Type> u = firstUnreadable(type.asMapType().keyType());
      return u.isPresent() ? u : firstUnreadable(type.asMapType().valueType());
    }
    default:
      return isSupportedPrimitive(type) || type.typeId() == Type.TypeID.UNKNOWN
          ? Optional.empty()
          : Optional.of(type);
    }
  }

  /** Whether a non-nested type has a real mapping (not {@link UnsupportedIcebergType}). */
  static boolean isSupportedPrimitive(Type type) {
    switch (type.typeId()) {
    case BOOLEAN:
    case INTEGER:
    case LONG:
    case FLOAT:
    case DOUBLE:
    case DECIMAL:
    case DATE:
    case TIME:
    case TIMESTAMP:
    case TIMESTAMP_NANO:
    case STRING:
    case UUID:
    case FIXED:
    case BINARY:
      return true;
    default:
      return false;
    }
  }
}
