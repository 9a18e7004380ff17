package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.types.IcebergTypes;
import java.time.Instant;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import software.amazon.awssdk.services.s3tables.model.GetTableResponse;

/**
 * {@code "t$details"}: what the S3 Tables control plane says about the table (GetTable), one row.
 * One request each time the statement runs.
 */
final class TableDetailsTable extends MetadataTable {
  static final String KIND = "details";

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "table_arn", Types.StringType.get()),
          Types.NestedField.optional(2, "namespace", Types.StringType.get()),
          Types.NestedField.optional(3, "name", Types.StringType.get()),
          Types.NestedField.optional(4, "type", Types.StringType.get()),
          Types.NestedField.optional(5, "format", Types.StringType.get()),
          Types.NestedField.optional(6, "owner_account_id", Types.StringType.get()),
          Types.NestedField.optional(7, "created_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(8, "created_by", Types.StringType.get()),
          Types.NestedField.optional(9, "modified_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(10, "modified_by", Types.StringType.get()),
          Types.NestedField.optional(11, "managed_by_service", Types.StringType.get()),
          Types.NestedField.optional(12, "version_token", Types.StringType.get()),
          Types.NestedField.optional(13, "metadata_location", Types.StringType.get()),
          Types.NestedField.optional(14, "warehouse_location", Types.StringType.get()),
          Types.NestedField.optional(15, "namespace_id", Types.StringType.get()),
          Types.NestedField.optional(16, "table_bucket_id", Types.StringType.get()));

  private final ControlPlane controlPlane;

  TableDetailsTable(IcebergTable base, ControlPlane controlPlane) {
    super(base, KIND);
    this.controlPlane = requireNonNull(controlPlane, "controlPlane");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return IcebergTypes.toRowType(SCHEMA, typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<String> plannedColumns) {
    GetTableResponse t = controlPlane.getTable(base().namespace(), base().name());
    Object[] row = {
      t.tableARN(),
      t.hasNamespace() ? String.join(".", t.namespace()) : null,
      t.name(),
      t.typeAsString(),
      t.formatAsString(),
      t.ownerAccountId(),
      epochMillis(t.createdAt()),
      t.createdBy(),
      epochMillis(t.modifiedAt()),
      t.modifiedBy(),
      t.managedByService(),
      t.versionToken(),
      t.metadataLocation(),
      t.warehouseLocation(),
      t.namespaceId(),
      t.tableBucketId()
    };
    return Linq4j.asEnumerable(List.<Object[]>of(row));
  }

  /** A TIMESTAMP WITH LOCAL TIME ZONE value as Calcite holds it; the service gives milliseconds. */
  static Long epochMillis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
