package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.rel.ParameterRowInsert;
import java.util.Arrays;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.Meta;

/**
 * A JDBC batch of a {@link ParameterRowInsert}: the parameter rows, bound as Calcite binds them for
 * one execution of the statement (see {@link dev.s3tables.jdbc.params.ParameterValues#localConverter}),
 * appended together as they come, with an update count of 1 per row.
 */
final class ParameterRowBatch {
  private ParameterRowBatch() {}

  static Meta.ExecuteBatchResult run(
      CalciteConnectionImpl connection,
      CalcitePrepare.CalciteSignature<?> signature,
      ParameterRowInsert insert,
      Iterable<Object[]> boundRows) {
    requireNonNull(insert, "insert");
    // One context for the batch: the per-row one is what makes Calcite's path slow, and nothing in
    // a parameter row reads the clock.
    DataContext context = connection.createDataContext(signature.internalParameters, signature.rootSchema);
    long rows = insert.append(context, boundRows);
    long[] counts = new long[Math.toIntExact(rows)];
    Arrays.fill(counts, 1L);
    return new Meta.ExecuteBatchResult(counts);
  }
}
