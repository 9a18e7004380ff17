package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.Calendar;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * The java.sql.Date values of one result set's DATE columns, from the days since 1970 Calcite
 * carries, exactly as Avatica makes them for the result set's calendar, with the instant of each
 * recent day remembered: Avatica builds every value through java.util.Date's calendar arithmetic,
 * which took most of the time of reading a table with dates through getObject.
 */
final class SqlDates {
  private static final int SLOTS = 4096;

  private final Calendar calendar;
  private final int[] days = new int[SLOTS];
  private final long[] millis = new long[SLOTS];
  private final boolean[] known = new boolean[SLOTS];

  SqlDates(Calendar calendar) {
    this.calendar = requireNonNull(calendar, "calendar");
  }

  /** A new value each time: java.sql.Date is mutable, so values are never shared. */
  java.sql.Date of(int day) {
    int slot = day & (SLOTS - 1);
    if (!known[slot] || days[slot] != day) {
      millis[slot] = DateTimeUtils.unixDateToSqlDate(day, calendar).getTime();
      days[slot] = day;
      known[slot] = true;
    }
    return new java.sql.Date(millis[slot]);
  }
}
