package dev.s3tables.jdbc;

import dev.s3tables.jdbc.config.ConnectionConfig;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchWarehouseException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what opening a catalog throws into SQLExceptions with SQLStates a tool can act on. */
final class Errors {
  private Errors() {}

  static <T> T opening(ConnectionConfig config, Supplier<T> open) throws SQLException {
    try {
      return open.get();
    } catch (NotAuthorizedException | ForbiddenException e) {
      throw new SQLInvalidAuthorizationSpecException(
          "The catalog at " + config.restEndpoint() + " refused the credentials (" + config.credentials()
              + "): " + e.getMessage(),
          "28000",
          e);
    } catch (NoSuchWarehouseException e) {
      // 3D000, invalid catalog name: the bucket is the connection's catalog.
      throw new SQLException(
          "The table bucket " + config.bucket() + " does not exist (" + e.getMessage() + ")", "3D000", e);
    } catch (ServiceUnavailableException | ServiceFailureException e) {
      throw new SQLTransientConnectionException(
          "The catalog at " + config.restEndpoint() + " failed: " + e.getMessage(), "08001", e);
    } catch (SdkClientException e) {
      throw new SQLInvalidAuthorizationSpecException(
          "No AWS credentials could be loaded from " + config.credentials() + ": " + e.getMessage(), "28000", e);
    } catch (RESTException e) {
      if (unreachable(e)) {
        throw new SQLNonTransientConnectionException(
            "Cannot reach the catalog at " + config.restEndpoint() + ": " + rootMessage(e), "08001", e);
      }
      throw new SQLException("The catalog at " + config.restEndpoint() + " failed: " + e.getMessage(), "08001", e);
    } catch (RuntimeException e) {
      throw new SQLException("Cannot open the catalog at " + config.restEndpoint() + ": " + rootMessage(e), "08001", e);
    }
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
