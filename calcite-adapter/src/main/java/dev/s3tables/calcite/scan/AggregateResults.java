package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.AggregateSpec.Call;
import dev.s3tables.calcite.scan.AggregateSpec.Function;
import java.util.List;

/**
 * The running values of a spec's aggregates, fed either with counts and extremes from metadata or
 * with rows; values are in Calcite's representation (COUNT as Long, MIN and MAX as the column's
 * values), NULL for MIN and MAX of no values.
 */
final class AggregateResults {
  private final List<Call> calls;
  private final long[] counts;
  private final Object[] extremes;

  AggregateResults(AggregateSpec spec) {
    this.calls = requireNonNull(spec, "spec").calls();
    this.counts = new long[calls.size()];
    this.extremes = new Object[calls.size()];
  }

  /** Adds to a COUNT. */
  void count(int call, long count) {
    counts[call] = Math.addExact(counts[call], count);
  }

  /** Offers a non-null value to a MIN or MAX. */
  void offer(int call, Object value) {
    requireNonNull(value, "value");
    Object current = extremes[call];
    boolean min = calls.get(call).function() == Function.MIN;
    if (current == null || (min ? compare(value, current) < 0 : compare(value, current) > 0)) {
      extremes[call] = value;
    }
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    return ((Comparable<Object>) a).compareTo(b);
  }

  /** Adds one row read, whose values for the calls are at {@code positions} (-1 for COUNT(*)). */
  void add(Object[] row, int[] positions) {
    for (int i = 0; i < positions.length; i++) {
      Object value = positions[i] < 0 ? null : row[positions[i]];
      switch (calls.get(i).function()) {
        case COUNT_ROWS -> counts[i]++;
        case COUNT -> counts[i] += value == null ? 0 : 1;
        case MIN, MAX -> {
          if (value != null) {
            offer(i, value);
          }
        }
      }
    }
  }

  /** The aggregates' values, in the order of the calls. */
  Object[] row() {
    Object[] row = new Object[calls.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = switch (calls.get(i).function()) {
        case COUNT_ROWS, COUNT -> counts[i];
        case MIN, MAX -> extremes[i];
      };
    }
    return row;
  }
}
