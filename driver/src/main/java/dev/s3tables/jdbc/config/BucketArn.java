package dev.s3tables.jdbc.config;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;

/** The ARN of a table bucket: {@code arn:<partition>:s3tables:<region>:<account>:bucket/<name>}. */
public record BucketArn(String arn, String partition, String region, String account, String name) {
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
  private static final String SHOWN = "abcdefghijklmnopqrstuvwxyz0123456789:/-_.";

  public BucketArn {
    requireNonNull(arn, "arn");
    requireNonNull(partition, "partition");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    requireNonNull(name, "name");
  }

  /**
   * The ARN as it may appear in a message: up to the first character no ARN has, so that a secret
   * typed after it by mistake (";password=...", "&password=...") is never echoed.
   */
  private static String shown(String text) {
    int end = 0;
    while (end < text.length() && SHOWN.indexOf(Character.toLowerCase(text.charAt(end))) >= 0) {
      end++;
    }
    return end == text.length() ? text : text.substring(0, end) + "...";
  }

  static BucketArn parse(String text) throws SQLException {
    Arn arn;
    try {
      arn = Arn.fromString(text);
    } catch (IllegalArgumentException e) {
      // Nothing is shown of a text that does not start as an ARN: it may be a secret pasted in its place.
      throw ConnectionConfig.invalid("Malformed table bucket ARN "
          + (text.regionMatches(true, 0, "arn:", 0, 4) ? "'" + shown(text) + "'" : "(not shown: it does not start with arn:)")
          + "; " + ConnectionConfig.EXPECTED_FORM);
    }
    if (!"s3tables".equals(arn.service())) {
      throw ConnectionConfig.invalid(
          "Not an S3 Tables ARN (service '" + arn.service() + "'); " + ConnectionConfig.EXPECTED_FORM);
    }
    String region = arn.region().orElse("");
    String account = arn.accountId().orElse("");
    if (region.isEmpty()) {
      throw ConnectionConfig.invalid("The table bucket ARN has no region; " + ConnectionConfig.EXPECTED_FORM);
    }
    if (!ACCOUNT.matcher(account).matches()) {
      throw ConnectionConfig.invalid(
          "The table bucket ARN's account must be 12 digits, was '" + account + "'; " + ConnectionConfig.EXPECTED_FORM);
    }
    String resource = arn.resourceAsString();
    if (!resource.startsWith("bucket/") || !NAME.matcher(resource.substring("bucket/".length())).matches()) {
      throw ConnectionConfig.invalid(
          "The ARN names no table bucket ('" + shown(resource) + "'): the resource is bucket/<name>, a name of 3 to 63"
              + " lowercase letters, digits and hyphens; " + ConnectionConfig.EXPECTED_FORM);
    }
    return new BucketArn(text, arn.partition(), region, account, resource.substring("bucket/".length()));
  }

  @Override
  public String toString() {
    return arn;
  }
}
