package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.types.IcebergTypes;
import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.calcite.types.UnsupportedTypePolicy;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.iceberg.MetadataTableType;
import org.apache.iceberg.MetadataTableUtils;
import org.apache.iceberg.Table;

/**
 * One of Iceberg's metadata tables of a table (snapshots, history, files, manifests, partitions,
 * refs, ...), with Iceberg's column names and types, converted as table columns are. It is built
 * from the table as currently loaded, when the statement is planned and again when it runs, so a
 * prepared statement sees the commits made since it was prepared; columns are matched by name.
 */
final class IcebergMetadataTable extends MetadataTable {
  private final MetadataTableType type;

  IcebergMetadataTable(IcebergTable base, MetadataTableType type) {
    super(base, type.name().toLowerCase(Locale.ROOT));
    this.type = requireNonNull(type, "type");
  }

  private Table metadataTable() {
    return MetadataTableUtils.createMetadataTableInstance(base().table(), type);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return IcebergTypes.toRowType(metadataTable().schema(), typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<String> plannedColumns) {
    Table table = metadataTable();
    // By name: a partition spec added to an unpartitioned table, say, adds the partition column.
    // Types without a reading (variant, geometry) can only appear inside readable_metrics: NULL there.
    RowConverter converter =
        RowConverter.of(table.schema().asStruct(), plannedColumns, UnsupportedTypePolicy.READ_AS_NULL);
    return new DataTaskRows(table.newScan(), converter, root);
  }
}
