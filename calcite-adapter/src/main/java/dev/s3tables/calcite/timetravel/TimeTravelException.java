package dev.s3tables.calcite.timetravel;

import java.util.List;

/**
 * A time-travel read that cannot be answered, with the SQLState that tells a tool why: 42S02 for a
 * snapshot id, branch or tag the table does not have, 22023 for a time before the table's first
 * snapshot (or a table without snapshots), 22004 for a NULL time, 0A000 for a period that is
 * neither a constant nor a parameter, 42000 for a write to a snapshot or time travel from one.
 */
public final class TimeTravelException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String sqlState;

  private TimeTravelException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }

  static TimeTravelException unknownSnapshot(String table, long id) {
    return new TimeTravelException("42S02", "Table " + table + " has no snapshot " + id + " (never made, or expired)");
  }

  static TimeTravelException unknownRef(String table, String ref) {
    return new TimeTravelException("42S02", "Table " + table + " has no branch or tag '" + ref
        + "': write " + table + "@<snapshot id> or " + table + "@<branch or tag>");
  }

  static TimeTravelException refMoved(String table, String ref, List<String> planned, List<String> now) {
    return new TimeTravelException("40001", "Branch or tag '" + ref + "' of table " + table
        + " moved to a snapshot with other columns after the statement was planned (planned " + planned + ", now "
        + now + "); prepare the statement again");
  }

  static TimeTravelException noSnapshots(String table) {
    return new TimeTravelException("22023", "Table " + table + " has no snapshots yet, so there is no version to read");
  }

  static TimeTravelException beforeFirstSnapshot(String table, long epochMillis, long firstMillis) {
    return new TimeTravelException("22023", "Table " + table + " had no snapshot "
        + new TableVersion.AsOfTime(epochMillis) + ": its first snapshot is from "
        + TableVersion.AsOfTime.utc(firstMillis) + " (times without a zone are UTC)");
  }

  static TimeTravelException nullTime(String table) {
    return new TimeTravelException("22004", "FOR SYSTEM_TIME AS OF NULL: table " + table + " needs a time");
  }

  public static TimeTravelException unsupportedPeriod(String table, String period) {
    return new TimeTravelException("0A000", "FOR SYSTEM_TIME AS OF " + period + " on " + table
        + ": the time must be a TIMESTAMP literal or a parameter");
  }

  public static TimeTravelException alreadyPinned(String table, TableVersion version) {
    return new TimeTravelException("42000", "FOR SYSTEM_TIME AS OF cannot apply to table " + table + " at " + version
        + ", which is one version already");
  }

  public static TimeTravelException readOnly(String table, TableVersion version) {
    return new TimeTravelException("42000", "Table " + table + " at " + version + " is read-only: write to "
        + table + " itself");
  }
}
