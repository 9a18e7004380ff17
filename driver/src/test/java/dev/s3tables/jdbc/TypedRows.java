package dev.s3tables.jdbc;

import dev.s3tables.sparkpeer.TypedValues;
import dev.s3tables.sparkpeer.TypedValues.Kind;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The driver's rows in the exact, typed text form of {@link TypedValues}, in which Spark's rows are compared. */
final class TypedRows {
  private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

  private TypedRows() {}

  /** Every row of the result set; closes it. */
  static List<String> of(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(value(rs, i, meta.getColumnType(i), meta.getColumnTypeName(i)));
        }
        rows.add(TypedValues.row(values));
      }
      return rows;
    }
  }

  private static String value(ResultSet rs, int i, int type, String typeName) throws SQLException {
    Object v = rs.getObject(i);
    if (v == null) {
      return "null";
    }
    return switch (type) {
      case Types.BOOLEAN -> TypedValues.format(Kind.BOOLEAN, rs.getBoolean(i));
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> TypedValues.format(Kind.INT, rs.getInt(i));
      case Types.BIGINT -> TypedValues.format(Kind.LONG, rs.getLong(i));
      case Types.REAL, Types.FLOAT -> TypedValues.format(Kind.FLOAT, rs.getFloat(i));
      case Types.DOUBLE -> TypedValues.format(Kind.DOUBLE, rs.getDouble(i));
      case Types.DECIMAL, Types.NUMERIC -> TypedValues.format(Kind.DECIMAL, rs.getBigDecimal(i));
      case Types.DATE -> TypedValues.format(Kind.DATE, LocalDate.parse(rs.getString(i)));
      case Types.TIMESTAMP -> typeName.contains("LOCAL_TIME_ZONE")
          ? TypedValues.format(Kind.TIMESTAMPTZ, instant(rs.getString(i)))
          : TypedValues.format(Kind.TIMESTAMP, LocalDateTime.parse(rs.getString(i), TIMESTAMP_TEXT));
      case Types.TIMESTAMP_WITH_TIMEZONE -> TypedValues.format(Kind.TIMESTAMPTZ, instant(rs.getString(i)));
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> TypedValues.format(Kind.STRING, rs.getString(i));
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> TypedValues.format(Kind.BINARY, rs.getBytes(i));
      default -> throw new IllegalArgumentException("no text form for " + typeName + " (" + v.getClass() + ": " + v + ")");
    };
  }

  /** getString shows a TIMESTAMP WITH LOCAL TIME ZONE in UTC, whatever the JVM's zone. */
  private static Instant instant(String text) {
    return LocalDateTime.parse(text, TIMESTAMP_TEXT).toInstant(java.time.ZoneOffset.UTC);
  }
}
