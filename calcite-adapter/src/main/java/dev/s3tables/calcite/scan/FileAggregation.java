package dev.s3tables.calcite.scan;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The groups of one data file's rows and their partial aggregates ({@link PartialAggregateSpec}),
 * added row by row on the file's reader thread. Sums run on unscaled longs and carry what a long
 * cannot hold in a BigDecimal, so every partial sum is exact. One per file read; not thread-safe.
 */
final class FileAggregation implements FileRead.RowFold {
  /** After this many rows of one file that a long cannot hold, a sum is computed with BigDecimal only. */
  private static final int OVERFLOWS_BEFORE_EXACT = 64;

  private final int[] keys;
  private final List<PartialAggregateSpec.Call> calls;
  /** Per call, the program of its term, or null for COUNT of a column or of all rows. */
  private final DecimalProgram[] programs;
  // Per call, as arrays: this runs for every call of every row.
  private final boolean[] sums;
  private final int[] scales;
  private final int[] countedColumns;
  private final int[] overflows;
  private final Map<Key, Group> groups = new HashMap<>();
  private final Key probe;
  /** The group of the row before, which the next row often belongs to too. */
  private @Nullable Group lastGroup;

  FileAggregation(PartialAggregateSpec spec) {
    this.keys = spec.keys().stream().mapToInt(Integer::intValue).toArray();
    this.calls = spec.calls();
    this.programs = calls.stream().map(c -> c.term() == null ? null : new DecimalProgram(c.term()))
        .toArray(DecimalProgram[]::new);
    this.sums = new boolean[calls.size()];
    this.scales = new int[calls.size()];
    this.countedColumns = new int[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      PartialAggregateSpec.Call call = calls.get(i);
      sums[i] = call.function() == PartialAggregateSpec.Function.SUM;
      scales[i] = call.term() == null ? 0 : call.term().scale();
      countedColumns[i] = call.column();
    }
    this.overflows = new int[calls.size()];
    this.probe = new Key(new Object[keys.length]);
  }

  @Override
  public void add(Object[] row) {
    for (int i = 0; i < keys.length; i++) {
      probe.values[i] = row[keys[i]];
    }
    Group group = lastGroup;
    if (group == null || !Arrays.equals(probe.values, group.key.values)) {
      probe.hash = Arrays.hashCode(probe.values);
      group = groups.get(probe);
      if (group == null) {
        Key key = new Key(probe.values.clone());
        group = new Group(key, calls.size());
        groups.put(key, group);
      }
      lastGroup = group;
    }
    for (int i = 0; i < sums.length; i++) {
      if (sums[i]) {
        sum(group, i, programs[i], row);
      } else if (programs[i] != null ? !programs[i].isNull(row) : countedColumns[i] < 0 || row[countedColumns[i]] != null) {
        group.counts[i]++;
      }
    }
  }

  private void sum(Group group, int call, DecimalProgram program, Object[] row) {
    if (overflows[call] < OVERFLOWS_BEFORE_EXACT) {
      try {
        long value = program.unscaled(row);
        if (value != DecimalProgram.NULL) {
          group.add(call, value, scales[call]);
        }
        return;
      } catch (ArithmeticException e) {
        overflows[call]++;
      }
    }
    BigDecimal value = program.term().exact(row);
    if (value != null) {
      group.addExact(call, value);
    }
  }

  @Override
  public Object[][] rows() {
    Object[][] rows = new Object[groups.size()][];
    int n = 0;
    for (Group group : groups.values()) {
      Object[] row = Arrays.copyOf(group.key.values, keys.length + calls.size());
      for (int i = 0; i < calls.size(); i++) {
        PartialAggregateSpec.Call call = calls.get(i);
        row[keys.length + i] = switch (call.function()) {
          case COUNT -> group.counts[i];
          case SUM -> group.sum(i, call.term().scale());
        };
      }
      rows[n++] = row;
    }
    return rows;
  }

  /** Group keys compared as SQL's GROUP BY compares them in Calcite's runtime: by equals, NULL equal to NULL. */
  private static final class Key {
    private final Object[] values;
    private int hash;

    Key(Object[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && hash == key.hash && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One group's running aggregates, by call: a long sum plus what overflowed it, or a count. */
  private static final class Group {
    private final Key key;
    private final long[] counts;
    private final long[] sums;
    private final BigDecimal[] carried;
    private final boolean[] summed;

    Group(Key key, int calls) {
      this.key = key;
      counts = new long[calls];
      sums = new long[calls];
      carried = new BigDecimal[calls];
      summed = new boolean[calls];
    }

    void add(int call, long value, int scale) {
      long sum = sums[call];
      long result = sum + value;
      if (((sum ^ result) & (value ^ result)) < 0) {
        addExact(call, BigDecimal.valueOf(value, scale));
      } else {
        sums[call] = result;
        summed[call] = true;
      }
    }

    void addExact(int call, BigDecimal value) {
      carried[call] = carried[call] == null ? value : carried[call].add(value);
      summed[call] = true;
    }

    /** The exact sum at the term's scale, or null if no value was summed. */
    BigDecimal sum(int call, int scale) {
      if (!summed[call]) {
        return null;
      }
      BigDecimal sum = BigDecimal.valueOf(sums[call], scale);
      return carried[call] == null ? sum : sum.add(carried[call]);
    }
  }
}
