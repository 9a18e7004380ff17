package dev.s3tables.harness.storage;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServlet;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The object store of the stand-in: s3proxy's S3 protocol handler with SigV4 authentication, over
 * an in-memory or a filesystem blob store. The handler is mounted in the stand-in's own server,
 * behind its request counters and faults, instead of in s3proxy's embedded one.
 */
public final class ObjectStore implements AutoCloseable {
  private final BlobStore blobStore;
  private final HttpServlet servlet;

  private ObjectStore(BlobStore blobStore, HttpServlet servlet) {
    this.blobStore = blobStore;
    this.servlet = servlet;
  }

  /**
   * @param dataDir where objects live, or null to keep them in memory
   */
  public static ObjectStore create(Path dataDir, String accessKeyId, String secretAccessKey) {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    BlobStore backend;
    if (dataDir == null) {
      backend = BlobStores.create("transient", new Properties());
    } else {
      Path objects = dataDir.resolve("objects");
      try {
        Files.createDirectories(objects);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Cannot create " + objects, e);
      }
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", objects.toString());
      backend = BlobStores.create("filesystem", properties);
    }
    BlobStore blobStore = new TableStorageBlobStore(backend);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
            .ignoreUnknownHeaders(true)
            .build();
    return new ObjectStore(blobStore, protocolHandler(proxy));
  }

  /** The servlet that speaks the S3 protocol; mounted at the root of the storage server. */
  public HttpServlet servlet() {
    return servlet;
  }

  /** Creates the storage bucket of a new table and returns the table's location. */
  public String newTableLocation() {
    String bucket = UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + TableStorageBlobStore.SUFFIX;
    blobStore.createContainer(bucket);
    return "s3://" + bucket;
  }

  @Override
  public void close() {
    blobStore.close();
  }

  /**
   * s3proxy builds its handler servlet inside its own embedded Jetty and offers no accessor; the
   * servlet itself depends only on the Servlet API, so it runs in any container.
   */
  private static HttpServlet protocolHandler(S3Proxy proxy) {
    try {
      Field handler = S3Proxy.class.getDeclaredField("handler");
      handler.setAccessible(true);
      return (HttpServlet) handler.get(proxy);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Unsupported s3proxy version: no handler servlet found", e);
    }
  }
}
