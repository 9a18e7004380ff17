package dev.s3tables.calcite.scan;

/** The powers of ten a long holds. */
final class TenPowers {
  /** 10^0 to 10^18; never written. */
  static final long[] LONG = new long[19];

  static {
    LONG[0] = 1;
    for (int i = 1; i < LONG.length; i++) {
      LONG[i] = LONG[i - 1] * 10;
    }
  }

  private TenPowers() {}
}
