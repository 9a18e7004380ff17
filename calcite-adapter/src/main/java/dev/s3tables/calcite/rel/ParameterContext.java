package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The DataContext of one parameter row: {@code ?i} reads the row's value {@code i}; every other
 * variable (time zone, current time, locale) is the statement's. Rebound for each row, so one
 * instance serves a whole batch on one thread.
 */
final class ParameterContext implements DataContext {
  private final DataContext statement;
  private Object[] values = new Object[0];

  ParameterContext(DataContext statement) {
    this.statement = requireNonNull(statement, "statement");
  }

  ParameterContext bind(Object[] values) {
    this.values = requireNonNull(values, "values");
    return this;
  }

  @Override
  public @Nullable Object get(String name) {
    if (name.length() > 1 && name.charAt(0) == '?') {
      int index = Integer.parseInt(name, 1, name.length(), 10);
      if (index >= values.length) {
        throw new IllegalStateException("No value for parameter " + name);
      }
      return values[index];
    }
    return statement.get(name);
  }

  @Override
  public @Nullable SchemaPlus getRootSchema() {
    return statement.getRootSchema();
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return statement.getTypeFactory();
  }

  @Override
  public QueryProvider getQueryProvider() {
    return statement.getQueryProvider();
  }
}
