package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Aggregates computed per data file while the scan reads it, on the reader's thread: for each
 * group of the file's rows, the group's keys and one partial value per call, which an aggregate
 * above combines (a SUM of the partial sums, a SUM of the counts). Immutable.
 *
 * @param scan the rows read: filter, snapshot and the columns the keys and calls use; never limited
 * @param keys the grouping columns, as positions in the scan's rows
 * @param calls the partial aggregates, in the order of the partial row's fields after the keys
 */
public record PartialAggregateSpec(ScanSpec scan, List<Integer> keys, List<Call> calls) {
  public PartialAggregateSpec {
    requireNonNull(scan, "scan");
    keys = List.copyOf(keys);
    calls = List.copyOf(calls);
    if (scan.limit().isPresent() || scan.rowIds() != RowIds.NONE) {
      throw new IllegalArgumentException("a partial aggregate reads every row of its scan: " + scan);
    }
  }

  /** What a call computes per group of a file's rows. */
  public enum Function {
    /** The exact sum of a DECIMAL term over the rows where it is not NULL, NULL if there are none. */
    SUM,
    /** The rows where the column or the term is not NULL, or all rows for COUNT(*); never NULL. */
    COUNT
  }

  /**
   * One partial aggregate.
   *
   * @param term for SUM, what is summed; for COUNT of a DECIMAL expression, what is counted
   * @param column for COUNT of a column, its position in the scan's rows; otherwise -1
   */
  public record Call(Function function, @Nullable DecimalTerm term, int column) {
    public Call {
      requireNonNull(function, "function");
      if (function == Function.SUM && term == null || column < -1 || term != null && column != -1) {
        throw new IllegalArgumentException(function + " of " + term + ", column " + column);
      }
    }

    public static Call sum(DecimalTerm term) {
      return new Call(Function.SUM, requireNonNull(term, "term"), -1);
    }

    public static Call count(DecimalTerm term) {
      return new Call(Function.COUNT, requireNonNull(term, "term"), -1);
    }

    /** COUNT of the column at this position, or COUNT(*) for -1. */
    public static Call count(int column) {
      return new Call(Function.COUNT, null, column);
    }
  }
}
