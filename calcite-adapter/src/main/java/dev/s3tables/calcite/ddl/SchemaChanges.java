package dev.s3tables.calcite.ddl;

import dev.s3tables.calcite.ddl.sql.SqlColumnDefinition;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;

/** ALTER TABLE's column changes, each one Iceberg schema update of the table. */
final class SchemaChanges {
  private SchemaChanges() {}

  static void addColumn(Catalog catalog, TableIdentifier id, SqlColumnDefinition column) {
    if (!column.isNullable()) {
      throw DdlException.unsupported("Column " + column.name() + " cannot be added to table " + id
          + " as NOT NULL: the rows already there have no value for it; add it nullable");
    }
    // Checked before any request: the type must map.
    var type = IcebergColumnTypes.of(column.type(), column.name());
    Table table = load(catalog, id);
    if (table.schema().findField(column.name()) != null) {
      throw DdlException.columnExists(id.toString(), column.name());
    }
    commit(table, id, "add column " + column.name(), update ->
        update.addColumn(column.name(), type, column.comment()));
  }

  static void dropColumn(Catalog catalog, TableIdentifier id, String column) {
    Table table = load(catalog, id);
    requireColumn(table, id, column);
    commit(table, id, "drop column " + column, update -> update.deleteColumn(column));
  }

  static void renameColumn(Catalog catalog, TableIdentifier id, String from, String to) {
    Table table = load(catalog, id);
    requireColumn(table, id, from);
    if (table.schema().findField(to) != null) {
      throw DdlException.columnExists(id.toString(), to);
    }
    commit(table, id, "rename column " + from + " to " + to, update -> update.renameColumn(from, to));
  }

  private static Table load(Catalog catalog, TableIdentifier id) {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      throw DdlException.noSuchTable(id.toString());
    }
  }

  private static void requireColumn(Table table, TableIdentifier id, String column) {
    if (table.schema().findField(column) == null) {
      throw DdlException.noSuchColumn(id.toString(), column);
    }
  }

  /** Commits one schema update; Iceberg's refusals (a partition source column, say) keep their reason. */
  private static void commit(Table table, TableIdentifier id, String what, Consumer<UpdateSchema> change) {
    UpdateSchema update = table.updateSchema();
    try {
      change.accept(update);
      update.commit();
    } catch (IllegalArgumentException | ValidationException e) {
      throw DdlException.invalid("Cannot " + what + " of table " + id + ": " + e.getMessage(), e);
    }
  }
}
