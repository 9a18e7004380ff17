package dev.s3tables.jdbc;

import dev.s3tables.calcite.ddl.DdlException;
import dev.s3tables.calcite.scan.ScanStoppedException;
import dev.s3tables.calcite.types.UnsupportedIcebergTypeException;
import dev.s3tables.calcite.write.WriteValueException;
import dev.s3tables.jdbc.config.EndpointPolicy;
import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;

/** The SQLState of a failure, read from the exception and its causes. */
public final class SqlStates {
  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("(Object|Table) '[^']*' not found( within '[^']*')?.*", Pattern.DOTALL);
  private static final Pattern SCHEMA_NOT_FOUND = Pattern.compile("Schema '[^']*' not found.*", Pattern.DOTALL);
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '[^']*' not found.*", Pattern.DOTALL);

  private SqlStates() {}

  /** The most specific SQLState any exception in the chain tells, HY000 if none does. */
  public static String of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String state = direct(t);
      if (state != null) {
        return state;
      }
    }
    return "HY000";
  }

  private static String direct(Throwable t) {
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState();
    }
    if (t instanceof WriteValueException value) {
      return value.sqlState();
    }
    if (t instanceof DdlException ddl) {
      return ddl.sqlState();
    }
    if (t instanceof ScanStoppedException stopped) {
      return stopped.timedOut() ? "HYT00" : "HY008";
    }
    if (t instanceof EndpointPolicy.InsecureEndpointException) {
      return "08001";
    }
    if (t instanceof SqlParseException) {
      return "42000";
    }
    if (t instanceof SqlValidatorException) {
      String message = String.valueOf(t.getMessage());
      if (SCHEMA_NOT_FOUND.matcher(message).matches()) {
        return "3F000";
      }
      if (TABLE_NOT_FOUND.matcher(message).matches()) {
        return "42S02";
      }
      if (COLUMN_NOT_FOUND.matcher(message).matches()) {
        return "42S22";
      }
      return "42000";
    }
    if (t instanceof CommitStateUnknownException) {
      // The commit may or may not have happened: a retry could write the rows twice.
      return "40003";
    }
    if (t instanceof CommitFailedException) {
      return "40001";
    }
    if (t instanceof NoSuchTableException) {
      return "42S02";
    }
    if (t instanceof NoSuchNamespaceException) {
      return "3F000";
    }
    if (t instanceof NotAuthorizedException || t instanceof ForbiddenException) {
      return "28000";
    }
    if (t instanceof ServiceUnavailableException || t instanceof ServiceFailureException) {
      return "08006";
    }
    if (t instanceof UnsupportedIcebergTypeException) {
      return "0A000";
    }
    if (t instanceof ArithmeticException) {
      return String.valueOf(t.getMessage()).contains("by zero") ? "22012" : "22003";
    }
    if (t instanceof NumberFormatException) {
      return "22018";
    }
    if (t instanceof RESTException || t instanceof IOException) {
      return "08006";
    }
    return null;
  }
}
