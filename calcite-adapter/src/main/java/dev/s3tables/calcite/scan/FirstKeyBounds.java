package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.calcite.types.UnsupportedTypePolicy;
import dev.s3tables.calcite.types.ValueConverter;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the column metrics of each data file say about the first sort key of a scan of first rows:
 * the best key any of the file's rows can have (its upper bound for a descending key, its lower
 * bound for an ascending one), so that files are read best first, and a file is skipped once the
 * rows kept all come strictly before that best key. Only for keys whose bounds are exact and
 * ordered as Calcite orders the values (integers, decimals, dates, times and timestamps): string
 * bounds are truncated and compared by bytes, and float bounds leave out NaN.
 */
final class FirstKeyBounds {
  private static final Set<Type.TypeID> EXACT_BOUNDS = Set.of(Type.TypeID.INTEGER, Type.TypeID.LONG,
      Type.TypeID.DECIMAL, Type.TypeID.DATE, Type.TypeID.TIME, Type.TypeID.TIMESTAMP, Type.TypeID.TIMESTAMP_NANO);

  private final Types.NestedField column;
  private final ValueConverter converter;
  private final boolean descending;
  private final boolean nullsFirst;

  private FirstKeyBounds(Types.NestedField column, RelFieldCollation key) {
    this.column = column;
    this.converter = RowConverter.valueConverter(column.name(), column.type(), UnsupportedTypePolicy.FAIL);
    this.descending = key.getDirection() == RelFieldCollation.Direction.DESCENDING;
    // As Calcite's comparator places them: first exactly when the collation says FIRST.
    this.nullsFirst = key.nullDirection == RelFieldCollation.NullDirection.FIRST;
  }

  /** The bounds of the spec's first key in {@code schema}, if its type has exact ones. */
  static Optional<FirstKeyBounds> of(Schema schema, ScanSpec spec) {
    RelFieldCollation key = requireNonNull(spec.order(), "order").getFieldCollations().get(0);
    Types.NestedField column = schema.asStruct().field(spec.columnNames().get(key.getFieldIndex()));
    return column != null && EXACT_BOUNDS.contains(column.type().typeId())
        ? Optional.of(new FirstKeyBounds(column, key))
        : Optional.empty();
  }

  String columnName() {
    return column.name();
  }

  /** Files with unknown bounds first, then the files whose best key is best. */
  Comparator<FileScanTask> bestFirst() {
    Comparator<Comparable<Object>> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return Comparator.comparing(this::best, Comparator.nullsFirst(values));
  }

  /**
   * Whether no row of the task's file can come before a row whose first key is {@code worstKept}
   * (in the row format, null for NULL): then a scan that already keeps enough rows skips the file.
   */
  boolean cannotPrecede(FileScanTask task, @Nullable Object worstKept) {
    ContentFile<?> file = task.file();
    Long nulls = file.nullValueCounts() == null ? null : file.nullValueCounts().get(column.fieldId());
    boolean noNulls = nulls != null && nulls == 0;
    if (worstKept == null) {
      // NULL first: only the file's NULLs could tie with it. NULL last: every value comes before it.
      return nullsFirst && noNulls;
    }
    Comparable<Object> best = best(task);
    if (best == null || (nullsFirst && !noNulls)) {
      return false;
    }
    int compared = best.compareTo(worstKept);
    return descending ? compared < 0 : compared > 0;
  }

  @SuppressWarnings("unchecked")
  private @Nullable Comparable<Object> best(FileScanTask task) {
    Map<Integer, ByteBuffer> bounds = descending ? task.file().upperBounds() : task.file().lowerBounds();
    ByteBuffer bound = bounds == null ? null : bounds.get(column.fieldId());
    return bound == null ? null : (Comparable<Object>) converter.convert(Conversions.fromByteBuffer(column.type(), bound.duplicate()));
  }
}
