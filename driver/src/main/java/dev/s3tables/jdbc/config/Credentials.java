package dev.s3tables.jdbc.config;

import java.sql.SQLException;
import java.util.Map;

/** Chooses the credentials source from the connection properties, refusing conflicting ones. */
final class Credentials {
  private Credentials() {}

  static CredentialsSource from(Map<ConnectionProperty, String> values) throws SQLException {
    String keyId = same(values, ConnectionProperty.USER, ConnectionProperty.ACCESS_KEY_ID);
    String secret = same(values, ConnectionProperty.PASSWORD, ConnectionProperty.SECRET_ACCESS_KEY);
    String token = values.get(ConnectionProperty.SESSION_TOKEN);
    String profile = values.get(ConnectionProperty.PROFILE);
    if ((keyId == null) != (secret == null)) {
      throw ConnectionConfig.invalid(
          keyId == null
              ? "A secret access key (password) was given without an access key id (user)"
              : "An access key id (user) was given without a secret access key (password)");
    }
    if (token != null && keyId == null) {
      throw ConnectionConfig.invalid("sessionToken needs an access key id (user) and secret (password)");
    }
    if (keyId != null && profile != null) {
      throw ConnectionConfig.invalid("Give either access keys (user/password) or a profile, not both");
    }
    CredentialsSource base =
        keyId != null
            ? new CredentialsSource.StaticKeys(keyId, secret, token)
            : profile != null ? new CredentialsSource.Profile(profile) : new CredentialsSource.DefaultChain();
    String roleArn = values.get(ConnectionProperty.ROLE_ARN);
    if (roleArn == null) {
      if (values.containsKey(ConnectionProperty.ROLE_SESSION_NAME)) {
        throw ConnectionConfig.invalid("roleSessionName needs roleArn");
      }
      return base;
    }
    return new CredentialsSource.AssumedRole(
        roleArn,
        values.getOrDefault(ConnectionProperty.ROLE_SESSION_NAME, ConnectionProperty.ROLE_SESSION_NAME.defaultValue()),
        base);
  }

  /** The value of two keys that mean the same thing; they must agree if both are given. */
  private static String same(Map<ConnectionProperty, String> values, ConnectionProperty a, ConnectionProperty b)
      throws SQLException {
    String first = values.get(a);
    String second = values.get(b);
    if (first != null && second != null && !first.equals(second)) {
      throw ConnectionConfig.invalid(a.key() + " and " + b.key() + " are both given and differ");
    }
    return first != null ? first : second;
  }
}
