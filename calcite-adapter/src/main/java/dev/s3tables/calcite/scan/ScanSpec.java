package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.timetravel.TableVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a scan of one Iceberg table reads: which top-level columns, which rows (a condition over the
 * table's columns that the reader evaluates exactly), and at most how many. Immutable; refined by
 * returning new specs, as Iceberg's own scans are.
 *
 * @param columnNames every top-level column of the table, in order
 * @param projection the table columns the scan returns, as indexes into {@code columnNames}
 * @param filter a condition over the table's columns ({@code $i} is {@code columnNames[i]}), or
 *     null for all rows; may hold prepared-statement parameters, bound at execution
 * @param limit the most rows the scan needs to produce, if any
 * @param version the snapshot the scan reads
 * @param rowIds what follows the projected columns to identify each row, for DELETE and UPDATE
 * @param order with a limit, which rows the scan produces: the first {@code limit} rows in this
 *     order (over the table's columns, {@code $i} is {@code columnNames[i]}), in no order of their own;
 *     null for the first rows the scan happens to read
 */
public record ScanSpec(
    List<String> columnNames,
    int[] projection,
    @Nullable RexNode filter,
    OptionalLong limit,
    TableVersion version,
    RowIds rowIds,
    @Nullable RelCollation order) {
  private static final Pattern INPUT_REF = Pattern.compile("\\$(\\d+)");

  public ScanSpec {
    columnNames = List.copyOf(requireNonNull(columnNames, "columnNames"));
    projection = requireNonNull(projection, "projection").clone();
    requireNonNull(limit, "limit");
    requireNonNull(version, "version");
    requireNonNull(rowIds, "rowIds");
    if (order != null && (limit.isEmpty() || order.getFieldCollations().isEmpty())) {
      throw new IllegalArgumentException("an order needs a limit and a key: " + order + ", " + limit);
    }
    for (int column : projection) {
      if (column < 0 || column >= columnNames.size()) {
        throw new IllegalArgumentException("projection " + Arrays.toString(projection) + " outside " + columnNames);
      }
    }
  }

  public ScanSpec(
      List<String> columnNames, int[] projection, @Nullable RexNode filter, OptionalLong limit, TableVersion version) {
    this(columnNames, projection, filter, limit, version, RowIds.NONE, null);
  }

  /** A scan of all columns and all rows of a version of the table. */
  public static ScanSpec all(List<String> columnNames, TableVersion version) {
    int[] identity = new int[columnNames.size()];
    Arrays.setAll(identity, i -> i);
    return new ScanSpec(columnNames, identity, null, OptionalLong.empty(), version);
  }

  @Override
  public int[] projection() {
    return projection.clone();
  }

  /** The names of the columns the scan returns, in order. */
  public List<String> projectedNames() {
    List<String> names = new ArrayList<>(projection.length);
    for (int column : projection) {
      names.add(columnNames.get(column));
    }
    return names;
  }

  /**
   * Keeps only these of the returned columns: {@code fields[i]} indexes the current projection. The
   * row ids stay after them; they are not among the fields.
   */
  public ScanSpec project(int[] fields) {
    int[] columns = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      columns[i] = projection[fields[i]];
    }
    return new ScanSpec(columnNames, columns, filter, limit, version, rowIds, order);
  }

  /** The same scan with these row ids after its columns. */
  public ScanSpec withRowIds(RowIds ids) {
    return new ScanSpec(columnNames, projection, filter, limit, version, ids, order);
  }

  /** Adds a condition (over the table's columns) that rows must also meet. */
  public ScanSpec filter(RexNode condition, RexBuilder rexBuilder) {
    RexNode combined = filter == null ? condition : RexUtil.composeConjunction(rexBuilder, List.of(filter, condition));
    return new ScanSpec(columnNames, projection, combined, limit, version, rowIds, order);
  }

  /** Stops after this many rows, or fewer if the spec already stops sooner. */
  public ScanSpec limit(long rows) {
    if (order != null) {
      throw new IllegalStateException("the scan already produces its first rows in an order: " + this);
    }
    long capped = limit.isPresent() ? Math.min(limit.getAsLong(), rows) : rows;
    return new ScanSpec(columnNames, projection, filter, OptionalLong.of(capped), version, rowIds, null);
  }

  /**
   * Produces only the first {@code rows} rows in {@code order}, a collation over the table's
   * columns; a scan that already stops at a limit has no first rows to choose among.
   */
  public ScanSpec first(long rows, RelCollation firstBy) {
    if (limit.isPresent()) {
      throw new IllegalStateException("the scan already stops at a limit: " + this);
    }
    return new ScanSpec(columnNames, projection, filter, OptionalLong.of(rows), version, rowIds, requireNonNull(firstBy, "firstBy"));
  }

  /** The names of the columns of the order's keys, in the order's order. */
  public List<String> orderNames() {
    List<String> names = new ArrayList<>();
    if (order != null) {
      for (RelFieldCollation key : order.getFieldCollations()) {
        names.add(columnNames.get(key.getFieldIndex()));
      }
    }
    return names;
  }

  /** The same scan of another version of the table, whose columns are the same. */
  public ScanSpec at(TableVersion newVersion) {
    return new ScanSpec(columnNames, projection, filter, limit, newVersion, rowIds, order);
  }

  /** The filter with column names in place of input references, as EXPLAIN shows it. */
  public @Nullable String filterText() {
    if (filter == null) {
      return null;
    }
    String text = filter.toString();
    StringBuilder named = new StringBuilder(text.length());
    boolean inLiteral = false;
    Matcher ref = INPUT_REF.matcher(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        inLiteral = !inLiteral;
      }
      if (!inLiteral && c == '$' && ref.region(i, text.length()).lookingAt()) {
        named.append(columnNames.get(Integer.parseInt(ref.group(1))));
        i = ref.end() - 1;
      } else {
        named.append(c);
      }
    }
    return named.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScanSpec that
        && columnNames.equals(that.columnNames)
        && Arrays.equals(projection, that.projection)
        && java.util.Objects.equals(filter, that.filter)
        && limit.equals(that.limit)
        && version.equals(that.version)
        && rowIds == that.rowIds
        && java.util.Objects.equals(order, that.order);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(columnNames, Arrays.hashCode(projection), filter, limit, version, rowIds, order);
  }

  @Override
  public String toString() {
    return "ScanSpec[columns=" + projectedNames() + ", filter=" + filterText() + ", limit=" + limit
        + ", version=" + version + ", rowIds=" + rowIds + (order == null ? "" : ", order=" + order) + "]";
  }
}
