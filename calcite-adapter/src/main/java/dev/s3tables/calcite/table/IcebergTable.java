package dev.s3tables.calcite.table;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.rel.IcebergTableScan;
import dev.s3tables.calcite.scan.AggregateEnumerable;
import dev.s3tables.calcite.scan.AggregateSpec;
import dev.s3tables.calcite.scan.FirstRowsEnumerable;
import dev.s3tables.calcite.scan.PinnedReads;
import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.PartialAggregateSpec;
import dev.s3tables.calcite.scan.ScanEnumerable;
import dev.s3tables.calcite.scan.ScanSpec;
import dev.s3tables.calcite.rel.IcebergTableModify;
import dev.s3tables.calcite.timetravel.TableVersion;
import dev.s3tables.calcite.timetravel.TableVersions;
import dev.s3tables.calcite.timetravel.TimeTravelException;
import dev.s3tables.calcite.types.IcebergTypes;
import dev.s3tables.calcite.write.AppendSession;
import dev.s3tables.calcite.write.ModifySpec;
import dev.s3tables.calcite.write.RowModification;
import dev.s3tables.calcite.write.TableWriter;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.runtime.FlatLists;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One Iceberg table of a namespace, or one version of it ({@code "t@..."}: read-only, with that
 * version's schema). Creating it costs nothing; its metadata is loaded when a query or a column
 * listing first needs it, and kept for the connection's metadata TTL. Temporal: FOR SYSTEM_TIME AS
 * OF reads the snapshot current at a time (see {@link dev.s3tables.calcite.rel.SnapshotIntoScanRule}).
 */
public final class IcebergTable extends AbstractTable implements TranslatableTable, ModifiableTable, TemporalTable {
  private final BucketCatalog catalog;
  private final String namespace;
  private final String name;
  private final TableVersion version;
  private volatile RowType rowType;

  public IcebergTable(BucketCatalog catalog, String namespace, String name) {
    this(catalog, namespace, name, TableVersion.CURRENT);
  }

  /** The table at a version; one a name pins must have been checked ({@link TableVersions#pin}). */
  public IcebergTable(BucketCatalog catalog, String namespace, String name, TableVersion version) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.namespace = requireNonNull(namespace, "namespace");
    this.name = requireNonNull(name, "name");
    this.version = requireNonNull(version, "version");
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The version every scan of this table reads, unless FOR SYSTEM_TIME AS OF picks another. */
  public TableVersion version() {
    return version;
  }

  /** The Iceberg table as currently loaded (from the connection's cache). */
  public Table table() {
    return catalog.table(namespace, name);
  }

  /** The schema of the table's version. */
  public org.apache.iceberg.Schema icebergSchema() {
    return TableVersions.schema(table(), version);
  }

  /** Whether the table's metadata is in the connection's cache, so using it costs no request. */
  public boolean isLoaded() {
    return catalog.cachedTable(namespace, name).isPresent();
  }

  /** The table's comment ({@code comment} property) if its metadata is already loaded, else null. */
  public String cachedComment() {
    return catalog.cachedTable(namespace, name).map(t -> t.properties().get("comment")).orElse(null);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    org.apache.iceberg.Schema schema = icebergSchema();
    RowType known = rowType;
    if (known == null || known.schema() != schema || known.factory() != typeFactory) {
      // Planning and column listings ask for the row type many times; convert each schema once.
      known = new RowType(schema, typeFactory, IcebergTypes.toRowType(schema, typeFactory));
      rowType = known;
    }
    return known.type();
  }

  /** The row type converted from one loaded schema with one type factory. */
  private record RowType(org.apache.iceberg.Schema schema, RelDataTypeFactory factory, RelDataType type) {}

  @Override
  public Statistic getStatistic() {
    Snapshot snapshot = table().currentSnapshot();
    if (snapshot == null) {
      return Statistics.of(0d, List.of());
    }
    Map<String, String> summary = snapshot.summary();
    String records = summary.get("total-records");
    return records == null ? Statistics.UNKNOWN : Statistics.of(Double.parseDouble(records), List.of());
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.TABLE;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return IcebergTableScan.create(context.getCluster(), relOptTable, this);
  }

  /**
   * Called by generated code: the rows the spec selects, streamed, in the row format Calcite expects
   * of that many columns (an array, a bare value for one column, an empty list for none).
   */
  public Enumerable<?> scan(DataContext root, ScanSpec spec) {
    Enumerable<Object[]> rows =
        spec.rowIds() == RowIds.NONE ? new ScanEnumerable(table(), spec, root) : PinnedReads.scan(root, qualifiedName(), spec);
    return inCalciteRowFormat(rows, spec.projection().length + spec.rowIds().count());
  }

  /**
   * Called by generated code: the spec's first rows in its order, as {@code keyOrder} (Calcite's
   * comparator for the sort above the scan, over rows that start with the order's keys) ranks them,
   * in no order of their own and in the row format of {@link #scan}.
   */
  public Enumerable<?> firstRows(DataContext root, ScanSpec spec, Comparator<Object[]> keyOrder) {
    return inCalciteRowFormat(new FirstRowsEnumerable(table(), spec, root, keyOrder), spec.projection().length);
  }

  /**
   * Called by generated code: the one row of aggregates the spec asks for, from the snapshot it
   * reads, answered from metadata where that is exact and from reading rows otherwise.
   */
  public Enumerable<?> aggregate(DataContext root, AggregateSpec spec) {
    return inCalciteRowFormat(new AggregateEnumerable(table(), spec, root), spec.calls().size());
  }

  /**
   * Called by generated code: per data file the spec's scan reads, one row per group of its rows,
   * the group's keys and the calls' partial values, for an aggregate above to combine.
   */
  public Enumerable<?> partialAggregate(DataContext root, PartialAggregateSpec spec) {
    return inCalciteRowFormat(ScanEnumerable.partialAggregates(table(), spec, root), spec.keys().size() + spec.calls().size());
  }

  private static Enumerable<?> inCalciteRowFormat(Enumerable<Object[]> rows, int width) {
    return switch (width) {
      case 0 -> rows.select(row -> FlatLists.of());
      case 1 -> rows.select(row -> row[0]);
      default -> rows;
    };
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  /** Never used: queries reach the table through {@link #toRel}, which plans an Iceberg scan. */
  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    throw new UnsupportedOperationException("Iceberg tables are scanned through EnumerableIcebergScan");
  }

  /** Writes go through {@link #toModificationRel} and {@link #append}, never through a collection. */
  @Override
  public @Nullable Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public TableModify toModificationRel(
      RelOptCluster cluster,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode child,
      TableModify.Operation operation,
      @Nullable List<String> updateColumnList,
      @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    if (version.isPinned()) {
      throw TimeTravelException.readOnly(qualifiedName(), version);
    }
    if (operation != TableModify.Operation.INSERT) {
      // Calcite asks only for INSERT; DELETE and UPDATE become EnumerableIcebergModify by a planner rule.
      throw new UnsupportedOperationException(operation + " of Iceberg tables goes through IcebergModifyRule");
    }
    return new IcebergTableModify(cluster, table, catalogReader, child, operation);
  }

  /**
   * Called by generated code: writes the rows into new data files and, unless a JDBC batch owns
   * the writes, commits them in one append. Answers the number of rows.
   */
  public Enumerable<Long> append(DataContext root, Enumerable<Object[]> rows, int plannedSchemaId) {
    AppendSession session = AppendSession.forStatement();
    try {
      TableWriter<Object[]> writer =
          session.writer(qualifiedName(), () -> catalog.catalog().loadTable(TableIdentifier.of(namespace, name)));
      if (writer.table().schema().schemaId() != plannedSchemaId) {
        catalog.forget(namespace, name);
        throw new CommitFailedException(
            "The schema of %s.%s changed after the statement was planned; run the statement again", namespace, name);
      }
      long count = 0;
      try (Enumerator<Object[]> e = rows.enumerator()) {
        while (e.moveNext()) {
          writer.write(e.current());
          count++;
        }
      }
      if (!session.isBatch()) {
        session.commit();
      }
      return Linq4j.singletonEnumerable(count);
    } finally {
      if (!session.isBatch()) {
        // Also after a failed commit: whatever happened, the next statement must load what is there.
        catalog.forget(namespace, name);
        session.close();
      }
    }
  }

  /**
   * Called by generated code: runs a DELETE or UPDATE whose input rows the spec describes, in one
   * commit of its own (also inside a JDBC batch, whose pending appends are committed first, so that
   * the statement sees them). Answers the number of rows deleted or updated.
   */
  public Enumerable<Long> modify(DataContext root, Enumerable<Object[]> rows, ModifySpec spec) {
    if (version.isPinned()) {
      throw TimeTravelException.readOnly(qualifiedName(), version);
    }
    AppendSession session = AppendSession.forStatement();
    if (session.isBatch()) {
      session.commit();
    }
    try {
      Table table = catalog.catalog().loadTable(TableIdentifier.of(namespace, name));
      if (table.schema().schemaId() != spec.plannedSchemaId()) {
        throw new CommitFailedException(
            "The schema of %s.%s changed after the statement was planned; run the statement again", namespace, name);
      }
      return Linq4j.singletonEnumerable(new RowModification(table, spec, root, qualifiedName()).run(rows));
    } finally {
      // Also after a failed commit: whatever happened, the next statement must load what is there.
      catalog.forget(namespace, name);
    }
  }

  /** The table's name in its namespace, as one statement's DELETE or UPDATE and its scan know it. */
  private String qualifiedName() {
    return namespace + "." + name;
  }

  /** No row has system time columns: FOR SYSTEM_TIME AS OF picks a snapshot, not rows. */
  @Override
  public String getSysStartFieldName() {
    throw new UnsupportedOperationException("Iceberg tables have no system time columns");
  }

  @Override
  public String getSysEndFieldName() {
    throw new UnsupportedOperationException("Iceberg tables have no system time columns");
  }

  @Override
  public String toString() {
    return "IcebergTable[" + namespace + "." + name + (version.isPinned() ? " at " + version : "") + "]";
  }
}
