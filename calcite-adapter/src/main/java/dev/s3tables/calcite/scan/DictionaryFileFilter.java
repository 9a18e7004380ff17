package dev.s3tables.calcite.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.And;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.BoundPredicate;
import org.apache.iceberg.expressions.BoundReference;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Type;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Skips Parquet data files that cannot hold a row of the filter: those where, in every row group,
 * some {@code column = value} or {@code column IN (...)} conjunct names a column whose pages are
 * all dictionary-encoded and whose dictionary holds none of the values. Iceberg's reader makes the
 * same decision per row group, but builds a sorted set of each whole dictionary to do it; a point
 * lookup spends most of its time there. This looks the values up in the dictionary as it is, so a
 * file that holds no match costs its footer and one dictionary page, and only files that may match
 * reach Iceberg's reader.
 *
 * <p>Only top-level int, long, date and string columns are used; anything else, and any file or
 * chunk this cannot judge (no field ids, no encoding stats, pages not all in the dictionary, an
 * encrypted file), is left to Iceberg's reader.
 */
final class DictionaryFileFilter {
  private final FileIO io;
  private final List<Wanted> conjuncts;

  private DictionaryFileFilter(FileIO io, List<Wanted> conjuncts) {
    this.io = io;
    this.conjuncts = conjuncts;
  }

  /** The filter for the equality conjuncts of the scan's filter, or null if it has none it can use. */
  static @Nullable DictionaryFileFilter of(TableScan scan) {
    // The scan's schema has the filter's columns even when the scan selects others.
    Schema schema = scan.schema();
    List<Wanted> conjuncts = new ArrayList<>();
    collect(schema, Binder.bind(schema.asStruct(), scan.filter(), scan.isCaseSensitive()), conjuncts);
    return conjuncts.isEmpty() ? null : new DictionaryFileFilter(scan.table().io(), List.copyOf(conjuncts));
  }

  private static void collect(Schema schema, Expression expression, List<Wanted> conjuncts) {
    if (expression instanceof And and) {
      collect(schema, and.left(), conjuncts);
      collect(schema, and.right(), conjuncts);
    } else if (expression instanceof BoundPredicate<?> predicate
        && predicate.term() instanceof BoundReference<?> reference
        && schema.asStruct().field(reference.fieldId()) != null) {
      Wanted wanted = switch (predicate.op()) {
        case EQ -> predicate.isLiteralPredicate()
            ? Wanted.of(reference, List.of(predicate.asLiteralPredicate().literal().value())) : null;
        case IN -> predicate.isSetPredicate()
            ? Wanted.of(reference, List.copyOf(predicate.asSetPredicate().literalSet())) : null;
        default -> null;
      };
      if (wanted != null) {
        conjuncts.add(wanted);
      }
    }
  }

