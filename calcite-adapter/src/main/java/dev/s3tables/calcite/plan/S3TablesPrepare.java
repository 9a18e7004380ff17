package dev.s3tables.calcite.plan;

import java.lang.reflect.Type;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's statement preparation, planning with {@link QueryProgram}: joins ordered by a heuristic
 * before the cost-based planner runs, which then leaves their order alone; and validating with
 * {@link TimeParameterValidator}, which types the parameter of {@code FOR SYSTEM_TIME AS OF ?}.
 */
public final class S3TablesPrepare extends CalcitePrepareImpl {
  private static final Program PROGRAM = QueryProgram.create();

  @Override
  protected RelOptPlanner createPlanner(
      CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.@Nullable Context externalContext,
      @Nullable RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    QueryProgram.JOIN_ORDER_RULES.forEach(planner::removeRule);
    return planner;
  }

  /** Calcite's own preparing statement, as the superclass makes it, but with the driver's program and validator. */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      CalcitePrepare.Context context, Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(
        this,
        context,
        catalogReader,
        typeFactory,
        context.getRootSchema(),
        prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected Program getProgram() {
        return PROGRAM;
      }

      @Override
      protected SqlValidator createSqlValidator(
          Prepare.CatalogReader reader, UnaryOperator<SqlValidator.Config> configTransform) {
        return TimeParameterValidator.create(context, (CalciteCatalogReader) reader, configTransform);
      }
    };
  }
}
