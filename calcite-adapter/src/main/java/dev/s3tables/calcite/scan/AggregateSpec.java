package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Aggregates without GROUP BY over the rows a scan selects, as one row: what an aggregate answered
 * from Iceberg metadata computes. Immutable.
 *
 * @param scan the rows: its filter and columns count, its projection does not; never limited
 * @param calls the aggregates, in the order of the row's fields
 */
public record AggregateSpec(ScanSpec scan, List<Call> calls) {

  /** The aggregate functions metadata can answer. */
  public enum Function {
    /** COUNT(*): rows. */
    COUNT_ROWS,
    /** COUNT(column): rows where the column is not NULL. */
    COUNT,
    MIN,
    MAX
  }

  /**
   * One aggregate.
   *
   * @param column the table column it aggregates, as an index into the scan's column names; -1 for
   *     COUNT(*)
   */
  public record Call(Function function, int column) {
    public Call {
      requireNonNull(function, "function");
      if ((function == Function.COUNT_ROWS) != (column == -1)) {
        throw new IllegalArgumentException(function + " of column " + column);
      }
    }

    public static Call countRows() {
      return new Call(Function.COUNT_ROWS, -1);
    }
  }

  public AggregateSpec {
    requireNonNull(scan, "scan");
    calls = List.copyOf(requireNonNull(calls, "calls"));
    if (scan.limit().isPresent()) {
      throw new IllegalArgumentException("An aggregate counts every row, not the first: " + scan);
    }
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("No aggregates");
    }
    for (Call call : calls) {
      if (call.column() >= scan.columnNames().size()) {
        throw new IllegalArgumentException(call + " outside " + scan.columnNames());
      }
    }
  }

  /** The name of the table column a call aggregates; null for COUNT(*). */
  public @Nullable String columnName(Call call) {
    return call.column() < 0 ? null : scan.columnNames().get(call.column());
  }

  /** The scan that reads what the aggregates need when metadata cannot answer: their columns, in table order. */
  public ScanSpec rowsToRead() {
    return new ScanSpec(scan.columnNames(), readColumns(), scan.filter(), OptionalLong.empty(), scan.version());
  }

  /** For each call, the position of its column in the rows of {@link #rowsToRead()}; -1 for COUNT(*). */
  int[] positionsInRowsRead() {
    List<Integer> columns = new ArrayList<>();
    for (int column : readColumns()) {
      columns.add(column);
    }
    int[] positions = new int[calls.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = columns.indexOf(calls.get(i).column());
    }
    return positions;
  }

  private int[] readColumns() {
    TreeSet<Integer> columns = new TreeSet<>();
    for (Call call : calls) {
      if (call.column() >= 0) {
        columns.add(call.column());
      }
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The calls as EXPLAIN shows them, such as {@code COUNT(*)} or {@code MIN(l_shipdate)}. */
  public List<String> callsText() {
    List<String> texts = new ArrayList<>(calls.size());
    for (Call call : calls) {
      String function = call.function() == Function.COUNT_ROWS ? "COUNT" : call.function().name();
      texts.add(function + "(" + (call.column() < 0 ? "*" : columnName(call)) + ")");
    }
    return texts;
  }

  /** Whether some call needs column metrics (null counts, bounds) beyond record counts. */
  public boolean needsColumnMetrics() {
    return calls.stream().anyMatch(call -> call.function() != Function.COUNT_ROWS);
  }

  @Override
  public String toString() {
    return "AggregateSpec[" + callsText() + " of " + scan + "]";
  }
}
