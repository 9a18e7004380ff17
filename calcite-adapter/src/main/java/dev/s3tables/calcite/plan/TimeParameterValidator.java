package dev.s3tables.calcite.plan;

import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
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
 * Calcite's validator with one change: a parameter as the time of {@code FOR SYSTEM_TIME AS OF ?}
 * is a TIMESTAMP(3), where Calcite's own validator leaves its type unknown and refuses it.
 */
final class TimeParameterValidator extends CalciteSqlValidator {
  private TimeParameterValidator(
      SqlOperatorTable operators, CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory, Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  /** Configured as Calcite's CalcitePrepareImpl.createSqlValidator configures its own. */
  static SqlValidator create(
      CalcitePrepare.Context context,
      CalciteCatalogReader catalogReader,
      UnaryOperator<SqlValidator.Config> configTransform) {
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

  @Override
  public void validateQuery(SqlNode node, SqlValidatorScope scope, RelDataType targetRowType) {
    if (node instanceof SqlSnapshot snapshot && snapshot.getPeriod() instanceof SqlDynamicParam period) {
      RelDataType timestamp = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
      setValidatedNodeType(period, typeFactory.createTypeWithNullability(timestamp, true));
    }
    super.validateQuery(node, scope, targetRowType);
  }
}
