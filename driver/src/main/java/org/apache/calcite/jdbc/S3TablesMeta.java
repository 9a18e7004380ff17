package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.rel.ParameterRowInsert;
import dev.s3tables.calcite.schema.BucketSchema;
import dev.s3tables.calcite.table.IcebergTable;
import dev.s3tables.calcite.write.AppendSession;
import dev.s3tables.jdbc.DriverClassLoader;
import dev.s3tables.jdbc.StatementKinds;
import dev.s3tables.jdbc.SqlStates;
import dev.s3tables.jdbc.batch.StreamedBatch;
import dev.s3tables.jdbc.params.ParameterValues;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Calcite's metadata and statement service for s3tables connections: failures carry SQLStates,
 * commit and rollback succeed (every statement commits on its own), and primary keys come from
 * Iceberg identifier fields. In Calcite's package because its constructor takes the package-private
 * CalciteConnectionImpl.
 */
public final class S3TablesMeta extends CalciteMetaImpl {

  private S3TablesMeta(CalciteConnectionImpl connection, CalciteMetaTableFactory tables, CalciteMetaColumnFactory columns) {
    super(connection, tables, columns);
  }

  public static S3TablesMeta create(AvaticaConnection connection, CalciteMetaTableFactory tables, CalciteMetaColumnFactory columns) {
    return new S3TablesMeta((CalciteConnectionImpl) connection, tables, columns);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      checkWritable(sql);
      return DriverClassLoader.run(() -> super.prepare(ch, sql, maxRowCount));
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw withSqlState(e);
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    try {
      checkWritable(sql);
      return DriverClassLoader.run(() -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw withSqlState(e);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    try {
      checkWritable(h);
      List<TypedValue> converted = ParameterValues.convert(parameters(h), parameterValues);
      return DriverClassLoader.run(() -> super.execute(h, converted, maxRowsInFirstFrame));
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw withSqlState(e);
    }
  }

  /** The statement's parameters, from the server's statement (see {@link #checkWritable(StatementHandle)}). */
  private List<AvaticaParameter> parameters(StatementHandle h) throws NoSuchStatementException {
    Signature signature = getConnection().server.getStatement(h).getSignature();
    return signature == null ? List.of() : signature.parameters;
  }

  /**
   * A query's rows, with its parameters converted as {@link #execute} converts them. Avatica opens
   * a result set with no values, for Calcite to take the statement's bound ones; they are taken here.
   */
  @Override
  public Iterable<Object> createIterable(
      StatementHandle h, QueryState state, Signature signature, List<TypedValue> parameterValues, Frame firstFrame) {
    List<TypedValue> values = parameterValues;
    AvaticaStatement statement = getConnection().statementMap.get(h.id);
    if ((values == null || values.isEmpty()) && statement != null) {
      values = CalciteConnectionImpl.TROJAN.getParameterValues(statement);
    }
    List<TypedValue> converted = signature == null || values == null ? values : ParameterValues.convert(signature.parameters, values);
    return super.createIterable(h, state, signature, converted, firstFrame);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
    try {
      return DriverClassLoader.run(() -> super.fetch(h, offset, fetchMaxRowCount));
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw withSqlState(e);
    }
  }

  /** Prepared statements whose batches skip Calcite's run per parameter row, by statement id. */
  private final Map<Integer, ParameterRowInsert> parameterRowInserts = new ConcurrentHashMap<>();

  /** Their batches' rows, by statement id, from the first addBatch to executeBatch. */
  private final Map<Integer, StreamedBatch> streamedBatches = new ConcurrentHashMap<>();

  /** The statement's batches are bound and appended directly (see {@link ParameterRowBatch}). */
  void batchDirectly(StatementHandle h, ParameterRowInsert insert) {
    parameterRowInserts.put(h.id, requireNonNull(insert, "insert"));
  }

  /**
   * Adds a parameter row to the statement's batch if its batches are appended directly: the row is
   * bound now and streams to a writer that writes it while the application adds more, and commits
   * the batch when it is executed. False for any other statement, whose rows Avatica keeps.
   */
  boolean addToStreamedBatch(StatementHandle h, List<TypedValue> row) {
    ParameterRowInsert insert = parameterRowInserts.get(h.id);
    if (insert == null) {
      return false;
    }
    streamedBatches.computeIfAbsent(h.id, id -> startStreamedBatch(h, insert)).add(row);
    return true;
  }

  private StreamedBatch startStreamedBatch(StatementHandle h, ParameterRowInsert insert) {
    CalcitePrepare.CalciteSignature<?> signature;
    try {
      signature = (CalcitePrepare.CalciteSignature<?>) getConnection().server.getStatement(h).getSignature();
    } catch (NoSuchStatementException e) {
      throw new IllegalStateException(e);
    }
    return StreamedBatch.start(ParameterValues.localConverter(signature.parameters), rows -> inOneCommit(() -> {
      checkWritable(h);
      ExecuteBatchResult result = ParameterRowBatch.run(getConnection(), signature, insert, rows);
      // Again once the rows have ended: the connection may have become read-only meanwhile.
      checkWritable(h);
      return result;
    }));
  }

  /** Drops the rows of the statement's streamed batch, if it has one; nothing of them is committed. */
  void clearStreamedBatch(StatementHandle h) {
    clearStreamedBatch(h.id);
  }

  private void clearStreamedBatch(int statementId) {
    StreamedBatch batch = streamedBatches.remove(statementId);
    if (batch != null) {
      batch.abort();
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    clearStreamedBatch(h);
    parameterRowInserts.remove(h.id);
    super.closeStatement(h);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    List.copyOf(streamedBatches.keySet()).forEach(this::clearStreamedBatch);
    super.closeConnection(ch);
  }

  /**
   * Runs a prepared statement once per parameter row, as Calcite does, but with every row's writes
   * going into the same files, committed once when the whole batch has run. An INSERT of one
   * VALUES row of parameters skips the runs: its rows went to the writer of its streamed batch
   * (an empty batch of one has none, and runs nothing).
   */
  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValueLists)
      throws NoSuchStatementException {
    StreamedBatch streamed = streamedBatches.remove(h.id);
    if (streamed != null) {
      return streamed.finish();
    }
    return inOneCommit(() -> {
      checkWritable(h);
      return super.executeBatch(h, parameterValueLists);
    });
  }

  /** Statement.addBatch(sql) batches: every statement's writes committed once, together. */
  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return inOneCommit(() -> {
      sqlCommands.forEach(this::checkWritable);
      return super.prepareAndExecuteBatch(h, sqlCommands);
    });
  }

  /** A batch whose statements run in one append session, committed after the last of them. */
  @FunctionalInterface
  private interface Batch {
    ExecuteBatchResult run() throws NoSuchStatementException;
  }

  private ExecuteBatchResult inOneCommit(Batch batch) throws NoSuchStatementException {
    try (AppendSession session = AppendSession.openBatch()) {
      ExecuteBatchResult result = DriverClassLoader.run(batch::run);
      DriverClassLoader.run(session::commit);
      return result;
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw withSqlState(e);
    } finally {
      forgetLoadedTables();
    }
  }

  private void forgetLoadedTables() {
    BucketSchema bucket = getConnection().rootSchema.plus().unwrap(BucketSchema.class);
    if (bucket != null) {
      bucket.catalog().invalidate();
    }
  }

  /** A read-only connection refuses every statement but queries, before anything is written. */
  void checkWritable(String sql) {
    if (isReadOnly() && !StatementKinds.isReadOnly(sql)) {
      throw readOnlyRefusal();
    }
  }

  /**
   * The same for a statement prepared before the connection became read-only: only queries run.
   * The signature comes from the server's statement, since Avatica sends updates with a handle
   * whose signature it nulled.
   */
  private void checkWritable(StatementHandle h) throws NoSuchStatementException {
    if (!isReadOnly()) {
      return;
    }
    Signature signature = getConnection().server.getStatement(h).getSignature();
    if (signature == null || signature.statementType != StatementType.SELECT) {
      throw readOnlyRefusal();
    }
  }

  private boolean isReadOnly() {
    try {
      return getConnection().isReadOnly();
    } catch (java.sql.SQLException e) {
      throw withSqlState(new IllegalStateException(e));
    }
  }

  static final String READ_ONLY = "The connection is read-only (readOnly=true or setReadOnly(true)); only queries may run";

  private static AvaticaClientRuntimeException readOnlyRefusal() {
    return new AvaticaClientRuntimeException(READ_ONLY, -1, "25006", AvaticaSeverity.ERROR, List.of(), null);
  }

  /**
   * getColumns loads the tables it will describe in parallel first: tools ask for all columns of a
   * schema at once, and Calcite would load its tables one after another.
   */
  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
    BucketSchema bucket = getConnection().rootSchema.plus().unwrap(BucketSchema.class);
    if (bucket != null) {
      Predicate1<String> schemaMatches = matcher(schemaPattern);
      Predicate1<String> tableMatches = matcher(tableNamePattern);
      try {
        DriverClassLoader.run(() -> {
          for (String namespace : bucket.catalog().namespaceNames()) {
            if (schemaMatches.apply(namespace)) {
              bucket.catalog().loadTables(namespace,
                  bucket.catalog().tableNames(namespace).stream().filter(tableMatches::apply).toList());
            }
          }
          return null;
        });
      } catch (RuntimeException e) {
        // A listing that fails here fails again below, where Calcite reports it.
      }
    }
    return super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
  }

