package dev.s3tables.jdbc.params;

import static java.util.Objects.requireNonNull;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * The serial values Avatica's setters give a {@link Date} (days) and a {@link Timestamp}
 * (milliseconds) for a calendar's zone, computed from the value's instant and three zone offsets
 * instead of through java.util.Date's calendar fields.
 *
 * <p>Avatica takes the value's wall-clock fields in the JVM's default zone (by the calendar of
 * java.util.Date, Julian before October 1582), reads them as UTC, adds the calendar zone's offset
 * and subtracts the offset of the default zone it saw when it was loaded. From 1600 on, the fields
 * are the proleptic Gregorian ones of the instant shifted by the default zone's offset, so the
 * value is {@code time + default offset + zone offset - loaded default offset}, each offset at the
 * instant. Earlier values go through Avatica.
 */
public final class SerialDatetimes {
  /** 1600-01-01T00:00:00Z: every zone's wall clock is in the Gregorian calendar from here on. */
  private static final long GREGORIAN = -11_676_096_000_000L;

  private SerialDatetimes() {}

  /** {@code DateTimeUtils.sqlDateToUnixDate(date, zone)}, as Avatica's setDate computes it. */
  public static int date(Date date, TimeZone zone) {
    requireNonNull(zone, "zone");
    long time = date.getTime();
    if (time < GREGORIAN) {
      return DateTimeUtils.sqlDateToUnixDate(date, zone);
    }
    return (int) (unixMillis(time, zone) / DateTimeUtils.MILLIS_PER_DAY);
  }

  /** {@code DateTimeUtils.sqlTimestampToUnixTimestamp(timestamp, zone)}, as Avatica's setTimestamp computes it. */
  public static long timestamp(Timestamp timestamp, TimeZone zone) {
    requireNonNull(zone, "zone");
    long time = timestamp.getTime();
    if (time < GREGORIAN) {
      return DateTimeUtils.sqlTimestampToUnixTimestamp(timestamp, zone);
    }
    return unixMillis(time, zone);
  }

  private static long unixMillis(long time, TimeZone zone) {
    return time + TimeZone.getDefault().getOffset(time) + zone.getOffset(time) - DateTimeUtils.DEFAULT_ZONE.getOffset(time);
  }
}
