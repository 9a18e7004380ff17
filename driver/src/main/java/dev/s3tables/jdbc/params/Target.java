package dev.s3tables.jdbc.params;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.avatica.AvaticaParameter;

/** The type a parameter takes (as Calcite inferred it), and how its failures name it. */
record Target(int index, String typeName, int precision, int scale) {
  static Target of(int index, AvaticaParameter parameter) {
    requireNonNull(parameter, "parameter");
    return new Target(index, parameter.typeName, parameter.precision, parameter.scale);
  }

  ParameterValueException outOfRange(Object value) {
    return new ParameterValueException("22003", "Value " + text(value) + " is out of range for " + this);
  }

  ParameterValueException notConvertible(Object value) {
    return new ParameterValueException("22018", "Cannot convert " + value.getClass().getSimpleName() + " value "
        + text(value) + " to " + this);
  }

  ParameterValueException error(String sqlState, String message) {
    return new ParameterValueException(sqlState, message + ", for " + this);
  }

  @Override
  public String toString() {
    String size = typeName.equals("DECIMAL") ? "(" + precision + ", " + scale + ")"
        : (typeName.endsWith("CHAR") || typeName.endsWith("BINARY")) && precision > 0 ? "(" + precision + ")" : "";
    return "parameter " + (index + 1) + " of type " + typeName + size;
  }

  private static String text(Object value) {
    String text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return value instanceof String ? "'" + shown + "'" : shown;
  }
}
