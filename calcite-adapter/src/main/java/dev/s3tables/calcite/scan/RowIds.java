package dev.s3tables.calcite.scan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFieldImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.types.TypeUtil;

/**
 * What a scan of the table a DELETE or UPDATE changes adds after its columns to say which row each
 * output row is: the data file and position, which Iceberg's reader projects as metadata columns,
 * and for UPDATE the record as read, so that the columns the statement does not set are written
 * back exactly (Calcite's runtime would cut timestamps to milliseconds).
 */
public enum RowIds {
  NONE(0),
  POSITIONS(2),
  RECORDS(3);

  /** Iceberg's metadata columns that a scan with row ids reads besides the table's columns. */
  private static final List<String> METADATA_COLUMNS =
      List.of(MetadataColumns.FILE_PATH.name(), MetadataColumns.ROW_POSITION.name());

  private static final List<String> FIELD_NAMES = List.of("$file", "$pos", "$record");
  private static final List<SqlTypeName> FIELD_TYPES = List.of(SqlTypeName.VARCHAR, SqlTypeName.BIGINT, SqlTypeName.ANY);

  private final int count;

  RowIds(int count) {
    this.count = count;
  }

  /** The names of these columns followed by those of Iceberg's file path and position columns. */
  static List<String> withRowIds(List<String> columns) {
    List<String> withIds = new ArrayList<>(columns);
    withIds.addAll(METADATA_COLUMNS);
    return withIds;
  }

  /**
   * The scan reading these of its columns (and those its filter needs, so filter first), and the
   * file path and position of each row after them.
   */
  public static TableScan project(TableScan scan, List<String> columns) {
    Schema selected = scan.select(columns).schema();
    return scan.project(TypeUtil.join(selected, new Schema(MetadataColumns.FILE_PATH, MetadataColumns.ROW_POSITION)));
  }

  /** How many fields follow the scan's columns: file path, position, and the record for RECORDS. */
  public int count() {
    return count;
  }

  /** The fields as they follow the scan's columns in its row type, starting at {@code firstIndex}. */
  public List<RelDataTypeField> fields(RelDataTypeFactory types, int firstIndex) {
    List<RelDataTypeField> fields = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fields.add(new RelDataTypeFieldImpl(FIELD_NAMES.get(i), firstIndex + i,
          types.createTypeWithNullability(types.createSqlType(FIELD_TYPES.get(i)), false)));
    }
    return fields;
  }
}
