package dev.s3tables.jdbc.config;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Where a connection's AWS credentials come from. Its {@code toString} names the source, never a
 * secret, so it can appear in error messages ("which credential source was used").
 */
public sealed interface CredentialsSource {

  /** A provider for REST signing, S3 and the control plane; close it with the connection. */
  AwsCredentialsProvider provider(String region);

  /** A provider that releases the clients behind it when closed. */
  record ClosingProvider(AwsCredentialsProvider delegate, SdkAutoCloseable closer)
      implements AwsCredentialsProvider, SdkAutoCloseable {
    @Override
    public AwsCredentials resolveCredentials() {
      return delegate.resolveCredentials();
    }

    @Override
    public void close() {
      closer.close();
    }
  }

  /** Keys given in the connection (user/password or accessKeyId/secretAccessKey). */
  record StaticKeys(String accessKeyId, String secretAccessKey, String sessionToken) implements CredentialsSource {
    public StaticKeys {
      requireNonNull(accessKeyId, "accessKeyId");
      requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public AwsCredentialsProvider provider(String region) {
      return StaticCredentialsProvider.create(
          sessionToken == null
              ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
              : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    }

    @Override
    public String toString() {
      return "access key " + accessKeyId + " from the connection properties"
          + (sessionToken == null ? "" : " with a session token");
    }
  }

  /** A named profile of the AWS config and credentials files. */
  record Profile(String name) implements CredentialsSource {
    public Profile {
      requireNonNull(name, "name");
    }

    @Override
    public AwsCredentialsProvider provider(String region) {
      return ProfileCredentialsProvider.create(name);
    }

    @Override
    public String toString() {
      return "AWS profile '" + name + "'";
    }
  }

  /** The AWS SDK's default chain: environment, system properties, files, SSO, container, instance. */
  record DefaultChain() implements CredentialsSource {
    @Override
    public AwsCredentialsProvider provider(String region) {
      return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
      return "the AWS default credentials chain";
    }
  }

  /** A role assumed with STS, with the base credentials as the caller. */
  record AssumedRole(String roleArn, String sessionName, CredentialsSource base) implements CredentialsSource {
    public AssumedRole {
      requireNonNull(roleArn, "roleArn");
      requireNonNull(sessionName, "sessionName");
      requireNonNull(base, "base");
    }

    @Override
    public AwsCredentialsProvider provider(String region) {
      AwsCredentialsProvider caller = base.provider(region);
      StsClient sts =
          StsClient.builder()
              .region(Region.of(region))
              .credentialsProvider(caller)
              .build();
      StsAssumeRoleCredentialsProvider assumed =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts)
              .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
              .build();
      return new ClosingProvider(assumed, () -> {
        assumed.close();
        sts.close();
        if (caller instanceof SdkAutoCloseable closeable) {
          closeable.close();
        }
      });
    }

    @Override
    public String toString() {
      return "role " + roleArn + " assumed with " + base;
    }
  }
}
