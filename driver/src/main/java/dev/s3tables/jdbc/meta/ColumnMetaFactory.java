package dev.s3tables.jdbc.meta;

import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.types.JdbcColumnFacts;
import dev.s3tables.calcite.types.S3TablesTypeSystem;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * getColumns rows with exact JDBC facts (type name, size, digits) from the column's own type, and
 * REMARKS from the Iceberg field's doc.
 */
public final class ColumnMetaFactory implements CalciteMetaColumnFactory {
  public static final ColumnMetaFactory INSTANCE = new ColumnMetaFactory();
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);

  private ColumnMetaFactory() {}

  @Override
  public MetaColumn createColumn(
      Table table,
      String tableCat,
      String tableSchem,
      String tableName,
      String columnName,
      int dataType,
      String typeName,
      Integer columnSize,
      @Nullable Integer decimalDigits,
      int numPrecRadix,
      int nullable,
      Integer charOctetLength,
      int ordinalPosition,
      String isNullable) {
    RelDataTypeField field = table.getRowType(TYPES).getField(columnName, true, false);
    if (field == null) {
      throw new IllegalStateException("Column " + columnName + " vanished from " + tableName);
    }
    RelDataType type = field.getType();
    JdbcColumnFacts facts = JdbcColumnFacts.of(type);
    return new RemarkedColumn(
        tableCat, tableSchem, tableName, columnName, facts, ordinalPosition, doc(table, columnName));
  }

  private static @Nullable String doc(Table table, String columnName) {
    if (!(table instanceof IcebergTable iceberg)) {
      return null;
    }
    Types.NestedField field = iceberg.icebergSchema().findField(columnName);
    return field == null ? null : field.doc();
  }

  @Override
  public Class<? extends MetaColumn> getMetaColumnClass() {
    return RemarkedColumn.class;
  }

  /** A getColumns row; the public field {@code remarks} fills the REMARKS column. */
  public static final class RemarkedColumn extends MetaColumn {
    public final String remarks;

    RemarkedColumn(
        String tableCat,
        String tableSchem,
        String tableName,
        String columnName,
        JdbcColumnFacts facts,
        int ordinalPosition,
        String remarks) {
      super(
          tableCat,
          tableSchem,
          tableName,
          columnName,
          facts.dataType(),
          facts.typeName(),
          facts.columnSize(),
          facts.decimalDigits(),
          facts.numPrecRadix(),
          facts.nullable(),
          facts.charOctetLength(),
          ordinalPosition,
          facts.isNullable(),
          "NO",
          "NO");
      this.remarks = remarks;
    }
  }
}
