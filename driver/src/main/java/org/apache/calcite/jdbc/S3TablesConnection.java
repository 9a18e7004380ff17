package org.apache.calcite.jdbc;

import dev.s3tables.calcite.DaemonPools;
import dev.s3tables.calcite.schema.BucketSchema;
import dev.s3tables.jdbc.DriverClassLoader;
import dev.s3tables.jdbc.StatementKinds;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Calcite connection to one table bucket. {@link #isValid} asks the bucket's catalog. Auto-commit
 * is always on: every statement or batch is one Iceberg commit, so manual commit mode is refused
 * rather than pretending that rollback could undo anything. A read-only connection prepares no
 * statement that would write.
 */
final class S3TablesConnection extends CalciteConnectionImpl {
  /** Probes run here, not in the common pool: a hung endpoint must not starve other work. */
  private static final ExecutorService PROBES = DaemonPools.cached("s3tables-isvalid-probe");

  S3TablesConnection(
      Driver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      @Nullable CalciteSchema rootSchema,
      @Nullable JavaTypeFactory typeFactory) {
    super(driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    if (!autoCommit) {
      throw new SQLFeatureNotSupportedException(
          "Manual commit mode is not supported: every statement or batch is committed on its own", "0A000");
    }
    super.setAutoCommit(true);
  }

  /**
   * Refuses, on a read-only connection, to prepare anything but a query: Calcite prepares without
   * asking the connection's Meta, and runs DDL while preparing it.
   */
  @Override
  public CalcitePreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    if (isReadOnly() && !StatementKinds.isReadOnly(sql)) {
      throw new SQLException(S3TablesMeta.READ_ONLY, "25006");
    }
    return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
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
