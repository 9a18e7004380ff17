package dev.s3tables.calcite.timetravel;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.timetravel.TableVersion.AsOfParameter;
import dev.s3tables.calcite.timetravel.TableVersion.AsOfTime;
import dev.s3tables.calcite.timetravel.TableVersion.Ref;
import dev.s3tables.calcite.timetravel.TableVersion.SnapshotId;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.iceberg.CurrentSchemaScans;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A {@link TableVersion} against a loaded table: checked when a statement is planned, and turned
 * into an Iceberg scan of its snapshot when it runs, failing with a {@link TimeTravelException} for a
 * snapshot, ref or time the table does not have.
 */
public final class TableVersions {
  private TableVersions() {}

  /**
   * The version a {@code "t@suffix"} name reads, checked against the table. Digits name a snapshot
   * id, unless the table has no such snapshot but a ref of that name.
   */
  public static TableVersion pin(Table table, String suffix) {
    TableVersion version = TableVersion.ofSuffix(suffix);
    if (version instanceof SnapshotId id && table.snapshot(id.id()) == null && table.refs().containsKey(suffix)) {
      return new Ref(suffix);
    }
    schema(table, version);
    return version;
  }

  /** The schema a scan of the version reads with: a pinned snapshot's or ref's, else the table's. */
  public static Schema schema(Table table, TableVersion version) {
    requireNonNull(table, "table");
    if (version instanceof SnapshotId id) {
      return SnapshotUtil.schemaFor(table, checkedSnapshot(table, id.id()));
    }
    if (version instanceof Ref ref) {
      return SnapshotUtil.schemaFor(table, checkedRef(table, ref.name()));
    }
    return table.schema();
  }

  /**
   * A scan of the version's snapshot, not yet narrowed: its {@link TableScan#schema()} is the schema
   * it reads with. A time is resolved here, with parameters bound, against the table's history. A
   * ref must still have the columns the statement was planned with ({@code plannedColumns}): a
   * branch or tag moved since to a snapshot with other columns fails rather than reading columns by
   * names that now mean something else.
   */
  public static TableScan newScan(Table table, TableVersion version, DataContext root, List<String> plannedColumns) {
    requireNonNull(table, "table");
    requireNonNull(root, "root");
    requireNonNull(plannedColumns, "plannedColumns");
    if (version instanceof SnapshotId id) {
      return table.newScan().useSnapshot(checkedSnapshot(table, id.id()));
    }
    if (version instanceof Ref ref) {
      TableScan scan = table.newScan().useRef(checkedRef(table, ref.name()));
      List<String> columns = scan.schema().columns().stream().map(Types.NestedField::name).toList();
      if (!columns.equals(plannedColumns)) {
        throw TimeTravelException.refMoved(displayName(table), ref.name(), plannedColumns, columns);
      }
      return scan;
    }
    if (version instanceof TableVersion.AsOf asOf) {
      return CurrentSchemaScans.ofSnapshot(table, snapshotAsOf(table, epochMillis(table, asOf, root)));
    }
    return table.newScan();
  }

  private static long epochMillis(Table table, TableVersion.AsOf asOf, DataContext root) {
    if (asOf instanceof AsOfTime time) {
      return time.epochMillis();
    }
    // Calcite binds TIMESTAMP parameters as the wall clock's milliseconds, read here as UTC.
    Object value = root.get("?" + ((AsOfParameter) asOf).index());
    if (value == null) {
      throw TimeTravelException.nullTime(displayName(table));
    }
    return ((Number) value).longValue();
  }

  /** The snapshot current at the time: the last one the table's history made current by then. */
  private static long snapshotAsOf(Table table, long epochMillis) {
    Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, epochMillis);
    if (id != null) {
      return id;
    }
    List<HistoryEntry> history = table.history();
    if (history.isEmpty()) {
      throw TimeTravelException.noSnapshots(displayName(table));
    }
    long first = history.stream().mapToLong(HistoryEntry::timestampMillis).min().orElseThrow();
    throw TimeTravelException.beforeFirstSnapshot(displayName(table), epochMillis, first);
  }

  private static long checkedSnapshot(Table table, long id) {
    if (table.snapshot(id) == null) {
      throw TimeTravelException.unknownSnapshot(displayName(table), id);
    }
    return id;
  }

  private static String checkedRef(Table table, String name) {
    if (!table.refs().containsKey(name)) {
      throw TimeTravelException.unknownRef(displayName(table), name);
    }
    return name;
  }

  /** {@code namespace.table}: Iceberg names a loaded table with its catalog's name in front. */
  private static String displayName(Table table) {
    TableIdentifier id = TableIdentifier.parse(table.name());
    String[] levels = id.namespace().levels();
    return levels.length == 0 ? id.name() : levels[levels.length - 1] + "." + id.name();
  }
}
