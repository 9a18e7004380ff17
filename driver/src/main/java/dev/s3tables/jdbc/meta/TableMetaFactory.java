package dev.s3tables.jdbc.meta;

import dev.s3tables.calcite.table.IcebergTable;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * getTables rows with REMARKS from the table's {@code comment} property. A listing never loads
 * tables, so a table's comment shows once its metadata is in the connection's cache (after a query
 * or a column listing of it).
 */
public final class TableMetaFactory implements CalciteMetaTableFactory {
  public static final TableMetaFactory INSTANCE = new TableMetaFactory();

  private TableMetaFactory() {}

  @Override
  public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    String remarks = table instanceof IcebergTable iceberg ? iceberg.cachedComment() : null;
    return new RemarkedTable(table, tableCat, tableSchem, tableName, remarks);
  }

  @Override
  public Class<? extends MetaTable> getMetaTableClass() {
    return RemarkedTable.class;
  }

  /** A getTables row; the public field {@code remarks} fills the REMARKS column. */
  public static final class RemarkedTable extends CalciteMetaTable {
    public final String remarks;

    RemarkedTable(Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }
}
