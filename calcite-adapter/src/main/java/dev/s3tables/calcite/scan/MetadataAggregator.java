package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.AggregateSpec.Call;
import dev.s3tables.calcite.scan.AggregateSpec.Function;
import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.calcite.types.UnsupportedTypePolicy;
import dev.s3tables.calcite.types.ValueConverter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Adds data files' metadata into aggregates: record counts for COUNT(*), record counts less null
 * counts for COUNT(column), lower and upper bounds for MIN and MAX. A file is answered only when
 * that is exact: it has no delete files and its residual filter is {@code true} (the partition
 * values decide the filter for every row), and it has the metrics each call needs.
 */
public final class MetadataAggregator {
  /** Types whose Iceberg bounds are the exact least and greatest values, never truncated. */
  private static final Set<Type.TypeID> EXACT_BOUNDS =
      Set.of(Type.TypeID.INTEGER, Type.TypeID.LONG, Type.TypeID.DATE, Type.TypeID.TIMESTAMP, Type.TypeID.DECIMAL);

  /** Types the adapter reads, so that a fallback that reads the column can count it. */
  private static final Set<Type.TypeID> COUNTABLE =
      Set.of(
          Type.TypeID.BOOLEAN, Type.TypeID.INTEGER, Type.TypeID.LONG, Type.TypeID.FLOAT, Type.TypeID.DOUBLE,
          Type.TypeID.DECIMAL, Type.TypeID.DATE, Type.TypeID.TIME, Type.TypeID.TIMESTAMP,
          Type.TypeID.TIMESTAMP_NANO, Type.TypeID.STRING, Type.TypeID.UUID, Type.TypeID.FIXED,
          Type.TypeID.BINARY);

  /** A file's MIN or MAX when the column holds only NULLs there. */
  private static final Object NO_VALUE = new Object();

  private final List<Call> calls;
  private final AggregateResults results;
  /** Per call, the column as the scanned schema has it; null for COUNT(*) or a column gone. */
  private final Types.NestedField[] fields;
  /** Per MIN or MAX call, from the bound's value to Calcite's representation. */
  private final ValueConverter[] converters;

  MetadataAggregator(Schema schema, AggregateSpec spec, AggregateResults results) {
    requireNonNull(schema, "schema");
    this.calls = requireNonNull(spec, "spec").calls();
    this.results = requireNonNull(results, "results");
    this.fields = new Types.NestedField[calls.size()];
    this.converters = new ValueConverter[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      String name = spec.columnName(call);
      Types.NestedField field = name == null ? null : schema.asStruct().field(name);
      if (field != null && answers(call.function(), field.type())) {
        fields[i] = field;
        if (call.function() == Function.MIN || call.function() == Function.MAX) {
          converters[i] = RowConverter.valueConverter(name, field.type(), UnsupportedTypePolicy.FAIL);
        }
      }
    }
  }

  /** Whether metadata may answer the function of a column of this type (if the files' metrics allow). */
  public static boolean answers(Function function, Type type) {
    return switch (function) {
      case COUNT_ROWS -> true;
      case COUNT -> COUNTABLE.contains(type.typeId());
      case MIN, MAX -> EXACT_BOUNDS.contains(type.typeId());
    };
  }

  /**
   * Adds the file of a planned task to the results, all calls or none.
   *
   * @return false, having added nothing, if metadata cannot answer every call for this file exactly
   */
  boolean add(FileScanTask task) {
    return task.deletes().isEmpty() && task.residual().op() == Expression.Operation.TRUE && add(task.file());
  }

  /** Adds a data file every row of which is in the answer; false, having added nothing, if its metrics do not say. */
  boolean add(DataFile file) {
    long records = file.recordCount();
    if (records < 0) {
      return false;
    }
    long[] counts = new long[calls.size()];
    Object[] extremes = new Object[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      Function function = calls.get(i).function();
      if (function == Function.COUNT_ROWS) {
        counts[i] = records;
        continue;
      }
      if (fields[i] == null) {
        return false;
      }
      if (function == Function.COUNT) {
        counts[i] = nonNullCount(file, fields[i], records);
        if (counts[i] < 0) {
          return false;
        }
      } else {
        extremes[i] = extreme(file, i, records);
        if (extremes[i] == null) {
          return false;
        }
      }
    }
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).function() == Function.COUNT_ROWS || calls.get(i).function() == Function.COUNT) {
        results.count(i, counts[i]);
      } else if (extremes[i] != NO_VALUE) {
        results.offer(i, extremes[i]);
      }
    }
    return true;
  }

  /** The file's values of the column that are not NULL; -1 if its metrics do not say. */
  private static long nonNullCount(DataFile file, Types.NestedField field, long records) {
    Long nulls = get(file.nullValueCounts(), field.fieldId());
    if (nulls != null) {
      return nulls >= 0 && nulls <= records ? records - nulls : -1;
    }
    return field.isRequired() ? records : -1;
  }

  /**
   * The file's least (MIN) or greatest (MAX) value of the call's column, in Calcite's
   * representation; {@link #NO_VALUE} if the column is NULL in every row; null if unknown.
   */
  private Object extreme(DataFile file, int call, long records) {
    Types.NestedField field = fields[call];
    if (records == 0) {
      return NO_VALUE;
    }
    boolean min = calls.get(call).function() == Function.MIN;
    ByteBuffer bound = get(min ? file.lowerBounds() : file.upperBounds(), field.fieldId());
    Long nulls = get(file.nullValueCounts(), field.fieldId());
    if (nulls != null && nulls == records) {
      return bound == null ? NO_VALUE : null;
    }
    // Bounds are trusted from Parquet footers only: ORC's timestamp statistics, for one, are
    // widened to whole milliseconds.
    if (bound == null || file.format() != FileFormat.PARQUET || !hasExpectedLength(field.type(), bound)) {
      return null;
    }
    return converters[call].convert(Conversions.fromByteBuffer(field.type(), bound.duplicate()));
  }

  /** A bound of another length was written for another type, before a type promotion. */
  private static boolean hasExpectedLength(Type type, ByteBuffer bound) {
    int length = bound.remaining();
    return switch (type.typeId()) {
      case INTEGER, DATE -> length == 4;
      case LONG, TIMESTAMP -> length == 8;
      case DECIMAL -> length > 0 && length <= 16;
      default -> false;
    };
  }

  private static <V> V get(Map<Integer, V> metrics, int fieldId) {
    return metrics == null ? null : metrics.get(fieldId);
  }
}
