package dev.s3tables.jdbc;

import dev.s3tables.calcite.catalog.ControlPlaneException;
import dev.s3tables.calcite.ddl.DdlException;
import dev.s3tables.calcite.rel.UnsupportedStatementException;
import dev.s3tables.calcite.scan.ScanStoppedException;
import dev.s3tables.calcite.timetravel.TimeTravelException;
import dev.s3tables.calcite.types.UnsupportedIcebergTypeException;
import dev.s3tables.calcite.write.WriteValueException;
import dev.s3tables.jdbc.config.EndpointPolicy;
import dev.s3tables.jdbc.params.ParameterValueException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteException;
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
import software.amazon.awssdk.core.exception.SdkServiceException;

/** The SQLState of a failure, and a message for it, read from the exception and its causes. */
public final class SqlStates {
  // Validator messages quote names as they are, quotes included: 'sentinel'' is a name sentinel'.
  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("(Object|Table) '.*' not found.*", Pattern.DOTALL);
  private static final Pattern SCHEMA_NOT_FOUND = Pattern.compile("Schema '.*' not found.*", Pattern.DOTALL);
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '.*' not found.*", Pattern.DOTALL);
  private static final Pattern UNKNOWN_TARGET_COLUMN = Pattern.compile("Unknown target column '.*'.*", Pattern.DOTALL);
  private static final Pattern NOT_NULL_WITHOUT_DEFAULT =
      Pattern.compile("Column '.*' has no default value and does not allow NULLs.*", Pattern.DOTALL);
  private static final Pattern NUMERIC_LITERAL_OUT_OF_RANGE =
      Pattern.compile("Numeric literal '[^']*' out of range.*", Pattern.DOTALL);
  private static final Pattern COLUMN_COUNT = Pattern.compile("Number of INSERT target columns .*", Pattern.DOTALL);
  // Found anywhere in the message (find, not matches: messages can hold megabytes of SQL).
  private static final Pattern ILLEGAL_DATETIME_LITERAL =
      Pattern.compile("Illegal (DATE|TIME|TIMESTAMP|TIMESTAMP WITH LOCAL TIME ZONE|TIMESTAMP WITH TIME ZONE) literal");
  private static final Pattern INVALID_DATETIME_VALUE = Pattern.compile("Invalid (DATE|TIME|TIMESTAMP) value, '");
  private static final Pattern DATETIME_FIELD_OUT_OF_RANGE = Pattern.compile("Value of [A-Z]+ field is out of range in '");
  private static final Pattern INVALID_CHARACTER_FOR_CAST = Pattern.compile("Invalid character for cast");
  private static final Pattern IDENTIFIER_TOO_LONG =
      Pattern.compile("Length of identifier '.*?' must be less than or equal to [0-9]+ characters", Pattern.DOTALL);
  /** Calcite plans MERGE, then finds no way to run it on an Iceberg table. */
  private static final Pattern UNSUPPORTED_MODIFY =
      Pattern.compile("Unable to implement EnumerableTableModify\\(.*?operation=\\[(?<operation>[A-Z]+)].*", Pattern.DOTALL);
  /** The planner's wrapper of a planner rule's failure, which names the rule and the plan, not the failure. */
  private static final Pattern RULE_FAILED = Pattern.compile("Error while applying rule ");
  /** Calcite planned the statement but has no code for some part of the plan. */
  private static final Pattern UNIMPLEMENTABLE = Pattern.compile("Unable to implement .*", Pattern.DOTALL);

  private SqlStates() {}

  /** The most specific SQLState any exception in the chain tells, HY000 if none does. */
  public static String of(Throwable failure) {
    if (tooDeep(failure)) {
      return "54001";
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String state = direct(t);
      if (state != null) {
        return state;
      }
    }
    return "HY000";
  }

