package org.apache.iceberg;

import static java.util.Objects.requireNonNull;

/**
 * Scans of an older snapshot of a table read with the table's current schema: files are read and
 * filters bound by field id against today's columns, so a column added since reads as NULL and a
 * renamed one under its new name. {@link TableScan#useSnapshot} would switch to the snapshot's own
 * schema. In Iceberg's package because the scan's constructor and context are not public.
 */
public final class CurrentSchemaScans {
  private CurrentSchemaScans() {}

  public static TableScan ofSnapshot(Table table, long snapshotId) {
    requireNonNull(table, "table");
    if (table.snapshot(snapshotId) == null) {
      throw new IllegalArgumentException("Cannot find snapshot with ID " + snapshotId);
    }
    TableScan scan = table.newScan();
    if (!(scan instanceof DataTableScan dataScan)) {
      throw new UnsupportedOperationException("Time travel needs Iceberg's own table scans, not " + scan.getClass());
    }
    return new DataTableScan(table, table.schema(), dataScan.context().useSnapshotId(snapshotId));
  }
}
