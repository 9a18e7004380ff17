package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.ParquetMetricsRowGroupFilter;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PartitionUtil;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of one Parquet data file of a scan, read column by column straight into Iceberg's
 * internal values, for files of flat tables without deletes: the rows Iceberg's generic reader
 * gives for the same task (same row groups kept by their statistics, same residual filter, same
 * partition constants, same positions), without a record per row or a String or BigDecimal per
 * dictionary-encoded value. A row's other columns are decoded only once the filter's columns
 * pass the residual, and they skip the rows that failed in one go when a row passes: in a row group
 * where no row passes, their pages are never decoded. A chunk of plain or dictionary-encoded pages
 * is decoded by {@link PageValues}; any other by Parquet's column reader.
 *
 * <p>{@link #open} returns null for what only Iceberg's reader reads: other formats, encrypted
 * files, delete files, nested or binary columns, files without field ids, column defaults, and
 * encodings {@link ParquetValues} does not decode.
 */
final class ParquetRows implements FileRows {
  private final ParquetFileReader reader;
  private final Types.StructType struct;
  private final MessageType fileSchema;
  private final MessageType requested;
  private final String createdBy;
  private final List<BlockMetaData> rowGroups;
  private final @Nullable ParquetMetricsRowGroupFilter rowGroupFilter;
  private final @Nullable Evaluator residual;
  private final FileColumn[] columns;
  private final int filterColumns;
  private final int positionSlot;
  private final Object[] values;
  private final Row row = new Row();
  private int nextRowGroup;
  private long rowsLeft;
  private long rowsFailed;
  private PageReadStore pages;
  private List<ColumnChunkMetaData> chunks;
  private @Nullable ColumnReadStoreImpl store;
  private long position;

  private ParquetRows(ParquetFileReader reader, Schema readSchema, List<FileColumn> columns, int filterColumns,
      int positionSlot, Object[] values, Expression residual, boolean caseSensitive) {
    this.reader = reader;
    this.struct = readSchema.asStruct();
    this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
    this.requested = requestedSchema(fileSchema, columns);
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    this.rowGroups = reader.getRowGroups();
    this.columns = columns.toArray(new FileColumn[0]);
    this.filterColumns = filterColumns;
    this.positionSlot = positionSlot;
    this.values = values;
    boolean filtered = residual.op() != Expression.Operation.TRUE;
    this.rowGroupFilter = filtered ? new ParquetMetricsRowGroupFilter(readSchema, residual, caseSensitive) : null;
    this.residual = filtered ? new Evaluator(readSchema.asStruct(), residual, caseSensitive) : null;
    reader.setRequestedSchema(requested);
  }

  /** Whether rows of this projection can be read here, before any file is opened. */
  static boolean supports(Schema readSchema) {
    for (Types.NestedField field : readSchema.columns()) {
      boolean metadata = MetadataColumns.isMetadataColumn(field.fieldId());
      if (metadata ? field.fieldId() != MetadataColumns.FILE_PATH.fieldId()
          && field.fieldId() != MetadataColumns.ROW_POSITION.fieldId()
          : !field.type().isPrimitiveType() || field.initialDefault() != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The task's rows with its residual applied, or null if the file needs Iceberg's reader.
   *
   * @param readSchema what each row holds, as the scan projects it ({@link #supports} is true)
   */
  static @Nullable ParquetRows open(FileIO io, FileScanTask task, Schema readSchema, boolean caseSensitive)
      throws IOException {
    DataFile file = task.file();
    if (file.format() != FileFormat.PARQUET || file.keyMetadata() != null || !task.deletes().isEmpty()) {
      return null;
    }
    ParquetFileReader reader = ParquetFooters.open(io, task);
    try {
      ParquetRows rows = plan(reader, task, readSchema, caseSensitive);
      if (rows == null) {
        reader.close();
      }
      return rows;
    } catch (IOException | RuntimeException | Error e) {
      reader.close();
      throw e;
    }
  }

  private static @Nullable ParquetRows plan(
      ParquetFileReader reader, FileScanTask task, Schema readSchema, boolean caseSensitive) {
    MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
    if (fileSchema.getFields().stream().anyMatch(field -> field.getId() == null)) {
      // Iceberg's reader matches such columns by the table's name mapping or by position.
      return null;
    }
    Map<Integer, ?> constants = PartitionUtil.constantsMap(task);
    Expression residual = requireNonNull(task.residual(), "residual");
    Set<Integer> filterIds = Binder.boundReferences(readSchema.asStruct(), List.of(residual), caseSensitive);
    List<Types.NestedField> fields = readSchema.columns();
    Object[] values = new Object[fields.size()];
    List<FileColumn> filterColumns = new ArrayList<>();
    List<FileColumn> otherColumns = new ArrayList<>();
    int positionSlot = -1;
    for (int slot = 0; slot < fields.size(); slot++) {
      Types.NestedField field = fields.get(slot);
      int id = field.fieldId();
      if (id == MetadataColumns.ROW_POSITION.fieldId()) {
        positionSlot = slot;
      } else if (constants.containsKey(id)) {
        values[slot] = constants.get(id);
      } else {
        Type fileField = topLevelField(fileSchema, id);
        if (fileField == null) {
          if (field.isRequired()) {
            return null;
          }
        } else {
          FileColumn column = FileColumn.of(field, fileField, slot);
          if (column == null) {
            return null;
          }
          (filterIds.contains(id) ? filterColumns : otherColumns).add(column);
        }
      }
    }
    List<FileColumn> columns = new ArrayList<>(filterColumns);
    columns.addAll(otherColumns);
    if (positionSlot >= 0 && reader.getRowGroups().stream().anyMatch(group -> group.getRowIndexOffset() < 0)) {
      return null;
    }
    return new ParquetRows(reader, readSchema, columns, filterColumns.size(), positionSlot, values, residual,
        caseSensitive);
  }

  /** The file's top-level field of this Iceberg field id, if it has one. */
  static @Nullable Type topLevelField(MessageType fileSchema, int fieldId) {
    for (Type field : fileSchema.getFields()) {
      if (field.getId() != null && field.getId().intValue() == fieldId) {
        return field;
      }
    }
    return null;
  }

  private static MessageType requestedSchema(MessageType fileSchema, List<FileColumn> columns) {
    List<Type> fields = new ArrayList<>();
    for (FileColumn column : columns) {
      fields.add(column.fileField);
    }
    return new MessageType(fileSchema.getName(), fields);
  }

  /** Moves to the next row that passes the task's residual; false after the last. */
  @Override
  public boolean next() throws IOException {
    // Two loops, so that the JIT compiles the one most files take (no residual) on its own: with
    // the residual's evaluation in the same method, reading every row of every file got slower.
    return residual == null ? nextRow() : nextPassingRow();
  }

  private boolean nextRow() throws IOException {
    if (!startRow()) {
      return false;
    }
    for (FileColumn column : columns) {
      column.read(values);
    }
    return true;
  }

  private boolean nextPassingRow() throws IOException {
    while (startRow()) {
      for (int i = 0; i < filterColumns; i++) {
        columns[i].read(values);
      }
      if (!residual.eval(row)) {
        // The other columns move past the rows that fail only when a row passes, or never.
        rowsFailed++;
        continue;
      }
      for (int i = filterColumns; i < columns.length; i++) {
        FileColumn column = columns[i];
        if (!column.open) {
          // A row group with no row that passes never decodes a page of these columns.
          open(column);
        }
        column.skip(rowsFailed);
        column.read(values);
      }
      rowsFailed = 0;
      return true;
    }
    return false;
  }

  /** Moves to the next row of the file, and sets its position; false after the last. */
  private boolean startRow() throws IOException {
    while (rowsLeft == 0) {
      if (!nextRowGroup()) {
        return false;
      }
    }
    rowsLeft--;
    if (positionSlot >= 0) {
      values[positionSlot] = position;
    }
    position++;
    return true;
  }

  /** The current row, in the read schema's order; refilled by the next call to {@link #next}. */
  @Override
  public StructLike row() {
    return row;
  }

  @Override
  public Types.StructType struct() {
    return struct;
  }

  private boolean nextRowGroup() throws IOException {
    while (nextRowGroup < rowGroups.size()) {
      int index = nextRowGroup++;
      BlockMetaData rowGroup = rowGroups.get(index);
      if (rowGroup.getRowCount() == 0 || rowGroupFilter != null && !rowGroupFilter.shouldRead(fileSchema, rowGroup)) {
        continue;
      }
      pages = reader.readRowGroup(index);
      store = null;
      chunks = rowGroup.getColumns();
      for (int i = 0; i < columns.length; i++) {
        columns[i].close();
        // Without a residual every row is read; with one, the other columns wait for a passing row.
        if (i < filterColumns || residual == null) {
          open(columns[i]);
        }
      }
      rowsLeft = rowGroup.getRowCount();
      rowsFailed = 0;
      position = rowGroup.getRowIndexOffset();
      return true;
    }
    return false;
  }

  /** Reads the column's pages here if their encodings allow, else through Parquet's column reader. */
  private void open(FileColumn column) {
    ColumnDescriptor descriptor = requested.getColumnDescription(new String[] {column.fileField.getName()});
    ColumnPath path = ColumnPath.get(descriptor.getPath());
    ColumnChunkMetaData chunk = chunks.stream().filter(c -> c.getPath().equals(path)).findFirst().orElse(null);
    if (chunk != null && PageValues.decodes(chunk, descriptor)) {
      column.pages = new PageValues(pages.getPageReader(descriptor), descriptor, column.values);
    } else {
      if (store == null) {
        store = new ColumnReadStoreImpl(pages, new Columns(), requested, createdBy);
      }
      column.reader = store.getColumnReader(descriptor);
    }
    column.open = true;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** The converters of the requested columns, in the requested schema's order. */
  private final class Columns extends GroupConverter {
    @Override
    public Converter getConverter(int fieldIndex) {
      return columns[fieldIndex].values;
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }
  }

  /** One column of the file: where its values go in the row, and how they are decoded. */
  private static final class FileColumn {
    final Type fileField;
    final ParquetValues values;
    final int slot;
    final int maxDefinition;
    boolean open;
    @Nullable PageValues pages;
    @Nullable ColumnReader reader;

    private FileColumn(Type fileField, ParquetValues values, int slot) {
      this.fileField = fileField;
      this.values = values;
      this.slot = slot;
      this.maxDefinition = fileField.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    }

    static @Nullable FileColumn of(Types.NestedField field, Type fileField, int slot) {
      if (!fileField.isPrimitive() || fileField.isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      ParquetValues values = ParquetValues.of(field.type(), fileField.asPrimitiveType());
      return values == null ? null : new FileColumn(fileField, values, slot);
    }

    void close() {
      open = false;
      pages = null;
      reader = null;
    }

    void read(Object[] row) {
      if (pages != null) {
        pages.read(row, slot);
        return;
      }
      if (reader.getCurrentDefinitionLevel() == maxDefinition) {
        reader.writeCurrentValueToConverter();
        row[slot] = values.value;
      } else {
        row[slot] = null;
      }
      reader.consume();
    }

    void skip(long rows) {
      if (pages != null) {
        pages.skip(rows);
        return;
      }
      for (long i = 0; i < rows; i++) {
        if (reader.getCurrentDefinitionLevel() == maxDefinition) {
          reader.skip();
        }
        reader.consume();
      }
    }
  }

  /** The row being read, as Iceberg's evaluator and the row converter see it. */
  private final class Row implements StructLike {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      return javaClass.cast(values[pos]);
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("Rows read from a file are not changed");
    }
  }
}
