package org.apache.calcite.jdbc;

import dev.s3tables.jdbc.params.ParameterValueException;
import dev.s3tables.jdbc.params.ParameterValues;
import dev.s3tables.jdbc.params.SerialDatetimes;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Date;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.Helper;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The driver's prepared statement: Calcite's, except that {@code setObject(i, x, targetSqlType)}
 * converts x to an integer or REAL target type exactly or fails (22003, 22018). Avatica converts
 * with a Java narrowing cast, so 300 as a TINYINT would become 44 and 1e300 as a REAL infinity,
 * before the driver's own parameter checks could see the value, and text with a space around the
 * number would fail with a NumberFormatException. The JDBC 4.1 setters are Avatica's, as in
 * Calcite's own statement. setDate and setTimestamp store what Avatica's would, computed from the
 * value's instant and zone offsets ({@link SerialDatetimes}). The rows of a batch of an INSERT of
 * one VALUES row of parameters stream to a writer as they are added.
 */
final class S3TablesPreparedStatement extends CalcitePreparedStatement {
  S3TablesPreparedStatement(CalciteConnectionImpl connection, Meta.@Nullable StatementHandle h,
      CalcitePrepare.CalciteSignature signature, int type, int concurrency, int holdability) throws SQLException {
    super(connection, h, signature, type, concurrency, holdability);
  }

  /**
   * A batch of an INSERT whose rows are bound directly streams them to a writer (see {@link
   * S3TablesMeta#addToStreamedBatch}); any other statement's batch is kept as Avatica keeps it.
   */
  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    boolean streamed;
    try {
      // Bound before this returns, so the slots need no copy; Avatica copies them for the batches it keeps.
      streamed = meta().addToStreamedBatch(handle, Arrays.asList(slots));
    } catch (RuntimeException e) {
      RuntimeException reported = S3TablesMeta.withSqlState(e);
      throw Helper.INSTANCE.createException("Error while adding a row to a batch: " + reported.getMessage(), null, reported);
    }
    if (!streamed) {
      super.addBatch();
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    super.clearBatch();
    meta().clearStreamedBatch(handle);
  }

  /** Avatica's value for the date, computed without java.util.Date's calendar fields (see {@link SerialDatetimes}). */
  @Override
  public void setDate(int parameterIndex, @Nullable Date x, @Nullable Calendar calendar) throws SQLException {
    if (x == null || calendar == null) {
      super.setDate(parameterIndex, x, calendar);
      return;
    }
    checkOpen();
    getParameter(parameterIndex);
    slots[parameterIndex - 1] = TypedValue.ofSerial(Rep.JAVA_SQL_DATE, SerialDatetimes.date(x, calendar.getTimeZone()));
  }

  /** Avatica's value for the timestamp, computed without java.util.Date's calendar fields (see {@link SerialDatetimes}). */
  @Override
  public void setTimestamp(int parameterIndex, @Nullable Timestamp x, @Nullable Calendar calendar) throws SQLException {
    if (x == null || calendar == null) {
      super.setTimestamp(parameterIndex, x, calendar);
      return;
    }
    checkOpen();
    getParameter(parameterIndex);
    slots[parameterIndex - 1] =
        TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, SerialDatetimes.timestamp(x, calendar.getTimeZone()));
  }

  private S3TablesMeta meta() throws SQLException {
    return (S3TablesMeta) getConnection().meta();
  }

  @Override
  public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType) throws SQLException {
    super.setObject(parameterIndex, narrow(parameterIndex, x, targetSqlType), targetSqlType);
  }

  /** Avatica's own version of this method sets nothing: the parameter kept its previous value. */
  @Override
  public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    Object value;
    try {
      value = ParameterValues.narrow(parameterIndex - 1, x, targetSqlType, scaleOrLength);
    } catch (ParameterValueException e) {
      throw new SQLException(e.getMessage(), e.sqlState(), e);
    }
    super.setObject(parameterIndex, value, targetSqlType);
  }

  private static @Nullable Object narrow(int parameterIndex, @Nullable Object x, int targetSqlType) throws SQLException {
    try {
      return ParameterValues.narrow(parameterIndex - 1, x, targetSqlType);
    } catch (ParameterValueException e) {
      throw new SQLException(e.getMessage(), e.sqlState(), e);
    }
  }

  @Override
  public void setRowId(int parameterIndex, @Nullable RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, @Nullable String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, @Nullable Reader value, long length) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, @Nullable Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override
  public void setNClob(int parameterIndex, @Nullable Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }

  @Override
  public void setClob(int parameterIndex, @Nullable Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override
  public void setClob(int parameterIndex, @Nullable Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override
  public void setBlob(int parameterIndex, @Nullable InputStream inputStream, long length) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override
  public void setBlob(int parameterIndex, @Nullable InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override
  public void setSQLXML(int parameterIndex, @Nullable SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override
  public void setAsciiStream(int parameterIndex, @Nullable InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, @Nullable InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, @Nullable Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, @Nullable Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }
}
