package dev.s3tables.jdbc.params;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.ByteString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Parameter values converted to the types Calcite inferred for their parameters, as SQL assigns a
 * value to a typed target, before Calcite binds them. Calcite's generated code would otherwise
 * narrow a number with a Java cast (a BIGINT into an INTEGER wraps), cut a BINARY(n) to n bytes,
 * and fail with a ClassCastException on text or java.time values. Each path that runs a prepared
 * statement (execute, a batch run per row, a batch bound directly) converts through here, so all
 * give the same values and failures. Values of types not named here pass as Avatica bound them.
 */
public final class ParameterValues {
  /**
   * No bound on the whole digits of a setObject DECIMAL target: the parameter's own type checks
   * them when the statement runs.
   */
  private static final int ANY_PRECISION = 1000;

  private ParameterValues() {}

  /** The values, converted; an unset parameter stays unset (Calcite reports it). */
  public static List<TypedValue> convert(List<AvaticaParameter> parameters, List<TypedValue> values) {
    return converter(parameters).apply(values);
  }

  /**
   * What {@link #convert} does for rows of values of these parameters, with each parameter's
   * conversion chosen once: for the rows of a batch.
   */
  public static UnaryOperator<List<TypedValue>> converter(List<AvaticaParameter> parameters) {
    requireNonNull(parameters, "parameters");
    List<Conversion> conversions = new ArrayList<>(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      conversions.add(conversion(Target.of(i, parameters.get(i))));
    }
    return values -> {
      requireNonNull(values, "values");
      if (conversions.size() != values.size()) {
        return values;
      }
      List<TypedValue> converted = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        TypedValue value = values.get(i);
        converted.add(value == null || value.value == null ? value : conversions.get(i).apply(value));
      }
      return converted;
    };
  }

  /**
   * The value as the integer or REAL type {@code targetSqlType} (a java.sql.Types code) takes it,
   * converted and checked as for a parameter of that type (out of range fails with 22003, text
   * that is no number with 22018); a value for any other type as it is. For {@code setObject(i,
   * value, targetSqlType)}, where Avatica would narrow the value with a Java cast.
   */
  public static @Nullable Object narrow(int index, @Nullable Object value, int targetSqlType) {
    if (value == null) {
      return null;
    }
    return switch (targetSqlType) {
      case Types.TINYINT ->
          (byte) NumericParameters.integer(target(index, "TINYINT"), value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case Types.SMALLINT ->
          (short) NumericParameters.integer(target(index, "SMALLINT"), value, Short.MIN_VALUE, Short.MAX_VALUE);
      case Types.INTEGER ->
          (int) NumericParameters.integer(target(index, "INTEGER"), value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case Types.BIGINT -> NumericParameters.integer(target(index, "BIGINT"), value, Long.MIN_VALUE, Long.MAX_VALUE);
      case Types.REAL -> (float) NumericParameters.approximate(target(index, "REAL"), value, Float.MAX_VALUE);
      default -> value;
    };
  }

  /**
   * As {@link #narrow(int, Object, int)}, and a number or numeric text for a DECIMAL or NUMERIC
   * target rounded half up to {@code scaleOrLength} digits after the point; the length of any other
   * type is not used.
   */
  public static @Nullable Object narrow(int index, @Nullable Object value, int targetSqlType, int scaleOrLength) {
    if (value != null && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC) && scaleOrLength >= 0) {
      return NumericParameters.decimal(new Target(index, "DECIMAL", ANY_PRECISION + scaleOrLength, scaleOrLength), value);
    }
    return narrow(index, value, targetSqlType);
  }

  private static Target target(int index, String typeName) {
    return new Target(index, typeName, 0, 0);
  }

  private interface Conversion {
    TypedValue apply(TypedValue value);
  }

  private static Conversion conversion(Target target) {
    return switch (target.typeName()) {
      case "TINYINT" -> v -> TypedValue.ofLocal(Rep.BYTE,
          (byte) NumericParameters.integer(target, v.toLocal(), Byte.MIN_VALUE, Byte.MAX_VALUE));
      case "SMALLINT" -> v -> TypedValue.ofLocal(Rep.SHORT,
          (short) NumericParameters.integer(target, v.toLocal(), Short.MIN_VALUE, Short.MAX_VALUE));
      case "INTEGER" -> v -> TypedValue.ofLocal(Rep.INTEGER,
          (int) NumericParameters.integer(target, v.toLocal(), Integer.MIN_VALUE, Integer.MAX_VALUE));
      case "BIGINT" -> v -> TypedValue.ofLocal(Rep.LONG,
          NumericParameters.integer(target, v.toLocal(), Long.MIN_VALUE, Long.MAX_VALUE));
      case "REAL" -> v -> TypedValue.ofLocal(Rep.FLOAT,
          (float) NumericParameters.approximate(target, v.toLocal(), Float.MAX_VALUE));
      case "DOUBLE", "FLOAT" -> v -> TypedValue.ofLocal(Rep.DOUBLE,
          NumericParameters.approximate(target, v.toLocal(), Double.MAX_VALUE));
      case "DECIMAL" -> v -> TypedValue.ofLocal(Rep.NUMBER, NumericParameters.decimal(target, v.toLocal()));
      case "BOOLEAN" -> v -> TypedValue.ofLocal(Rep.BOOLEAN, bool(target, v.toLocal()));
      case "CHAR", "VARCHAR" -> v -> TypedValue.ofLocal(Rep.STRING, text(target, v.toLocal()));
      case "BINARY", "VARBINARY" -> v -> TypedValue.ofLocal(Rep.BYTE_STRING, bytes(target, v.toLocal()));
      case "DATE" -> v -> TypedValue.ofLocal(Rep.JAVA_SQL_DATE, DatetimeParameters.date(target, v.type, v.toLocal()));
      case "TIME" -> v -> TypedValue.ofLocal(Rep.JAVA_SQL_TIME, DatetimeParameters.time(target, v.type, v.toLocal()));
      case "TIMESTAMP", "TIMESTAMP_WITH_LOCAL_TIME_ZONE" -> v -> TypedValue.ofLocal(Rep.JAVA_SQL_TIMESTAMP,
          DatetimeParameters.timestamp(target, v.type, v.toLocal()));
      default -> v -> v;
    };
  }

  /** SQL's boolean text (TRUE, FALSE in any case) and the numbers 1 and 0, as JDBC's setInt into BOOLEAN. */
  private static boolean bool(Target target, Object value) {
    if (value instanceof Boolean b) {
      return b;
    } else if (value instanceof String s) {
      if (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false")) {
        return s.strip().equalsIgnoreCase("true");
      }
      throw target.error("22018", "'" + s + "' is not a boolean (TRUE or FALSE)");
    } else if (value instanceof Number n && (n.doubleValue() == 1 || n.doubleValue() == 0)) {
      return n.doubleValue() == 1;
    }
    throw target.notConvertible(value);
  }

  /** Text no longer than a CHAR(n) or VARCHAR(n) takes: Calcite would cut a longer one. */
  private static String text(Target target, Object value) {
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else if (value instanceof Boolean b) {
      text = b ? "TRUE" : "FALSE";
    } else if (value instanceof Number || value instanceof Character || value instanceof UUID) {
      text = value.toString();
    } else {
      throw target.notConvertible(value);
    }
    if (target.precision() > 0 && text.length() > target.precision()) {
      throw target.error("22001", "String of " + text.length() + " characters is too long");
    }
    return text;
  }

  /**
   * Bytes of the length a BINARY(n) (an Iceberg fixed(n)) must have, exactly, and no more than a
   * VARBINARY(n) takes: Calcite would cut a longer value, and SQL's zero padding would store bytes
   * the application did not send. Text is not taken: which bytes it stands for is ambiguous.
   */
  private static ByteString bytes(Target target, Object value) {
    ByteString bytes;
    if (value instanceof ByteString b) {
      bytes = b;
    } else if (value instanceof byte[] b) {
      bytes = new ByteString(b);
    } else {
      throw target.notConvertible(value);
    }
    boolean fixed = target.typeName().equals("BINARY");
    if (target.precision() > 0 && (bytes.length() > target.precision() || fixed && bytes.length() != target.precision())) {
      throw target.error("22001", "Binary value of " + bytes.length() + " bytes does not fit");
    }
    return bytes;
  }
}
