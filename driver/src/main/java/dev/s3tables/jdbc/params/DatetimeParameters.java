package dev.s3tables.jdbc.params;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

/**
 * DATE, TIME and TIMESTAMP parameters in Calcite's representation (days, milliseconds of the day,
 * milliseconds since 1970) from what JDBC sets: java.sql values (already in that representation,
 * converted with the statement's calendar by Avatica), java.time values and text.
 *
 * <p>A LocalDateTime, and timestamp text, is a wall-clock time, read as a java.sql.Timestamp of the
 * same wall clock is: a TIMESTAMP keeps it, and a TIMESTAMP WITH LOCAL TIME ZONE takes it as UTC.
 * An OffsetDateTime, ZonedDateTime or Instant is an instant: a TIMESTAMP WITH LOCAL TIME ZONE keeps
 * it, a TIMESTAMP takes its UTC wall clock. Digits below the millisecond are dropped, as TIME(3)
 * and TIMESTAMP(3) have none.
 */
final class DatetimeParameters {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final Pattern DATE = Pattern.compile("(-?\\d{1,9})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
  private static final Pattern TIMESTAMP = Pattern.compile(DATE.pattern() + "(?:[ T]" + TIME.pattern() + ")?");

  private DatetimeParameters() {}

  static int date(Target target, Rep rep, Object value) {
    long days;
    if (value instanceof Integer sqlDate && rep == Rep.JAVA_SQL_DATE) {
      days = sqlDate;
    } else if (value instanceof Long millis && isTimestamp(rep)) {
      days = Math.floorDiv(millis, MILLIS_PER_DAY);
    } else if (value instanceof LocalDate date) {
      days = date.toEpochDay();
    } else if (value instanceof LocalDateTime dateTime) {
      days = dateTime.toLocalDate().toEpochDay();
    } else if (value instanceof String text) {
      days = parseDate(target, text).toEpochDay();
    } else {
      throw target.notConvertible(value);
    }
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      throw target.outOfRange(value);
    }
    return (int) days;
  }

  static int time(Target target, Rep rep, Object value) {
    if (value instanceof Integer millis && rep == Rep.JAVA_SQL_TIME) {
      return millis;
    } else if (value instanceof Long millis && isTimestamp(rep)) {
      return (int) Math.floorMod(millis, MILLIS_PER_DAY);
    } else if (value instanceof LocalTime time) {
      return millisOfDay(time);
    } else if (value instanceof LocalDateTime dateTime) {
      return millisOfDay(dateTime.toLocalTime());
    } else if (value instanceof String text) {
      return millisOfDay(parseTime(target, text));
    }
    throw target.notConvertible(value);
  }

  /** A TIMESTAMP or TIMESTAMP WITH LOCAL TIME ZONE (see the class comment). */
  static long timestamp(Target target, Rep rep, Object value) {
    try {
      if (value instanceof Long millis && isTimestamp(rep)) {
        return millis;
      } else if (value instanceof Integer days && rep == Rep.JAVA_SQL_DATE) {
        return days * MILLIS_PER_DAY;
      } else if (value instanceof LocalDate date) {
        return Math.multiplyExact(date.toEpochDay(), MILLIS_PER_DAY);
      } else if (value instanceof LocalDateTime dateTime) {
        return dateTime.toInstant(ZoneOffset.UTC).toEpochMilli();
      } else if (value instanceof OffsetDateTime dateTime) {
        return dateTime.toInstant().toEpochMilli();
      } else if (value instanceof ZonedDateTime dateTime) {
        return dateTime.toInstant().toEpochMilli();
      } else if (value instanceof Instant instant) {
        return instant.toEpochMilli();
      } else if (value instanceof String text) {
        return parseTimestamp(target, text).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
    } catch (ArithmeticException e) {
      throw target.outOfRange(value);
    }
    throw target.notConvertible(value);
  }

  private static boolean isTimestamp(Rep rep) {
    return rep == Rep.JAVA_SQL_TIMESTAMP || rep == Rep.JAVA_UTIL_DATE;
  }

  private static int millisOfDay(LocalTime time) {
    return (int) (time.toNanoOfDay() / 1_000_000L);
  }

  private static LocalDate parseDate(Target target, String text) {
    Matcher m = matcher(target, DATE, "DATE", text);
    return field(target, "DATE", text, () -> date(m));
  }

  private static LocalTime parseTime(Target target, String text) {
    Matcher m = matcher(target, TIME, "TIME", text);
    return field(target, "TIME", text, () -> time(m, 1));
  }

  private static LocalDateTime parseTimestamp(Target target, String text) {
    Matcher m = matcher(target, TIMESTAMP, "TIMESTAMP", text);
    return field(target, "TIMESTAMP", text,
        () -> date(m).atTime(m.group(4) == null ? LocalTime.MIDNIGHT : time(m, 4)));
  }

  private static Matcher matcher(Target target, Pattern pattern, String type, String text) {
    Matcher m = pattern.matcher(text.strip());
    if (!m.matches()) {
      throw target.error("22007", "Invalid " + type + " value, '" + text + "'");
    }
    return m;
  }

  private static LocalDate date(Matcher m) {
    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  private static LocalTime time(Matcher m, int first) {
    String seconds = m.group(first + 2);
    String fraction = m.group(first + 3);
    return LocalTime.of(Integer.parseInt(m.group(first)), Integer.parseInt(m.group(first + 1)),
        seconds == null ? 0 : Integer.parseInt(seconds),
        fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)));
  }

  /** Text of the right form whose fields are out of range (month 13, hour 25) fails with 22008. */
  private static <T> T field(Target target, String type, String text, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (DateTimeException e) {
      throw target.error("22008", "Value of a field is out of range in " + type + " '" + text + "'");
    }
  }
}
