package dev.s3tables.calcite.timetravel;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Which snapshot of an Iceberg table a scan reads, and so with which schema: the current one, one
 * that a {@code "t@..."} name pins (the snapshot's or the ref's schema, as Iceberg's scans give it),
 * or the one current at a time (FOR SYSTEM_TIME AS OF, read with the table's current schema,
 * because Calcite fixes a table's row type before it knows the time). Immutable.
 */
public sealed interface TableVersion {
  /** The table as it is when the statement runs. */
  TableVersion CURRENT = new Current();

  /** Whether a table name pins the version: such a table is read-only and has no other version. */
  default boolean isPinned() {
    return this instanceof SnapshotId || this instanceof Ref;
  }

  /**
   * The version a name suffix selects: all digits is a snapshot id, anything else a branch or tag.
   * Not checked against the table; see {@link TableVersions#pin}.
   */
  static TableVersion ofSuffix(String suffix) {
    requireNonNull(suffix, "suffix");
    if (!suffix.isEmpty() && suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return new SnapshotId(Long.parseLong(suffix));
      } catch (NumberFormatException e) {
        // More digits than a long holds: no snapshot has that id, so it can only name a ref.
      }
    }
    return new Ref(suffix);
  }

  /** The current snapshot. */
  record Current() implements TableVersion {
    @Override
    public String toString() {
      return "current";
    }
  }

  /** One snapshot by its id. */
  record SnapshotId(long id) implements TableVersion {
    @Override
    public String toString() {
      return "snapshot " + id;
    }
  }

  /** The snapshot a branch or tag points at when the statement runs. */
  record Ref(String name) implements TableVersion {
    public Ref {
      requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return "ref " + name;
    }
  }

  /** The snapshot current at a point in time, given as a constant or as a statement parameter. */
  sealed interface AsOf extends TableVersion permits AsOfTime, AsOfParameter {}

  /** The snapshot current at this many milliseconds after the epoch. */
  record AsOfTime(long epochMillis) implements AsOf {
    private static final DateTimeFormatter UTC =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public String toString() {
      return "as of " + utc(epochMillis);
    }

    /** The instant as a UTC wall-clock time with milliseconds, and the zone. */
    static String utc(long epochMillis) {
      return UTC.format(Instant.ofEpochMilli(epochMillis));
    }
  }

  /** The snapshot current at the time bound to statement parameter {@code index} (zero-based). */
  record AsOfParameter(int index) implements AsOf {
    @Override
    public String toString() {
      return "as of ?" + index;
    }
  }
}
