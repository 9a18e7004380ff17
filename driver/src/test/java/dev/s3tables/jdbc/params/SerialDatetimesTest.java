package dev.s3tables.jdbc.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialDatetimes} gives exactly what Avatica's setters compute, for dates and timestamps
 * from the year 1 to 2200, around every offset change of the zones involved, for wall-clock
 * times that fall into a gap or an overlap, with the JVM's default zone and the calendar's zone
 * each one of several (among them zones with half-hour and 45-minute offsets, a 30-minute DST, a
 * negative DST and a skipped day), also when the default zone is not the one Avatica saw first.
 */
class SerialDatetimesTest {
  private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Amsterdam", "Asia/Kolkata",
      "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo", "Asia/Kathmandu", "Europe/Dublin", "GMT+05:30");

  @Test
  void givesWhatAvaticaGivesForEveryZoneAndInstant() {
    TimeZone saved = TimeZone.getDefault();
    try {
      int compared = 0;
      for (String defaultZone : ZONES) {
        TimeZone.setDefault(TimeZone.getTimeZone(defaultZone));
        for (String calendarZone : ZONES) {
          TimeZone zone = TimeZone.getTimeZone(calendarZone);
          for (long time : instants(defaultZone, calendarZone)) {
            compare(time, zone);
            compared++;
          }
          for (LocalDateTime wallClock : wallClocksAroundTransitions(defaultZone)) {
            compare(Date.valueOf(wallClock.toLocalDate()), Timestamp.valueOf(wallClock), zone);
            compared++;
          }
        }
      }
      assertThat(compared).isGreaterThan(500_000);
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  private static void compare(long time, TimeZone zone) {
    Timestamp timestamp = new Timestamp(time);
    timestamp.setNanos((int) Math.floorMod(time, 1000L) * 1_000_000 + (int) Math.floorMod(time * 7919, 1_000_000L));
    compare(new Date(time), timestamp, zone);
  }

  private static void compare(Date date, Timestamp timestamp, TimeZone zone) {
    String at = " at " + timestamp + " (" + timestamp.getTime() + ") in " + TimeZone.getDefault().getID() + " for "
        + zone.getID();
    assertThat(outcome(() -> SerialDatetimes.date(date, zone))).as("date" + at)
        .isEqualTo(outcome(() -> DateTimeUtils.sqlDateToUnixDate(date, zone)));
    assertThat(outcome(() -> SerialDatetimes.timestamp(timestamp, zone))).as("timestamp" + at)
        .isEqualTo(outcome(() -> DateTimeUtils.sqlTimestampToUnixTimestamp(timestamp, zone)));
  }

  /** The value, or the failure (Avatica fails on a Julian leap day that ISO does not have). */
  private static String outcome(Supplier<Object> value) {
    try {
      return String.valueOf(value.get());
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  /** Random instants from the year 1 to 2200, and instants around each offset change of both zones. */
  private static List<Long> instants(String defaultZone, String calendarZone) {
    List<Long> instants = new ArrayList<>();
    Random random = new Random(defaultZone.hashCode() * 31L + calendarZone.hashCode());
    long first = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 3_000; i++) {
      instants.add(first + (long) (random.nextDouble() * (last - first)));
    }
    for (long edge : new long[] {-11_676_096_000_000L, -12_219_292_800_000L, 0L}) {
      for (long delta = -2 * 86_400_000L; delta <= 2 * 86_400_000L; delta += 3_600_000L) {
        instants.add(edge + delta);
        instants.add(edge + delta - 1);
      }
    }
    for (String zoneId : List.of(defaultZone, calendarZone)) {
      for (ZoneOffsetTransition transition : transitions(zoneId)) {
        long at = transition.getInstant().toEpochMilli();
        for (long delta : new long[] {-3_600_001L, -1_000L, -1L, 0L, 1L, 999L, 1_000L, 3_600_000L}) {
          instants.add(at + delta);
        }
      }
    }
    return instants;
  }

  /** Wall-clock times just before, inside and after each gap and overlap of the zone. */
  private static List<LocalDateTime> wallClocksAroundTransitions(String zoneId) {
    List<LocalDateTime> wallClocks = new ArrayList<>();
    for (ZoneOffsetTransition transition : transitions(zoneId)) {
      LocalDateTime before = transition.getDateTimeBefore();
      for (long minutes : new long[] {-1, 0, 1, 15, 29, 30, 31, 59, 60, 61}) {
        wallClocks.add(before.plusMinutes(minutes).withNano(123_456_789));
      }
    }
    return wallClocks;
  }

  private static List<ZoneOffsetTransition> transitions(String zoneId) {
    ZoneRules rules = ZoneId.of(zoneId).getRules();
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    Instant end = Instant.parse("2100-01-01T00:00:00Z");
    ZoneOffsetTransition next = rules.nextTransition(Instant.parse("1600-01-01T00:00:00Z"));
    while (next != null && next.getInstant().isBefore(end)) {
      transitions.add(next);
      next = rules.nextTransition(next.getInstant());
    }
    return transitions;
  }
}