  /**
   * A schema's tables by name, the order JDBC gives getTables and getColumns rows within a schema:
   * Calcite lists them in the order of a hash set.
   */
  @Override
  Enumerable<MetaTable> tables(MetaSchema schema, LikePattern tableNamePattern) {
    return super.tables(schema, tableNamePattern).orderBy(table -> table.tableName);
  }

  /** Every statement commits on its own; there is nothing left to commit or roll back. */
  @Override
  public void commit(ConnectionHandle ch) {}

  @Override
  public void rollback(ConnectionHandle ch) {}

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    try {
      return primaryKeys(schema, table);
    } catch (RuntimeException e) {
      // Avatica reports a metadata failure as a SQLException only if it is the cause.
      throw new RuntimeException(new java.sql.SQLException(e.getMessage(), SqlStates.of(e), e));
    }
  }

  private MetaResultSet primaryKeys(String schema, String table) {
    List<PrimaryKeyColumn> keys = new ArrayList<>();
    CalciteSchema root = getConnection().rootSchema;
    BucketSchema bucket = root.plus().unwrap(BucketSchema.class);
    String bucketName = bucket == null ? null : bucket.catalog().bucketName();
    // JDBC gives exact names here; DBeaver also asks with "%" for all tables.
    boolean allTables = table == null || table.equals("%");
    for (CalciteSchema namespace : root.getSubSchemaMap().values()) {
      if (schema != null && !schema.equals("%") && !schema.equals(namespace.getName())) {
        continue;
      }
      for (String tableName : namespace.getTableNames()) {
        if (!allTables && !table.equals(tableName)) {
          continue;
        }
        CalciteSchema.TableEntry entry = namespace.getTable(tableName, true);
        // Asked for all tables, answer from loaded ones: a listing never loads each table.
        if (entry != null && entry.getTable() instanceof IcebergTable iceberg && (!allTables || iceberg.isLoaded())) {
          Schema icebergSchema = iceberg.icebergSchema();
          short seq = 1;
          for (Integer id : icebergSchema.identifierFieldIds()) {
            Types.NestedField field = icebergSchema.findField(id);
            keys.add(new PrimaryKeyColumn(bucketName, namespace.getName(), tableName, icebergSchema.findColumnName(field.fieldId()), seq++));
          }
        }
      }
    }
    return rows(keys, PrimaryKeyColumn.class,
        List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
  }

  /** A getPrimaryKeys row; public fields fill the columns of the same names. */
  public static final class PrimaryKeyColumn {
    public final String tableCat;
    public final String tableSchem;
    public final String tableName;
    public final String columnName;
    public final short keySeq;
    public final String pkName = null;

    PrimaryKeyColumn(String tableCat, String tableSchem, String tableName, String columnName, short keySeq) {
      this.tableCat = tableCat;
      this.tableSchem = tableSchem;
      this.tableName = tableName;
      this.columnName = columnName;
      this.keySeq = keySeq;
    }
  }

  private MetaResultSet rows(List<?> rows, Class<?> rowClass, List<String> names) {
    List<ColumnMetaData> columns = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<String> fieldNames = new ArrayList<>();
    for (String name : names) {
      String fieldName = AvaticaUtils.toCamelCase(name);
      try {
        Field field = rowClass.getField(fieldName);
        columns.add(MetaImpl.columnMetaData(name, columns.size(), field.getType(), !field.getType().isPrimitive()));
        fields.add(field);
        fieldNames.add(fieldName);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
    @SuppressWarnings("unchecked")
    Iterable<Object> iterable = (Iterable<Object>) rows;
    return createResultSet(Map.of(), columns, CursorFactory.record(rowClass, fields, fieldNames), new Frame(0, true, iterable));
  }

  /**
   * The failure as Avatica reports it with a SQLState: Avatica keeps the state of this type. Two
   * errors are failures of the statement, not of the JVM, and are reported the same way: a
   * constant Calcite evaluates in a class initializer (1/0, CAST('x' AS INT)), and a statement
   * nested too deeply for the parser's or planner's recursion.
   */
  static RuntimeException withSqlState(Throwable e) {
    if (e instanceof AvaticaClientRuntimeException || e instanceof AvaticaRuntimeException) {
      return (RuntimeException) e;
    }
    // Avatica keeps no cause, only stack traces as text (AvaticaSqlException.getStackTraces()).
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    return new AvaticaClientRuntimeException(
        SqlStates.message(e), -1, SqlStates.of(e), AvaticaSeverity.ERROR, List.of(trace.toString()), null);
  }
}
