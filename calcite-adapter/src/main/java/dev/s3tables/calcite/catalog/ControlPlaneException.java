package dev.s3tables.calcite.catalog;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A failed S3 Tables control-plane request, with the SQLState it means to a JDBC user. The message
 * names the operation, the table and the service's own reason; the AWS exception is not kept as the
 * cause, so its stack trace and request details do not travel with the SQLException.
 */
public final class ControlPlaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  private ControlPlaneException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  static ControlPlaneException refused(String operation, String target, SdkServiceException e) {
    int status = e.statusCode();
    String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : null;
    String reason = code == null
        ? String.valueOf(e.getMessage())
        : code + ": " + ((AwsServiceException) e).awsErrorDetails().errorMessage();
    return new ControlPlaneException(
        "The S3 Tables control plane refused " + operation + " for " + target + " (HTTP " + status + ", " + reason + ")",
        stateOf(status, code, e.isThrottlingException()));
  }

  static ControlPlaneException unreachable(String operation, String target, SdkClientException e) {
    return new ControlPlaneException(
        "The S3 Tables control plane could not be asked " + operation + " for " + target + ": " + e.getMessage(), "08006");
  }

  private static String stateOf(int status, String code, boolean throttled) {
    if (status == 401 || status == 403) {
      return "28000";
    }
    if ("UnknownOperationException".equals(code)) {
      // The endpoint does not offer the operation (an endpoint override that serves less).
      return "0A000";
    }
    if (status == 404) {
      return "42S02";
    }
    if (status >= 500 || throttled) {
      return "08006";
    }
    return "HY000";
  }

  public String sqlState() {
    return sqlState;
  }
}
