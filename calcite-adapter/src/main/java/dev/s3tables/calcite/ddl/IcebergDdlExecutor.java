package dev.s3tables.calcite.ddl;

import dev.s3tables.calcite.catalog.BucketCatalog;
import dev.s3tables.calcite.ddl.sql.SqlAlterIcebergTable;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableAddColumn;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableDropColumn;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableRename;
import dev.s3tables.calcite.ddl.sql.SqlAlterTableRenameColumn;
import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import dev.s3tables.calcite.schema.BucketSchema;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.ddl.SqlCreateSchema;
import org.apache.calcite.sql.ddl.SqlDropSchema;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.util.Util;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Runs the DDL of {@link S3TablesParser} against the connection's table bucket. Calcite calls
 * {@code execute} with the statement's node class (by reflection, see {@link DdlExecutorImpl}).
 * Names that S3 Tables would refuse fail before any request; every statement ends by forgetting the
 * connection's cached listings, so that DatabaseMetaData shows the change at once.
 */
public final class IcebergDdlExecutor extends DdlExecutorImpl {
  static final IcebergDdlExecutor INSTANCE = new IcebergDdlExecutor();

  private IcebergDdlExecutor() {}

  /** {@code CREATE SCHEMA [IF NOT EXISTS] ns}. */
  public void execute(SqlCreateSchema create, CalcitePrepare.Context context) {
    Bucket bucket = Bucket.of(context);
    String namespace = bucket.names.newNamespace(create.name);
    if (create.getReplace()) {
      throw DdlException.unsupported("CREATE OR REPLACE SCHEMA is not supported; schema " + namespace + " is a namespace");
    }
    bucket.run(catalog -> {
      try {
        catalog.namespaces().createNamespace(Namespace.of(namespace));
      } catch (AlreadyExistsException e) {
        if (!create.ifNotExists) {
          throw DdlException.schemaExists(namespace);
        }
      }
    });
  }

  /** {@code DROP SCHEMA [IF EXISTS] ns}: only an empty namespace. */
  public void execute(SqlDropSchema drop, CalcitePrepare.Context context) {
    Bucket bucket = Bucket.of(context);
    String namespace = bucket.names.namespace(drop.name);
    bucket.run(catalog -> {
      boolean dropped;
      try {
        dropped = catalog.namespaces().dropNamespace(Namespace.of(namespace));
      } catch (NamespaceNotEmptyException e) {
        List<String> tables =
            catalog.catalog().listTables(Namespace.of(namespace)).stream().map(TableIdentifier::name).sorted().toList();
        throw DdlException.schemaNotEmpty(namespace, tables);
      }
      if (!dropped && !drop.ifExists) {
        throw DdlException.noSuchSchema(namespace);
      }
    });
  }

  /** {@code CREATE TABLE}, with a column list or AS query. */
  public void execute(SqlCreateIcebergTable create, CalcitePrepare.Context context) {
    Bucket bucket = Bucket.of(context);
    TableIdentifier table = bucket.names.newTable(create.name());
    bucket.run(catalog -> CreateTable.execute(create, table, catalog.catalog(), context));
  }

  /** {@code DROP TABLE [IF EXISTS] t}, with purge: S3 Tables drops no other way. */
  public void execute(SqlDropTable drop, CalcitePrepare.Context context) {
    Bucket bucket = Bucket.of(context);
    TableIdentifier table = bucket.names.table(drop.name);
    bucket.run(catalog -> {
      boolean dropped;
      try {
        dropped = catalog.catalog().dropTable(table, true);
      } catch (NoSuchNamespaceException e) {
        dropped = false;
      }
      if (!dropped && !drop.ifExists) {
        throw DdlException.noSuchTable(table.toString());
      }
    });
  }

  /** {@code ALTER TABLE t ADD COLUMN}. */
  public void execute(SqlAlterTableAddColumn alter, CalcitePrepare.Context context) {
    alter(alter, context, (catalog, table) -> SchemaChanges.addColumn(catalog, table, alter.column()));
  }

  /** {@code ALTER TABLE t DROP COLUMN}. */
  public void execute(SqlAlterTableDropColumn alter, CalcitePrepare.Context context) {
    alter(alter, context, (catalog, table) -> SchemaChanges.dropColumn(catalog, table, alter.column()));
  }

  /** {@code ALTER TABLE t RENAME COLUMN a TO b}. */
  public void execute(SqlAlterTableRenameColumn alter, CalcitePrepare.Context context) {
    alter(alter, context, (catalog, table) -> SchemaChanges.renameColumn(catalog, table, alter.from(), alter.to()));
  }

  /** {@code ALTER TABLE t RENAME TO u}. */
  public void execute(SqlAlterTableRename alter, CalcitePrepare.Context context) {
    Bucket bucket = Bucket.of(context);
    TableIdentifier from = bucket.names.table(alter.table());
    TableIdentifier to = bucket.names.renamed(from, alter.newName());
    bucket.run(catalog -> {
      try {
        catalog.catalog().renameTable(from, to);
      } catch (NoSuchTableException e) {
        throw DdlException.noSuchTable(from.toString());
      } catch (AlreadyExistsException e) {
        throw DdlException.tableExists(to.toString());
      } catch (NoSuchNamespaceException e) {
        throw DdlException.noSuchSchema(to.namespace().toString());
      }
    });
  }

  private static void alter(SqlAlterIcebergTable alter, CalcitePrepare.Context context, TableChange change) {
    Bucket bucket = Bucket.of(context);
    TableIdentifier table = bucket.names.table(alter.table());
    bucket.run(catalog -> change.apply(catalog.catalog(), table));
  }

  /** One change of an existing table. */
  @FunctionalInterface
  private interface TableChange {
    void apply(Catalog catalog, TableIdentifier table);
  }

  /** The connection's table bucket and how its statements name objects. */
  private record Bucket(BucketCatalog catalog, ObjectNames names) {
    static Bucket of(CalcitePrepare.Context context) {
      BucketSchema bucket = context.getMutableRootSchema().plus().unwrap(BucketSchema.class);
      if (bucket == null) {
        throw new IllegalStateException("DDL needs a connection whose root schema is a table bucket");
      }
      List<String> schemaPath = context.getDefaultSchemaPath();
      Optional<String> defaultSchema = schemaPath.isEmpty() ? Optional.empty() : Optional.of(Util.last(schemaPath));
      return new Bucket(bucket.catalog(), new ObjectNames(bucket.catalog().bucketName(), defaultSchema));
    }

    /** Runs the statement, then forgets cached listings and tables, whatever it changed. */
    void run(Consumer<BucketCatalog> statement) {
      try {
        statement.accept(catalog);
      } finally {
        catalog.invalidate();
      }
    }
  }
}
