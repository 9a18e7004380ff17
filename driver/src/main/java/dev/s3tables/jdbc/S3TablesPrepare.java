package dev.s3tables.jdbc;

import java.lang.reflect.Type;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's statement preparation with one change to its validator: a parameter as the time of
 * {@code FOR SYSTEM_TIME AS OF ?} is a TIMESTAMP(3), where Calcite's own validator leaves its type
 * unknown and refuses it. The rest is Calcite's, as its extension points ask to be overridden.
 */
final class S3TablesPrepare extends CalcitePrepareImpl {

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context, Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
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
      protected SqlValidator createSqlValidator(
          Prepare.CatalogReader reader, UnaryOperator<SqlValidator.Config> configTransform) {
        return validator(context, (CalciteCatalogReader) reader, configTransform);
      }
    };
  }

  /** As Calcite's CalcitePrepareImpl.createSqlValidator builds it, of the class below. */
  private static SqlValidator validator(
      Context context, CalciteCatalogReader catalogReader, UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig connectionConfig = context.config();
    SqlOperatorTable operators =
        SqlOperatorTables.chain(
            connectionConfig.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), catalogReader);
    SqlValidator.Config config =
        configTransform.apply(
            SqlValidator.Config.DEFAULT
                .withLenientOperatorLookup(connectionConfig.lenientOperatorLookup())
                .withConformance(connectionConfig.conformance())
                .withDefaultNullCollation(connectionConfig.defaultNullCollation())
                .withIdentifierExpansion(true));
    return new TimeParameterValidator(operators, catalogReader, context.getTypeFactory(), config);
  }

  /** Calcite's validator, typing the parameter of {@code FOR SYSTEM_TIME AS OF ?} as TIMESTAMP(3). */
  private static final class TimeParameterValidator extends CalciteSqlValidator {
    TimeParameterValidator(
        SqlOperatorTable operators, CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory, Config config) {
      super(operators, catalogReader, typeFactory, config);
    }

    @Override
    public void validateQuery(SqlNode node, SqlValidatorScope scope, RelDataType targetRowType) {
      if (node instanceof SqlSnapshot snapshot && snapshot.getPeriod() instanceof SqlDynamicParam period) {
        RelDataType timestamp = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
        setValidatedNodeType(period, typeFactory.createTypeWithNullability(timestamp, true));
      }
      super.validateQuery(node, scope, targetRowType);
    }
  }
}
