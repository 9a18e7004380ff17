package dev.s3tables.calcite.meta;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.table.IcebergTable;
import java.lang.reflect.Type;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A read-only table about one Iceberg table ({@code "t$snapshots"}, {@code "t$maintenance"}, ...),
 * found by name lookup only and never listed. Its rows are computed whole when a statement runs,
 * every column of them; filters, projections and joins run above the scan in Calcite. It is a
 * {@code ModifiableTable} only to refuse INSERT, UPDATE, DELETE and MERGE with a reason (SQLState
 * 0A000), where Calcite would fail to plan them with a message about INSERT support.
 */
public abstract class MetadataTable extends AbstractTable implements TranslatableTable, ModifiableTable {
  private final IcebergTable base;
  private final String kind;

  MetadataTable(IcebergTable base, String kind) {
    this.base = requireNonNull(base, "base");
    this.kind = requireNonNull(kind, "kind");
  }

  IcebergTable base() {
    return base;
  }

  /**
   * Called by generated code: every row, each an {@code Object[]} of the columns the statement was
   * planned with, in the representation {@link dev.s3tables.calcite.types.RowConverter} documents.
   * Every metadata table has at least two columns, so a row is never a bare value.
   */
  public abstract Enumerable<Object[]> scan(DataContext root, List<String> plannedColumns);

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new EnumerableMetadataScan(context.getCluster(), relOptTable, this);
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
    String message = name() + " is a metadata table, read-only: " + operation + " is refused";
    throw new UnsupportedOperationException(message, new SQLFeatureNotSupportedException(message, "0A000"));
  }

  @Override
  public @Nullable Collection<?> getModifiableCollection() {
    return null;
  }

  /** Never used: queries reach the table through {@link #toRel}. */
  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    throw new UnsupportedOperationException("Metadata tables are scanned through EnumerableMetadataScan");
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  /** The name a user gives it, {@code namespace."t$kind"}. */
  String name() {
    return base.namespace() + ".\"" + base.name() + "$" + kind + "\"";
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name() + "]";
  }
}
