package dev.s3tables.calcite.meta;

import dev.s3tables.calcite.catalog.ControlPlane;
import dev.s3tables.calcite.table.IcebergTable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.iceberg.MetadataTableType;

/**
 * The kinds of metadata table, by the name after the {@code $}: Iceberg's metadata tables under the
 * names Trino and Spark give them, and the S3 Tables service's own facts ({@code details},
 * {@code maintenance}). Iceberg's {@code position_deletes} is left out: it is read as data files
 * are, not from metadata.
 */
final class MetadataTableKinds {
  private static final Map<String, BiFunction<IcebergTable, ControlPlane, MetadataTable>> KINDS = kinds();

  private MetadataTableKinds() {}

  private static Map<String, BiFunction<IcebergTable, ControlPlane, MetadataTable>> kinds() {
    Map<String, BiFunction<IcebergTable, ControlPlane, MetadataTable>> kinds = new LinkedHashMap<>();
    for (MetadataTableType type : MetadataTableType.values()) {
      if (type != MetadataTableType.POSITION_DELETES) {
        kinds.put(type.name().toLowerCase(Locale.ROOT), (table, controlPlane) -> new IcebergMetadataTable(table, type));
      }
    }
    kinds.put(TableDetailsTable.KIND, TableDetailsTable::new);
    kinds.put(MaintenanceTable.KIND, MaintenanceTable::new);
    return kinds;
  }

  /** The names after the {@code $}, lowercase. */
  static Iterable<String> names() {
    return KINDS.keySet();
  }

  /** The metadata table of this kind (exact name, as a case-sensitive lookup has it), or null. */
  static MetadataTable create(IcebergTable table, String kind, ControlPlane controlPlane) {
    var factory = KINDS.get(kind);
    return factory == null ? null : factory.apply(table, controlPlane);
  }
}
