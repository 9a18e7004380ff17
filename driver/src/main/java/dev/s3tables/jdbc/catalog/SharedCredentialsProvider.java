package dev.s3tables.jdbc.catalog;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Lets Iceberg's REST signer and S3FileIO, which create their credentials providers by class name,
 * share the one provider a connection opened: each connection registers its provider under an id
 * that travels in the catalog properties, and unregisters it when it closes.
 */
public final class SharedCredentialsProvider implements AwsCredentialsProvider {
  /** The catalog property (after {@code client.credentials-provider.}) that names the provider. */
  static final String ID = "s3tables-jdbc.id";

  private static final Map<String, AwsCredentialsProvider> PROVIDERS = new ConcurrentHashMap<>();

  private final AwsCredentialsProvider delegate;

  private SharedCredentialsProvider(AwsCredentialsProvider delegate) {
    this.delegate = delegate;
  }

  /** Called by Iceberg through reflection with the {@code client.credentials-provider.*} properties. */
  public static AwsCredentialsProvider create(Map<String, String> properties) {
    String id = properties.get(ID);
    AwsCredentialsProvider provider = id == null ? null : PROVIDERS.get(id);
    if (provider == null) {
      throw new IllegalStateException("The connection's credentials are no longer open (connection closed?)");
    }
    return new SharedCredentialsProvider(provider);
  }

  static String register(AwsCredentialsProvider provider) {
    String id = UUID.randomUUID().toString();
    PROVIDERS.put(id, provider);
    return id;
  }

  static void unregister(String id) {
    PROVIDERS.remove(id);
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return delegate.resolveCredentials();
  }

  @Override
  public String toString() {
    return "SharedCredentialsProvider[" + delegate.getClass().getSimpleName() + "]";
  }
}
