package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;

/**
 * What a planned DELETE or UPDATE does. Its input rows hold, for UPDATE, the new values of the set
 * columns first, then the row ids of the changed table's scan.
 *
 * @param scan the spec of the scan that finds the rows: its filter plans the files and detects conflicts
 * @param filterIsExact true if that filter alone selects the rows (nothing above the scan drops
 *     any), so that a file whose every row matches it may be dropped without reading it
 * @param updatedColumns for UPDATE the table columns set, in input order; empty for DELETE
 * @param plannedSchemaId the table schema the statement was planned against
 */
public record ModifySpec(ScanSpec scan, boolean filterIsExact, int[] updatedColumns, int plannedSchemaId) {
  public ModifySpec {
    requireNonNull(scan, "scan");
    updatedColumns = updatedColumns.clone();
    if (scan.rowIds() != (updatedColumns.length == 0 ? RowIds.POSITIONS : RowIds.RECORDS)) {
      throw new IllegalArgumentException("scan has row ids " + scan.rowIds() + " for " + updatedColumns.length + " set columns");
    }
  }

  public boolean isUpdate() {
    return updatedColumns.length > 0;
  }

  @Override
  public int[] updatedColumns() {
    return updatedColumns.clone();
  }

  /** Where the data file path is in an input row; the position follows it, then for UPDATE the record. */
  int filePathIndex() {
    return updatedColumns.length;
  }
}