  /** False only if no row of the task's file can match the filter's equality conjuncts. */
  boolean mayMatch(FileScanTask task) throws IOException {
    DataFile file = task.file();
    if (file.format() != FileFormat.PARQUET || file.keyMetadata() != null) {
      return true;
    }
    try (ParquetFileReader reader = ParquetFooters.open(io, file)) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      List<@Nullable ColumnDescriptor> columns = new ArrayList<>();
      for (Wanted wanted : conjuncts) {
        columns.add(column(fileSchema, wanted));
      }
      for (BlockMetaData rowGroup : reader.getRowGroups()) {
        if (rowGroup.getRowCount() > 0 && mayMatch(reader.getDictionaryReader(rowGroup), rowGroup, columns)) {
          return true;
        }
      }
      return false;
    }
  }

  private boolean mayMatch(DictionaryPageReadStore dictionaries, BlockMetaData rowGroup,
      List<@Nullable ColumnDescriptor> columns) throws IOException {
    for (int i = 0; i < conjuncts.size(); i++) {
      ColumnDescriptor column = columns.get(i);
      if (column != null && dictionaryOnly(rowGroup, column)) {
        DictionaryPage page = dictionaries.readDictionaryPage(column);
        if (page != null && !conjuncts.get(i).anyIn(page, column)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The file's column for the conjunct's field, if it is a top-level primitive this can read. */
  private static @Nullable ColumnDescriptor column(MessageType fileSchema, Wanted wanted) {
    org.apache.parquet.schema.Type field = ParquetRows.topLevelField(fileSchema, wanted.fieldId);
    if (field == null || !field.isPrimitive()
        || field.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED)) {
      return null;
    }
    return readable(field.asPrimitiveType(), wanted)
        ? fileSchema.getColumnDescription(new String[] {field.getName()})
        : null;
  }

  /** Signed whole numbers or dates for numbers, UTF-8 for strings: what Iceberg writes for these types. */
  private static boolean readable(PrimitiveType type, Wanted wanted) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case INT32, INT64 -> wanted.strings == null && (annotation == null
          || annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          || annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && integer.isSigned());
      case BINARY -> wanted.strings != null
          && (annotation == null || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation);
      default -> false;
    };
  }

  private static boolean dictionaryOnly(BlockMetaData rowGroup, ColumnDescriptor column) {
    ColumnPath path = ColumnPath.get(column.getPath());
    for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
      if (chunk.getPath().equals(path)) {
        EncodingStats stats = chunk.getEncodingStats();
        return stats != null && stats.hasDictionaryPages() && !stats.hasNonDictionaryEncodedPages();
      }
    }
    return false;
  }

  /** The values one conjunct accepts: whole numbers (int, long, date) or strings, never both. */
  private static final class Wanted {
    final int fieldId;
    final long @Nullable [] numbers;
    final @Nullable Set<Binary> strings;

    private Wanted(int fieldId, long @Nullable [] numbers, @Nullable Set<Binary> strings) {
      this.fieldId = fieldId;
      this.numbers = numbers;
      this.strings = strings;
    }

    static @Nullable Wanted of(BoundReference<?> reference, List<?> values) {
      Type.TypeID type = reference.type().typeId();
      if (type == Type.TypeID.INTEGER || type == Type.TypeID.LONG || type == Type.TypeID.DATE) {
        long[] numbers = values.stream().mapToLong(value -> ((Number) value).longValue()).sorted().toArray();
        return new Wanted(reference.fieldId(), numbers, null);
      }
      if (type == Type.TypeID.STRING) {
        Set<Binary> strings = new HashSet<>();
        values.forEach(value -> strings.add(Binary.fromString(value.toString())));
        return new Wanted(reference.fieldId(), null, strings);
      }
      return null;
    }

    boolean anyIn(DictionaryPage page, ColumnDescriptor column) throws IOException {
      Encoding encoding = page.getEncoding();
      if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
        // The format writes dictionaries in no other encoding; what this cannot read may match.
        return true;
      }
      // A plain dictionary is read where it lies: decoding it into Parquet's Dictionary first
      // costs more than the lookups.
      ByteBuffer bytes = page.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      int at = bytes.position();
      int end = bytes.limit();
      boolean ints = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
      for (int id = 0; id < page.getDictionarySize(); id++) {
        boolean found;
        if (numbers != null) {
          int width = ints ? Integer.BYTES : Long.BYTES;
          if (end - at < width) {
            return true;
          }
          long value = ints ? bytes.getInt(at) : bytes.getLong(at);
          at += width;
          found = Arrays.binarySearch(numbers, value) >= 0;
        } else {
          int length = end - at < Integer.BYTES ? -1 : bytes.getInt(at);
          if (length < 0 || end - at - Integer.BYTES < length) {
            return true;
          }
          found = strings.contains(Binary.fromConstantByteBuffer(bytes, at + Integer.BYTES, length));
          at += Integer.BYTES + length;
        }
        if (found) {
          return true;
        }
      }
      return false;
    }
  }
}
