package org.apache.calcite.jdbc;

import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.jdbc.DriverClassLoader;
import dev.s3tables.jdbc.SqlStates;
import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's JDBC objects for s3tables connections: our connection (whose isValid reaches the
 * catalog) and result sets whose {@code next()} reports a failing scan as a SQLException with a
 * SQLState instead of letting a RuntimeException reach the application; statements and metadata
 * are Calcite's own. It lives in Calcite's package because the constructors it needs are
 * package-private there.
 */
public final class S3TablesJdbcFactory extends CalciteFactory {
  private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

  public S3TablesJdbcFactory() {
    super(4, 1);
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      @Nullable CalciteSchema rootSchema,
      @Nullable JavaTypeFactory typeFactory) {
    return new S3TablesConnection((Driver) driver, factory, url, info, rootSchema, typeFactory);
  }

  /**
   * Makes a connection of this factory read-only for good (readOnly=true in its properties):
   * {@code setReadOnly(false)} leaves it read-only, with a warning.
   */
  public static void lockReadOnly(AvaticaConnection connection) throws SQLException {
    ((S3TablesConnection) connection).lockReadOnly();
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return calcite.newDatabaseMetaData(connection);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection, Meta.@Nullable StatementHandle h, int type, int concurrency, int holdability) {
    return calcite.newStatement(connection, h, type, concurrency, holdability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.@Nullable StatementHandle h,
      Meta.Signature signature,
      int type,
      int concurrency,
      int holdability)
      throws SQLException {
    return new S3TablesPreparedStatement(
        (CalciteConnectionImpl) connection, h, (CalcitePrepare.CalciteSignature) signature, type, concurrency, holdability);
  }

  @Override
  public CalciteResultSet newResultSet(
      AvaticaStatement statement, QueryState state, Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new ResultSet(statement, (CalcitePrepare.CalciteSignature) signature, metaData, timeZone, firstFrame);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
    return calcite.newResultSetMetaData(statement, signature);
  }

  /** A result set that fetches with the driver's class loader and turns failures into SQLExceptions. */
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

    /**
     * Opening the rows runs the generated code's initializers, where Calcite evaluates constants
     * (1/0, CAST('x' AS INT)). The failure leaves as Avatica keeps a SQLState (it drops the state
     * of a SQLException thrown here), and an Error becomes a failure of the statement.
     */
    @Override
    protected CalciteResultSet execute() throws SQLException {
      try {
        return super.execute();
      } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
        throw S3TablesMeta.withSqlState(e);
      }
    }

    /**
     * JDBC 4.2's LocalDate, LocalTime and LocalDateTime of DATE, TIME and TIMESTAMP columns, from
     * the days and milliseconds Calcite carries (no detour through java.sql values and the JVM's
     * time zone, which has no 02:30 on the night clocks go forward); other types as Avatica has them.
     */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
      int sqlType = getMetaData().getColumnType(columnIndex);
      Object value;
      if (type == LocalDate.class && sqlType == Types.DATE) {
        value = LocalDate.ofEpochDay(getLong(columnIndex));
      } else if (type == LocalTime.class && sqlType == Types.TIME) {
        value = LocalTime.ofNanoOfDay(getLong(columnIndex) * 1_000_000L);
      } else if (type == LocalDateTime.class && sqlType == Types.TIMESTAMP) {
        value = RowConverter.wallClock(getLong(columnIndex));
      } else {
        return super.getObject(columnIndex, type);
      }
      return wasNull() ? null : type.cast(value);
    }

    /**
     * Per column (from 1): the class a value already has when it is what getObject returns (so it
     * is returned as it is, not rebuilt through Avatica's accessors), {@link java.sql.Date} for
     * DATE columns of days (made by {@link SqlDates}), or null for Avatica's own getObject.
     */
    private Class<?>[] objectClasses;
    private SqlDates sqlDates;

    @Override
    public Object getObject(int columnIndex) throws SQLException {
      Class<?> objectClass = objectClass(columnIndex);
      if (objectClass == java.sql.Date.class) {
        return sqlDate(columnIndex);
      }
      if (objectClass != null) {
        Object value = accessorList.get(columnIndex - 1).getObject();
        if (value == null || value.getClass() == objectClass) {
          return value;
        }
      }
      return super.getObject(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
      return getObject(findColumn(columnLabel));
    }

    @Override
    public java.sql.Date getDate(int columnIndex) throws SQLException {
      return objectClass(columnIndex) == java.sql.Date.class ? sqlDate(columnIndex) : super.getDate(columnIndex);
    }

    @Override
    public java.sql.Date getDate(String columnLabel) throws SQLException {
      return getDate(findColumn(columnLabel));
    }

    /** Null also for a closed result set or a column that does not exist: Avatica reports those. */
    private @Nullable Class<?> objectClass(int columnIndex) throws SQLException {
      if (objectClasses == null) {
        objectClasses = new Class<?>[columnMetaDataList.size() + 1];
        for (int i = 0; i < columnMetaDataList.size(); i++) {
          objectClasses[i + 1] = objectClass(columnMetaDataList.get(i));
        }
        sqlDates = new SqlDates(localCalendar);
      }
      return isClosed() || columnIndex < 1 || columnIndex >= objectClasses.length ? null : objectClasses[columnIndex];
    }

    /** CHAR is left out (Avatica pads it), and so is any unsigned type. */
    private static @Nullable Class<?> objectClass(ColumnMetaData column) {
      ColumnMetaData.Rep rep = column.type.rep;
      return switch (column.type.id) {
        case Types.DATE -> rep == ColumnMetaData.Rep.PRIMITIVE_INT || rep == ColumnMetaData.Rep.INTEGER
            || rep == ColumnMetaData.Rep.NUMBER ? java.sql.Date.class : null;
        case Types.BIGINT -> column.signed ? Long.class : null;
        case Types.INTEGER -> column.signed ? Integer.class : null;
        case Types.DOUBLE -> Double.class;
        case Types.DECIMAL -> BigDecimal.class;
        case Types.VARCHAR -> String.class;
        case Types.BOOLEAN -> Boolean.class;
        default -> null;
      };
    }

    private java.sql.Date sqlDate(int columnIndex) throws SQLException {
      int day = getInt(columnIndex);
      return wasNull() ? null : sqlDates.of(day);
    }

    @Override
    public boolean next() throws SQLException {
      try {
        return DriverClassLoader.run(super::next);
      } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
        throw new SQLException(SqlStates.message(e), SqlStates.of(e), e);
      } catch (SQLException e) {
        if (e.getSQLState() == null && "Statement canceled".equals(e.getMessage())) {
          throw new SQLException(e.getMessage(), "HY008", e);
        }
        throw e;
      }
    }
  }
}
