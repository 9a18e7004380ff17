package org.apache.calcite.jdbc;

import dev.s3tables.jdbc.SqlStates;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Calcite's JDBC 4.1 objects, with result sets whose {@code next()} reports a failing scan as a
 * SQLException with a SQLState instead of letting a RuntimeException reach the application. It
 * lives in Calcite's package because CalciteResultSet's constructor is package-private.
 */
public final class S3TablesJdbcFactory extends CalciteJdbc41Factory {

  @Override
  public CalciteResultSet newResultSet(
      AvaticaStatement statement, QueryState state, Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new ResultSet(statement, (CalcitePrepare.CalciteSignature) signature, metaData, timeZone, firstFrame);
  }

  /** A result set that turns failures while fetching into SQLExceptions. */
  private static final class ResultSet extends CalciteResultSet {
    ResultSet(
        AvaticaStatement statement,
        CalcitePrepare.CalciteSignature signature,
        ResultSetMetaData metaData,
        TimeZone timeZone,
        Meta.Frame firstFrame)
        throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
      try {
        return super.next();
      } catch (RuntimeException e) {
        throw new SQLException(e.getMessage(), SqlStates.of(e), e);
      } catch (SQLException e) {
        if (e.getSQLState() == null && "Statement canceled".equals(e.getMessage())) {
          throw new SQLException(e.getMessage(), "HY008", e);
        }
        throw e;
      }
    }
  }
}
