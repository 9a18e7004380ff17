package dev.s3tables.calcite.ddl.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Iceberg partition transforms PARTITIONED BY accepts, spelt as Iceberg and Spark spell them. */
public enum PartitionTransform {
  /** A bare column name. */
  IDENTITY(false),
  /** {@code bucket(n, col)}: a hash of the value modulo n. */
  BUCKET(true),
  /** {@code truncate(w, col)}: values truncated to width w. */
  TRUNCATE(true),
  YEAR(false),
  MONTH(false),
  DAY(false),
  HOUR(false);

  private final boolean takesArgument;

  PartitionTransform(boolean takesArgument) {
    this.takesArgument = takesArgument;
  }

  /** Whether the transform takes a number before the column: bucket(16, col), truncate(4, col). */
  public boolean takesArgument() {
    return takesArgument;
  }

  /**
   * The transform a function name in PARTITIONED BY names, in any case; the time transforms also
   * by their plural (Spark's {@code days(col)}). Identity has no function name.
   */
  public static Optional<PartitionTransform> named(String name) {
    return Arrays.stream(values())
        .filter(t -> t != IDENTITY)
        .filter(t -> t.name().equalsIgnoreCase(name) || (t.isTimeUnit() && (t.name() + "S").equalsIgnoreCase(name)))
        .findFirst();
  }

  private boolean isTimeUnit() {
    return this == YEAR || this == MONTH || this == DAY || this == HOUR;
  }

  /** The name as SQL spells it: {@code bucket}, {@code year}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
