package dev.s3tables.calcite.write;

import static java.util.Objects.requireNonNull;

import org.apache.iceberg.IsolationLevel;
import org.apache.iceberg.RowLevelOperationMode;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableUtil;

/**
 * How a DELETE or UPDATE changes a table, from its properties: merge-on-read (position delete files)
 * unless {@code write.delete.mode} / {@code write.update.mode} says copy-on-write, and always
 * copy-on-write on format v1, which has no delete files, and on v3, where position deletes must be
 * deletion vectors, which the driver does not write yet; and whether concurrent appends of rows the
 * statement's filter may match conflict ({@code write.delete.isolation-level} /
 * {@code write.update.isolation-level}, serializable unless set to snapshot).
 */
record ModifyPolicy(RowLevelOperationMode mode, IsolationLevel isolation) {
  ModifyPolicy {
    requireNonNull(mode, "mode");
    requireNonNull(isolation, "isolation");
  }

  static ModifyPolicy of(Table table, boolean update) {
    String modeProperty = update ? TableProperties.UPDATE_MODE : TableProperties.DELETE_MODE;
    String isolationProperty = update ? TableProperties.UPDATE_ISOLATION_LEVEL : TableProperties.DELETE_ISOLATION_LEVEL;
    RowLevelOperationMode mode =
        TableUtil.formatVersion(table) == 2
            ? RowLevelOperationMode.fromName(
                table.properties().getOrDefault(modeProperty, RowLevelOperationMode.MERGE_ON_READ.modeName()))
            : RowLevelOperationMode.COPY_ON_WRITE;
    IsolationLevel isolation =
        IsolationLevel.fromName(table.properties().getOrDefault(isolationProperty, IsolationLevel.SERIALIZABLE.name()));
    return new ModifyPolicy(mode, isolation);
  }

  boolean copyOnWrite() {
    return mode == RowLevelOperationMode.COPY_ON_WRITE;
  }

  boolean serializable() {
    return isolation == IsolationLevel.SERIALIZABLE;
  }
}