  /**
   * The failure's message, or a plainer one where the failure's own says nothing useful: a
   * statement nested too deeply, MERGE, a DELETE or UPDATE of an unsupported form, an error in a
   * constant Calcite evaluated, a planner rule that failed.
   */
  public static String message(Throwable failure) {
    if (tooDeep(failure)) {
      return "The statement is nested too deeply to parse or plan (the stack overflowed); simplify it,"
          + " for example with fewer nested parentheses or chained operators";
    }
    Matcher modify = UNSUPPORTED_MODIFY.matcher(String.valueOf(failure.getMessage()));
    if (modify.matches()) {
      return modify.group("operation") + " is not supported: s3tables-jdbc changes tables with INSERT, UPDATE, DELETE"
          + " and DDL";
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // The planner wraps it in "Error while applying rule ...", which says nothing to a user.
      if (t instanceof UnsupportedStatementException unsupported) {
        return unsupported.getMessage();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      boolean ruleFailed = t.getCause() != null && RULE_FAILED.matcher(String.valueOf(t.getMessage())).lookingAt();
      if (t.getMessage() != null && !ruleFailed) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private static boolean tooDeep(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StackOverflowError) {
        return true;
      }
    }
    return false;
  }

  private static String direct(Throwable t) {
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState();
    }
    if (t instanceof WriteValueException value) {
      return value.sqlState();
    }
    if (t instanceof ParameterValueException value) {
      return value.sqlState();
    }
    if (t instanceof DdlException ddl) {
      return ddl.sqlState();
    }
    if (t instanceof UnsupportedStatementException) {
      return "0A000";
    }
    if (t instanceof TimeTravelException timeTravel) {
      return timeTravel.sqlState();
    }
    if (t instanceof ControlPlaneException controlPlane) {
      return controlPlane.sqlState();
    }
    if (t instanceof ScanStoppedException stopped) {
      return stopped.timedOut() ? "HYT00" : "HY008";
    }
    if (t instanceof EndpointPolicy.InsecureEndpointException) {
      return "08001";
    }
    String message = String.valueOf(t.getMessage());
    if (IDENTIFIER_TOO_LONG.matcher(message).find()) {
      return "42622";
    }
    if (UNIMPLEMENTABLE.matcher(message).matches()) {
      return "0A000";
    }
    if (t instanceof SqlParseException) {
      return "42000";
    }
    if (t instanceof CalciteException && ILLEGAL_DATETIME_LITERAL.matcher(message).find()
        || t instanceof IllegalArgumentException && INVALID_DATETIME_VALUE.matcher(message).lookingAt()) {
      return "22007";
    }
    if (t instanceof IllegalArgumentException && DATETIME_FIELD_OUT_OF_RANGE.matcher(message).lookingAt()) {
      return "22008";
    }
    if (t instanceof CalciteException && INVALID_CHARACTER_FOR_CAST.matcher(message).lookingAt()) {
      return "22018";
    }
    if (t instanceof SqlValidatorException) {
      if (SCHEMA_NOT_FOUND.matcher(message).matches()) {
        return "3F000";
      }
      if (TABLE_NOT_FOUND.matcher(message).matches()) {
        return "42S02";
      }
      if (COLUMN_NOT_FOUND.matcher(message).matches() || UNKNOWN_TARGET_COLUMN.matcher(message).matches()) {
        return "42S22";
      }
      if (NOT_NULL_WITHOUT_DEFAULT.matcher(message).matches()) {
        return "23502";
      }
      if (COLUMN_COUNT.matcher(message).matches()) {
        return "21S01";
      }
      if (NUMERIC_LITERAL_OUT_OF_RANGE.matcher(message).matches()) {
        return "22003";
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
    if (t instanceof SdkServiceException storage) {
      // Object storage after the retries: refused access is permanent, errors on its side are transient.
      if (storage.statusCode() == 401 || storage.statusCode() == 403) {
        return "28000";
      }
      if (storage.statusCode() >= 500 || storage.isThrottlingException()) {
        return "08006";
      }
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
