package dev.s3tables.jdbc.params;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.MetaImpl;
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
    requireNonNull(values, "values");
    List<Conversion> conversions = conversions(parameters);
    if (conversions.size() != values.size()) {
      return values;
    }
    List<TypedValue> converted = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      TypedValue value = values.get(i);
      Conversion conversion = conversions.get(i);
      converted.add(value == null || value.value == null || conversion.rep == null
          ? value
          : TypedValue.ofLocal(conversion.rep, conversion.local.apply(value)));
    }
    return converted;
  }

  /**
   * For rows of values of these parameters (a batch's), each parameter's conversion chosen once:
   * what {@link #convert} gives, as the local values Calcite binds ({@link TypedValue#toLocal}),
   * NULL as null. A row with an unset parameter fails as Calcite fails it.
   */
  public static Function<List<TypedValue>, Object[]> localConverter(List<AvaticaParameter> parameters) {
    List<Conversion> conversions = conversions(parameters);
    return values -> {
      if (MetaImpl.checkParameterValueHasNull(values)) {
        throw new RuntimeException("exception while executing query: unbound parameter");
      }
      Object[] local = new Object[values.size()];
      for (int i = 0; i < local.length; i++) {
        TypedValue value = values.get(i);
        if (value.value != null) {
          local[i] = conversions.get(i).local.apply(value);
        }
      }
      return local;
    };
  }

  private static List<Conversion> conversions(List<AvaticaParameter> parameters) {
    requireNonNull(parameters, "parameters");
    List<Conversion> conversions = new ArrayList<>(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      conversions.add(conversion(Target.of(i, parameters.get(i))));
    }
    return conversions;
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

  /**
   * How a parameter's value becomes the local value of its type's representation; a null rep for
   * types whose values pass as Avatica bound them.
   */
  private record Conversion(@Nullable Rep rep, Function<TypedValue, Object> local) {}

  private static Conversion conversion(Target target) {
    return switch (target.typeName()) {
      case "TINYINT" -> new Conversion(Rep.BYTE,
          v -> (byte) NumericParameters.integer(target, v.toLocal(), Byte.MIN_VALUE, Byte.MAX_VALUE));
      case "SMALLINT" -> new Conversion(Rep.SHORT,
          v -> (short) NumericParameters.integer(target, v.toLocal(), Short.MIN_VALUE, Short.MAX_VALUE));
      case "INTEGER" -> new Conversion(Rep.INTEGER,
          v -> (int) NumericParameters.integer(target, v.toLocal(), Integer.MIN_VALUE, Integer.MAX_VALUE));
      case "BIGINT" -> new Conversion(Rep.LONG,
          v -> NumericParameters.integer(target, v.toLocal(), Long.MIN_VALUE, Long.MAX_VALUE));
      case "REAL" -> new Conversion(Rep.FLOAT,
          v -> (float) NumericParameters.approximate(target, v.toLocal(), Float.MAX_VALUE));
      case "DOUBLE", "FLOAT" -> new Conversion(Rep.DOUBLE,
          v -> NumericParameters.approximate(target, v.toLocal(), Double.MAX_VALUE));
      case "DECIMAL" -> new Conversion(Rep.NUMBER, v -> NumericParameters.decimal(target, v.toLocal()));
      case "BOOLEAN" -> new Conversion(Rep.BOOLEAN, v -> bool(target, v.toLocal()));
      case "CHAR", "VARCHAR" -> new Conversion(Rep.STRING, v -> text(target, v.toLocal()));
      case "BINARY", "VARBINARY" -> new Conversion(Rep.BYTE_STRING, v -> bytes(target, v.toLocal()));
      case "DATE" -> new Conversion(Rep.JAVA_SQL_DATE, v -> DatetimeParameters.date(target, v.type, v.toLocal()));
      case "TIME" -> new Conversion(Rep.JAVA_SQL_TIME, v -> DatetimeParameters.time(target, v.type, v.toLocal()));
      case "TIMESTAMP", "TIMESTAMP_WITH_LOCAL_TIME_ZONE" -> new Conversion(Rep.JAVA_SQL_TIMESTAMP,
          v -> DatetimeParameters.timestamp(target, v.type, v.toLocal()));
      default -> new Conversion(null, TypedValue::toLocal);
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
