package dev.s3tables.calcite.scan;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
  private final int[] overflows;
  private final Map<Key, Group> groups = new HashMap<>();
  private final Key probe;

  FileAggregation(PartialAggregateSpec spec) {
    this.keys = spec.keys().stream().mapToInt(Integer::intValue).toArray();
    this.calls = spec.calls();
    this.overflows = new int[calls.size()];
    this.probe = new Key(new Object[keys.length]);
  }

  @Override
  public void add(Object[] row) {
    for (int i = 0; i < keys.length; i++) {
      probe.values[i] = row[keys[i]];
    }
    probe.hash = Arrays.hashCode(probe.values);
    Group group = groups.get(probe);
    if (group == null) {
      group = new Group(calls.size());
      groups.put(new Key(probe.values.clone()), group);
    }
    for (int i = 0; i < calls.size(); i++) {
      PartialAggregateSpec.Call call = calls.get(i);
      switch (call.function()) {
        case COUNT -> {
          if (call.term() != null ? !call.term().isNull(row) : call.column() < 0 || row[call.column()] != null) {
            group.counts[i]++;
          }
        }
        case SUM -> sum(group, i, call.term(), row);
      }
    }
  }

  private void sum(Group group, int call, DecimalTerm term, Object[] row) {
    if (overflows[call] < OVERFLOWS_BEFORE_EXACT) {
      try {
        long value = term.unscaled(row);
        if (value != DecimalTerm.NULL) {
          group.add(call, value, term.scale());
        }
        return;
      } catch (ArithmeticException e) {
        overflows[call]++;
      }
    }
    BigDecimal value = term.exact(row);
    if (value != null) {
      group.addExact(call, value);
    }
  }

  @Override
  public Object[][] rows() {
    Object[][] rows = new Object[groups.size()][];
    int n = 0;
    for (Map.Entry<Key, Group> entry : groups.entrySet()) {
      Object[] row = Arrays.copyOf(entry.getKey().values, keys.length + calls.size());
      Group group = entry.getValue();
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
    private final long[] counts;
    private final long[] sums;
    private final BigDecimal[] carried;
    private final boolean[] summed;

    Group(int calls) {
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
