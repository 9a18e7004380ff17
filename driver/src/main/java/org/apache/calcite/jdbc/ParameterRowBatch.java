package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import dev.s3tables.calcite.rel.ParameterRowInsert;
import dev.s3tables.jdbc.params.ParameterValues;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A JDBC batch of a {@link ParameterRowInsert}: the parameter rows bound as Calcite binds them for
 * one execution of the statement, then appended together, with an update count of 1 per row.
 */
final class ParameterRowBatch {
  private ParameterRowBatch() {}

  static Meta.ExecuteBatchResult run(
      CalciteConnectionImpl connection,
      CalcitePrepare.CalciteSignature<?> signature,
      ParameterRowInsert insert,
      List<List<TypedValue>> parameterValueLists) {
    requireNonNull(insert, "insert");
    // One context for the batch: the per-row one is what makes Calcite's path slow, and nothing in
    // a parameter row reads the clock.
    DataContext context = connection.createDataContext(signature.internalParameters, signature.rootSchema);
    // Bound row by row as they are written, so that failures come in the order of the rows.
    UnaryOperator<List<TypedValue>> converter = ParameterValues.converter(signature.parameters);
    insert.append(context, Lists.transform(parameterValueLists, values -> local(converter, values)));
    long[] counts = new long[parameterValueLists.size()];
    Arrays.fill(counts, 1L);
    return new Meta.ExecuteBatchResult(counts);
  }

  /**
   * As S3TablesMeta.execute converts a parameter row and CalciteConnectionImpl.enumerable binds it,
   * with its failure for an unset one.
   */
  private static Object[] local(UnaryOperator<List<TypedValue>> converter, List<TypedValue> row) {
    if (MetaImpl.checkParameterValueHasNull(row)) {
      throw new RuntimeException("exception while executing query: unbound parameter");
    }
    List<TypedValue> values = converter.apply(row);
    Object[] local = new Object[values.size()];
    for (int i = 0; i < local.length; i++) {
      local[i] = values.get(i).toLocal();
    }
    return local;
  }
}
