package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.types.IcebergTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3tables.model.TableMaintenanceJobStatusValue;

/**
 * {@code "t$maintenance"}: the table's S3 Tables maintenance, one row per maintenance type
 * (compaction, snapshot management, unreferenced file removal): its configuration, from the table's
 * own or, for types configured on the bucket, the bucket's; and the status of its last job. Three
 * requests each time the statement runs (GetTableMaintenanceConfiguration,
 * GetTableBucketMaintenanceConfiguration, GetTableMaintenanceJobStatus).
 */
final class MaintenanceTable extends MetadataTable {
  static final String KIND = "maintenance";

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "maintenance_type", Types.StringType.get()),
          Types.NestedField.optional(2, "configured_on", Types.StringType.get()),
          Types.NestedField.optional(3, "status", Types.StringType.get()),
          Types.NestedField.optional(4, "settings", Types.StringType.get()),
          Types.NestedField.optional(5, "job_status", Types.StringType.get()),
          Types.NestedField.optional(6, "last_run_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(7, "failure_message", Types.StringType.get()));

  private final ControlPlane controlPlane;

  MaintenanceTable(IcebergTable base, ControlPlane controlPlane) {
    super(base, KIND);
    this.controlPlane = requireNonNull(controlPlane, "controlPlane");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return IcebergTypes.toRowType(SCHEMA, typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<String> plannedColumns) {
    String namespace = base().namespace();
    String name = base().name();
    Map<String, Configuration> configurations = new TreeMap<>();
    controlPlane.getTableBucketMaintenanceConfiguration().configurationAsStrings().forEach((type, value) ->
        configurations.put(type, new Configuration("bucket", value.statusAsString(), settingsText(value.settings()))));
    // The table's own configuration is the one that applies where both have a type.
    controlPlane.getTableMaintenanceConfiguration(namespace, name).configurationAsStrings().forEach((type, value) ->
        configurations.put(type, new Configuration("table", value.statusAsString(), settingsText(value.settings()))));
    Map<String, TableMaintenanceJobStatusValue> jobs =
        controlPlane.getTableMaintenanceJobStatus(namespace, name).statusAsStrings();
    Set<String> types = new TreeSet<>(configurations.keySet());
    types.addAll(jobs.keySet());
    List<Object[]> rows = new ArrayList<>();
    for (String type : types) {
      Configuration configuration = configurations.getOrDefault(type, Configuration.NONE);
      TableMaintenanceJobStatusValue job = jobs.get(type);
      rows.add(new Object[] {
        type,
        configuration.configuredOn(),
        configuration.status(),
        configuration.settings(),
        job == null ? null : job.statusAsString(),
        job == null ? null : TableDetailsTable.epochMillis(job.lastRunTimestamp()),
        job == null ? null : job.failureMessage()
      });
    }
    return Linq4j.asEnumerable(rows);
  }

  /** A maintenance type's configuration: where it is set, its status, its settings as text. */
  private record Configuration(String configuredOn, String status, String settings) {
    static final Configuration NONE = new Configuration(null, null, null);
  }

  /**
   * Settings as the service names them, {@code targetFileSizeMB=512, strategy=auto}, whatever the
   * kind: the settings are a union of one structure per type, walked through the SDK's field list.
   */
  private static String settingsText(SdkPojo settings) {
    if (settings == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (SdkField<?> field : settings.sdkFields()) {
      Object value = field.getValueOrDefault(settings);
      if (value instanceof SdkPojo nested) {
        parts.add(settingsText(nested));
      } else if (value != null) {
        parts.add(field.locationName() + "=" + value);
      }
    }
    return String.join(", ", parts);
  }
}
