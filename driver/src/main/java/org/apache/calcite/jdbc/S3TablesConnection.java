package org.apache.calcite.jdbc;

import dev.s3tables.calcite.DaemonPools;
import dev.s3tables.calcite.rel.ParameterRowInsert;
import dev.s3tables.calcite.schema.BucketSchema;
import dev.s3tables.calcite.types.S3TablesTypeFactory;
import dev.s3tables.calcite.types.S3TablesTypeSystem;
import dev.s3tables.jdbc.DriverClassLoader;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Helper;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Calcite connection to one table bucket: character types and literals are UTF-8 ({@link
 * S3TablesTypeFactory}), {@link #isValid} asks the bucket's catalog, integer
 * arithmetic fails on overflow (SQLState 22003) instead of wrapping around, and a read-only mode
 * set in the connection properties cannot be lifted. Auto-commit is always on: every statement or
 * batch is one Iceberg commit, so manual commit mode is refused rather than pretending that
 * rollback could undo anything.
 */
final class S3TablesConnection extends CalciteConnectionImpl {
  /** Probes run here, not in the common pool: a hung endpoint must not starve other work. */
  private static final ExecutorService PROBES = DaemonPools.cached("s3tables-isvalid-probe");

  private volatile boolean readOnlyLocked;
  private volatile @Nullable SQLWarning warnings;

  S3TablesConnection(
      Driver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      @Nullable CalciteSchema rootSchema,
      @Nullable JavaTypeFactory typeFactory) {
    super(driver, factory, url, info, rootSchema,
        typeFactory != null ? typeFactory : new S3TablesTypeFactory(S3TablesTypeSystem.INSTANCE));
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    if (!autoCommit) {
      throw new SQLFeatureNotSupportedException(
          "Manual commit mode is not supported: every statement or batch is committed on its own", "0A000");
    }
    super.setAutoCommit(true);
  }

  /** Calcite's settings, with checked arithmetic: 2147483647 + 1 fails rather than giving -2147483648. */
  @Override
  public CalciteConnectionConfig config() {
    return new CalciteConnectionConfigImpl(info) {
      @Override
      public SqlConformance conformance() {
        return new CheckedArithmetic(super.conformance());
      }
    };
  }

  /** The conformance Calcite's is, but with arithmetic on exact numbers checked for overflow. */
  private static final class CheckedArithmetic extends SqlDelegatingConformance {
    CheckedArithmetic(SqlConformance delegate) {
      super(delegate);
    }

    @Override
    public boolean checkedArithmetic() {
      return true;
    }
  }

  /** Makes the connection read-only for good, as readOnly=true in its properties asks. */
  void lockReadOnly() throws SQLException {
    super.setReadOnly(true);
    readOnlyLocked = true;
  }

  /**
   * A connection made read-only by its properties stays read-only: {@code setReadOnly(false)}
   * leaves it so and says why in a warning, instead of failing, because pools and tools call it
   * when they hand out a connection.
   */
  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    if (!readOnly && readOnlyLocked) {
      checkOpen();
      addWarning(new SQLWarning(
          "The connection stays read-only: readOnly=true in its properties cannot be lifted with setReadOnly(false)",
          "01000"));
      return;
    }
    super.setReadOnly(readOnly);
  }

  private synchronized void addWarning(SQLWarning warning) {
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  /**
   * Calcite prepares here without asking the Meta, and runs DDL while preparing: the statement
   * gets the read-only check and the SQLStates that executed statements get. An INSERT of one
   * VALUES row of parameters is recognised from its plan, for its batches to skip the run per row.
   */
  @Override
  public CalcitePreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    checkOpen();
    String failed = "Error while preparing statement [" + sql + "]";
    try {
      S3TablesMeta meta = (S3TablesMeta) meta();
      meta.checkWritable(sql);
      List<RelNode> plans = new ArrayList<>();
      CalcitePreparedStatement statement;
      try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) -> {
        plans.add(root.rel);
      })) {
        statement = DriverClassLoader.run(() -> super.prepareStatement(sql, type, concurrency, holdability));
      }
      if (plans.size() == 1) {
        ParameterRowInsert.of(plans.get(0)).ifPresent(insert -> meta.batchDirectly(statement.handle, insert));
      }
      return statement;
    } catch (SQLException e) {
      throw e.getSQLState() != null || e.getCause() == null ? e : failure(failed, sql, e.getCause());
    } catch (RuntimeException | ExceptionInInitializerError | StackOverflowError e) {
      throw failure(failed, sql, e);
    }
  }

  /** Statement.executeBatch: Avatica lets a RuntimeException of this step through; it becomes a SQLException. */
  @Override
  protected Meta.ExecuteBatchResult prepareAndUpdateBatch(AvaticaStatement statement, List<String> queries)
      throws NoSuchStatementException, SQLException {
    try {
      return super.prepareAndUpdateBatch(statement, queries);
    } catch (RuntimeException e) {
      throw failure("Error while executing a batch of " + queries.size() + " statements", null, e);
    }
  }

  /**
   * PreparedStatement.executeBatch fails with a BatchUpdateException, as JDBC has it (Avatica's is a
   * plain SQLException). A failed batch commits nothing, so it reports no update counts.
   */
  @Override
  protected long[] executeBatchUpdateInternal(AvaticaPreparedStatement statement) throws SQLException {
    try {
      return super.executeBatchUpdateInternal(statement);
    } catch (BatchUpdateException e) {
      throw e;
    } catch (SQLException e) {
      throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), new long[0], e);
    }
  }

  private static SQLException failure(String context, @Nullable String sql, Throwable e) {
    RuntimeException reported = S3TablesMeta.withSqlState(e);
    return Helper.INSTANCE.createException(context + ": " + reported.getMessage(), sql, reported);
  }

  /** True if the catalog answers a namespace listing within the timeout (seconds, 0 for none). */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("timeout must be >= 0, was " + timeout, "HY024");
    }
    BucketSchema bucket = rootSchema.plus().unwrap(BucketSchema.class);
    if (isClosed() || bucket == null) {
      return false;
    }
    CompletableFuture<Boolean> probe =
        CompletableFuture.supplyAsync(
            () -> DriverClassLoader.run(() -> {
              bucket.catalog().namespaces().listNamespaces();
              return true;
            }),
            PROBES);
    try {
      return timeout == 0 ? probe.get() : probe.get(timeout, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      probe.cancel(true);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
