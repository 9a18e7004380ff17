package dev.s3tables.calcite.ddl;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import dev.s3tables.calcite.plan.S3TablesPrepare;
import dev.s3tables.calcite.write.TableWriter;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * CREATE TABLE ... AS query in one Iceberg commit. The query is prepared by Calcite in the DDL
 * statement's own context (same schemas, type system, default schema) and run through its
 * generated code, so rows arrive in Calcite's runtime representation, as the INSERT path gets
 * them. The table is created in a create-table transaction, the rows go through the adapter's
 * TableWriter into data files of the staged table, and committing the
 * transaction creates the table with its one append snapshot. A failure before the commit leaves
 * no table behind (written files stay unreferenced, for the service's maintenance to remove).
 */
final class TableFromQuery {
  private TableFromQuery() {}

  static void create(SqlCreateIcebergTable create, TableIdentifier id, Catalog catalog, CalcitePrepare.Context context) {
    CalcitePrepare.CalciteSignature<Object> query = prepare(requireNonNull(create.query(), "query"), context);
    String table = id.toString();
    Schema schema = TableDefinition.schema(table, requireNonNull(query.rowType, "rowType"));
    Transaction transaction =
        catalog.buildTable(id, schema)
            .withPartitionSpec(TableDefinition.spec(table, schema, create.partitionFields()))
            .withProperties(TableDefinition.properties(table, create))
            .createTransaction();
    List<DataFile> files = write(query, new QueryDataContext(context.getDataContext(), query.internalParameters),
        transaction.table());
    if (!files.isEmpty()) {
      AppendFiles append = transaction.newAppend();
      files.forEach(append::appendFile);
      append.commit();
    }
    try {
      transaction.commitTransaction();
    } catch (CommitFailedException e) {
      // The service refuses the create when another session made the table meanwhile.
      if (catalog.tableExists(id)) {
        throw new AlreadyExistsException(e, "Table was created concurrently: %s", id);
      }
      throw e;
    }
  }

  /** Prepares the query as the connection prepares a statement: unparsed to Calcite SQL and parsed again. */
  private static CalcitePrepare.CalciteSignature<Object> prepare(SqlNode query, CalcitePrepare.Context context) {
    String sql = query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    return new S3TablesPrepare()
        .prepareSql(context, CalcitePrepare.Query.of(sql), Object[].class, -1);
  }

  private static List<DataFile> write(CalcitePrepare.CalciteSignature<Object> query, DataContext dataContext, Table table) {
    boolean scalarRows = switch (query.cursorFactory.style) {
      case OBJECT -> true;
      case ARRAY -> false;
      default -> throw new IllegalStateException("Unexpected row format " + query.cursorFactory.style);
    };
    try (TableWriter<Object[]> writer = TableWriter.forRows(table);
        Enumerator<Object> rows = query.enumerable(dataContext).enumerator()) {
      while (rows.moveNext()) {
        Object[] row = scalarRows ? new Object[] {rows.current()} : (Object[]) rows.current();
        writer.write(row);
      }
      return writer.finish();
    }
  }

  /**
   * The statement's data context with the prepared query's internal parameters, where generated
   * code finds the objects it stashed (the scanned tables), as Calcite adds them for a statement.
   */
  private record QueryDataContext(DataContext context, Map<String, Object> internalParameters) implements DataContext {
    @Override
    public @Nullable SchemaPlus getRootSchema() {
      return context.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return context.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return context.getQueryProvider();
    }

    @Override
    public @Nullable Object get(String name) {
      return internalParameters.containsKey(name) ? internalParameters.get(name) : context.get(name);
    }
  }
}
