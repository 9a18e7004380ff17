package dev.s3tables.calcite.ddl;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;

/** Runs CREATE TABLE, with a column list or AS query, against the bucket's catalog. */
final class CreateTable {
  private CreateTable() {}

  static void execute(SqlCreateIcebergTable create, TableIdentifier id, Catalog catalog, CalcitePrepare.Context context) {
    requireNonNull(create, "create");
    if (create.getReplace()) {
      throw DdlException.unsupported("CREATE OR REPLACE TABLE is not supported; drop table " + id + " first");
    }
    try {
      if (create.query() == null) {
        withColumns(create, id, catalog);
      } else if (!(create.ifNotExists && catalog.tableExists(id))) {
        // IF NOT EXISTS on an existing table neither prepares nor runs the query. Nor does a missing
        // namespace: the query's files would be written before the commit failed.
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(id.namespace())) {
          throw new NoSuchNamespaceException("Namespace does not exist: %s", id.namespace());
        }
        TableFromQuery.create(create, id, catalog, context);
      }
    } catch (AlreadyExistsException e) {
      if (!create.ifNotExists) {
        throw DdlException.tableExists(id.toString());
      }
    } catch (NoSuchNamespaceException e) {
      throw DdlException.noSuchSchema(id.namespace().toString());
    }
  }

  private static void withColumns(SqlCreateIcebergTable create, TableIdentifier id, Catalog catalog) {
    String table = id.toString();
    Schema schema = TableDefinition.schema(table, create.columns());
    PartitionSpec spec = TableDefinition.spec(table, schema, create.partitionFields());
    catalog.buildTable(id, schema)
        .withPartitionSpec(spec)
        .withProperties(TableDefinition.properties(table, create))
        .create();
  }
}
