package dev.s3tables.calcite.rel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A VALUES row of bare parameters ({@code ?, ?, ...}, no CAST) of types whose bound value Calcite's
 * compiled code passes on unchanged when it already has the Java class of the type's runtime
 * representation (a cast, or a conversion of a Long to a Long): such a parameter row is the row to
 * insert, without the compiled code and its lookup of each parameter by name. A value of another
 * class (or a type that Calcite's code pads or truncates, such as BINARY(n)) is not passed on here.
 */
final class PassThroughRow {
  private final int[] parameters;
  private final Class<?>[] classes;
  private final boolean identity;

  private PassThroughRow(int[] parameters, Class<?>[] classes) {
    this.parameters = parameters;
    this.classes = classes;
    boolean inOrder = true;
    for (int i = 0; i < parameters.length; i++) {
      inOrder &= parameters[i] == i;
    }
    this.identity = inOrder;
  }

  static Optional<PassThroughRow> of(List<RexNode> row) {
    int[] parameters = new int[row.size()];
    Class<?>[] classes = new Class<?>[row.size()];
    for (int i = 0; i < row.size(); i++) {
      if (!(row.get(i) instanceof RexDynamicParam parameter)) {
        return Optional.empty();
      }
      Class<?> representation = representation(parameter);
      if (representation == null) {
        return Optional.empty();
      }
      parameters[i] = parameter.getIndex();
      classes[i] = representation;
    }
    return Optional.of(new PassThroughRow(parameters, classes));
  }

  /** The class of the runtime value Calcite's code passes on unchanged for the parameter's type. */
  private static @Nullable Class<?> representation(RexDynamicParam parameter) {
    return switch (parameter.getType().getSqlTypeName()) {
      case BOOLEAN -> Boolean.class;
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INTEGER, DATE, TIME -> Integer.class;
      case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Long.class;
      case REAL -> Float.class;
      case FLOAT, DOUBLE -> Double.class;
      case DECIMAL -> BigDecimal.class;
      case VARCHAR -> String.class;
      case VARBINARY -> ByteString.class;
      default -> null;
    };
  }

  /** The row to insert for these parameter values, or null if one of them is not passed on as it is. */
  Object @Nullable [] row(Object[] values) {
    for (int i = 0; i < parameters.length; i++) {
      Object value = values[parameters[i]];
      if (value != null && value.getClass() != classes[i]) {
        return null;
      }
    }
    if (identity && values.length == parameters.length) {
      return values;
    }
    Object[] row = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      row[i] = values[parameters[i]];
    }
    return row;
  }
}
