package dev.s3tables.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.table.IcebergTable;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A planned {@code INSERT INTO t [(columns)] VALUES (?, ?, ...)}: one row whose values are dynamic
 * parameters and literals, perhaps cast to their columns' types. A JDBC batch of it needs no run of
 * the plan per parameter row: the row's expressions, compiled once by Calcite's own translator (the
 * code the plan runs for them), make each parameter row into the row the statement would insert,
 * and all of them go to {@link IcebergTable#append} at once. A row of bare parameters whose values
 * already have their types' runtime classes is that row as it is ({@link PassThroughRow}).
 */
public final class ParameterRowInsert {
  private final IcebergTable table;
  private final int plannedSchemaId;
  private final RexBuilder rexBuilder;
  private final RelDataType valuesRowType;
  private final List<RexNode> row;
  private final @Nullable PassThroughRow passThrough;
  private Function1<DataContext, Object[]> compiled;

  private ParameterRowInsert(
      IcebergTable table, int plannedSchemaId, RexBuilder rexBuilder, RelDataType valuesRowType, List<RexNode> row) {
    this.table = table;
    this.plannedSchemaId = plannedSchemaId;
    this.rexBuilder = rexBuilder;
    this.valuesRowType = valuesRowType;
    this.row = row;
    this.passThrough = PassThroughRow.of(row).orElse(null);
  }

  /**
   * The statement if its plan is an append of one projected row of the one-row VALUES Calcite plans
   * for a VALUES row of expressions, each a parameter, a literal or a CAST of one, with at least one
   * parameter. INSERT ... SELECT, several rows and other expressions answer empty.
   */
  public static Optional<ParameterRowInsert> of(RelNode plan) {
    requireNonNull(plan, "plan");
    if (!(plan instanceof EnumerableIcebergAppend append) || append.getOperation() != TableModify.Operation.INSERT) {
      return Optional.empty();
    }
    RelNode input = append.getInput();
    List<RexNode> row;
    if (input instanceof Calc calc && calc.getProgram().getCondition() == null) {
      row = calc.getProgram().getProjectList().stream().map(calc.getProgram()::expandLocalRef).toList();
    } else if (input instanceof Project project) {
      row = project.getProjects();
    } else {
      return Optional.empty();
    }
    RelNode values = input.getInput(0);
    if (!(values instanceof Values one) || one.getTuples().size() != 1
        || !row.stream().allMatch(ParameterRowInsert::isParameterOrLiteral)
        || row.stream().noneMatch(ParameterRowInsert::containsParameter)) {
      return Optional.empty();
    }
    IcebergTable table = append.getTable().unwrapOrThrow(IcebergTable.class);
    return Optional.of(new ParameterRowInsert(
        table, table.icebergSchema().schemaId(), append.getCluster().getRexBuilder(), values.getRowType(), row));
  }

  private static boolean isParameterOrLiteral(RexNode e) {
    if (e instanceof RexDynamicParam || e instanceof RexLiteral) {
      return true;
    }
    return e.getKind() == SqlKind.CAST && isParameterOrLiteral(((RexCall) e).getOperands().get(0));
  }

  private static boolean containsParameter(RexNode e) {
    return e instanceof RexDynamicParam
        || e instanceof RexCall call && call.getOperands().stream().anyMatch(ParameterRowInsert::containsParameter);
  }

  /**
   * Appends the rows the statement inserts for these parameter rows (values as Calcite binds them:
   * each row's value {@code i} is what {@code ?i} reads), into the writer of the caller's
   * AppendSession. Returns the number of rows.
   */
  public long append(DataContext context, Iterable<Object[]> parameterRows) {
    requireNonNull(context, "context");
    requireNonNull(parameterRows, "parameterRows");
    ParameterContext parameters = new ParameterContext(context);
    return table.append(context, Linq4j.asEnumerable(parameterRows).select(values -> {
      Object[] passed = passThrough == null ? null : passThrough.row(values);
      return passed != null ? passed : compiled().apply(parameters.bind(values));
    }), plannedSchemaId).first();
  }

  /**
   * Compiled on the first row that needs it, not at prepare: most prepared INSERTs are never
   * batched, and a row of bare parameters mostly passes through ({@link PassThroughRow}).
   */
  private Function1<DataContext, Object[]> compiled() {
    if (compiled == null) {
      compiled = RexExecutorImpl.getExecutable(rexBuilder, row, valuesRowType).getFunction();
    }
    return compiled;
  }
}
