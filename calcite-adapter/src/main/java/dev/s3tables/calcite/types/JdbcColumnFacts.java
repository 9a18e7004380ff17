package dev.s3tables.calcite.types;

import java.sql.DatabaseMetaData;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What {@code DatabaseMetaData.getColumns} should report for a column of a given Calcite type.
 *
 * <p>Calcite 1.42's {@code CalciteMetaImpl.columns} derives these itself, but wrongly for tools:
 * TYPE_NAME is {@code RelDataType.getFullTypeString()} ("INTEGER NOT NULL",
 * "DECIMAL(10, 2) NOT NULL", "RecordType(INTEGER NOT NULL a) NOT NULL"); COLUMN_SIZE is -1 for
 * every type without a declared precision (BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DATE,
 * unbounded VARCHAR/VARBINARY) and the bare fractional precision (3) for TIME/TIMESTAMP;
 * DECIMAL_DIGITS is null for TIME/TIMESTAMP and integers and {@code Integer.MIN_VALUE} for ANY;
 * NUM_PREC_RADIX is 10 and CHAR_OCTET_LENGTH equals the precision for every type. These values
 * follow the JDBC javadoc instead and agree with what {@code ResultSetMetaData} reports
 * (DATA_TYPE = getColumnType, TYPE_NAME = getColumnTypeName for scalar columns).
 *
 * @param dataType JDBC type code (DATA_TYPE)
 * @param typeName TYPE_NAME: Calcite's type name without precision or nullability, e.g.
 *     "DECIMAL"; nested types spelled as Calcite SQL, e.g. "ROW(a INTEGER NOT NULL, b VARCHAR)",
 *     "INTEGER ARRAY", "MAP&lt;VARCHAR NOT NULL, DATE&gt;"; unsupported Iceberg types as
 *     "UNSUPPORTED(variant)"
 * @param columnSize COLUMN_SIZE: numeric precision, character length, bytes for binary, length
 *     of the text form for datetimes; {@link Integer#MAX_VALUE} for unbounded strings and binary;
 *     null where it does not apply
 * @param decimalDigits DECIMAL_DIGITS: scale, or fractional-second digits; null where not
 *     applicable
 * @param numPrecRadix NUM_PREC_RADIX: 10 for numeric types, else null
 * @param charOctetLength CHAR_OCTET_LENGTH: maximum bytes (UTF-8) for character types, else null
 * @param nullable NULLABLE ({@link DatabaseMetaData#columnNullable} or
 *     {@link DatabaseMetaData#columnNoNulls})
 * @param isNullable IS_NULLABLE ("YES" or "NO")
 */
public record JdbcColumnFacts(int dataType, String typeName, Integer columnSize,
    Integer decimalDigits, Integer numPrecRadix, Integer charOctetLength, int nullable,
    String isNullable) {

  private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Facts for a column of type {@code type} (a type made by {@link IcebergTypes}). */
  public static JdbcColumnFacts of(RelDataType type) {
    final SqlTypeName name = type.getSqlTypeName();
    final int dataType = name.getJdbcOrdinal();
    Integer size = null;
    Integer digits = null;
    Integer radix = null;
    Integer octets = null;
    if (!(type instanceof UnsupportedIcebergType)) {
      switch (name) {
      case BOOLEAN:
        size = 1;
        break;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        size = type.getPrecision();
        digits = 0;
        radix = 10;
        break;
      case REAL:
      case FLOAT:
      case DOUBLE:
        size = type.getPrecision();
        radix = 10;
        break;
      case DECIMAL:
        size = type.getPrecision();
        digits = type.getScale();
        radix = 10;
        break;
      case DATE:
        size = 10; // yyyy-MM-dd
        break;
      case TIME:
      case TIME_WITH_LOCAL_TIME_ZONE: {
        final int p = Math.max(0, type.getPrecision());
        size = 8 + (p > 0 ? p + 1 : 0); // HH:mm:ss[.fff]
        digits = p;
        break;
      }
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
        final int p = Math.max(0, type.getPrecision());
        size = 19 + (p > 0 ? p + 1 : 0); // yyyy-MM-dd HH:mm:ss[.fff]
        digits = p;
        break;
      }
      case CHAR:
      case VARCHAR:
        size = bounded(type.getPrecision());
        octets = size == Integer.MAX_VALUE ? size : (int) Math.min(Integer.MAX_VALUE, 4L * size);
        break;
      case BINARY:
      case VARBINARY:
        size = bounded(type.getPrecision());
        break;
      default:
        break;
      }
    }
    return new JdbcColumnFacts(dataType, topLevelTypeName(type), size, digits, radix, octets,
        type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        type.isNullable() ? "YES" : "NO");
  }

  /**
   * A getColumns row with these facts, for a {@code CalciteMetaColumnFactory} (whose
   * {@code createColumn} receives the table and column name, so it can look the column's type up
   * in {@code table.getRowType(typeFactory)} and ignore the values Calcite derived). REMARKS need
   * a MetaColumn subclass; IS_AUTOINCREMENT and IS_GENERATEDCOLUMN are "NO".
   */
  public MetaColumn toMetaColumn(String tableCat, String tableSchem, String tableName,
      String columnName, int ordinalPosition) {
    return new MetaColumn(tableCat, tableSchem, tableName, columnName, dataType, typeName,
        columnSize, decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition,
        isNullable, "NO", "NO");
  }

  private static int bounded(int precision) {
    return precision <= 0 ? Integer.MAX_VALUE : precision;
  }

  private static String topLevelTypeName(RelDataType type) {
    if (type instanceof UnsupportedIcebergType) {
      return ((UnsupportedIcebergType) type).displayName();
    }
    switch (type.getSqlTypeName()) {
    case ROW:
    case ARRAY:
    case MULTISET:
    case MAP:
      return nestedTypeName(type, false);
    default:
      return type.getSqlTypeName().getName();
    }
  }

  /** Calcite SQL spelling of a type, with precision, e.g. {@code ROW(a DECIMAL(10, 2) NOT NULL)}. */
  static String nestedTypeName(RelDataType type, boolean withNullability) {
    final StringBuilder sb = new StringBuilder();
    appendType(sb, type, withNullability);
    return sb.toString();
  }

  private static void appendType(StringBuilder sb, RelDataType type, boolean withNullability) {
    if (type instanceof UnsupportedIcebergType) {
      sb.append(((UnsupportedIcebergType) type).displayName());
    } else {
      final SqlTypeName name = type.getSqlTypeName();
      switch (name) {
      case ROW:
        sb.append("ROW(");
        boolean first = true;
        for (RelDataTypeField f : type.getFieldList()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          appendIdentifier(sb, f.getName());
          sb.append(' ');
          appendType(sb, f.getType(), true);
        }
        sb.append(')');
        break;
      case ARRAY:
      case MULTISET:
        appendType(sb, type.getComponentType(), true);
        sb.append(' ').append(name.getName());
        break;
      case MAP:
        sb.append("MAP<");
        appendType(sb, type.getKeyType(), true);
        sb.append(", ");
        appendType(sb, type.getValueType(), true);
        sb.append('>');
        break;
      default:
        sb.append(name.getName());
        final int p = type.getPrecision();
        switch (name) {
        case DECIMAL:
          sb.append('(').append(p).append(", ").append(type.getScale()).append(')');
          break;
        case CHAR:
        case VARCHAR:
        case BINARY:
        case VARBINARY:
        case TIME:
        case TIMESTAMP:
        case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
          if (p > 0 || p == 0 && isDatetime(name)) {
            sb.append('(').append(p).append(')');
          }
          break;
        default:
          break;
        }
        break;
      }
    }
    if (withNullability && !type.isNullable()) {
      sb.append(" NOT NULL");
    }
  }

  private static boolean isDatetime(SqlTypeName name) {
    return name == SqlTypeName.TIME || name == SqlTypeName.TIMESTAMP
        || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
  }

  private static void appendIdentifier(StringBuilder sb, String name) {
    if (SIMPLE_IDENTIFIER.matcher(name).matches()) {
      sb.append(name);
    } else {
      sb.append('"').append(name.replace("\"", "\"\"")).append('"');
    }
  }
}
