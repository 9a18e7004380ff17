package dev.s3tables.calcite;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pools for the driver's background work (reading ahead, loading tables, probing): daemon
 * threads that end after a few idle seconds, so an application that stops using the driver gets its
 * threads back, and whose context class loader is the driver's, because Iceberg and the AWS SDK
 * load classes by name through it.
 */
public final class DaemonPools {
  private static final long KEEP_ALIVE_SECONDS = 5;

  private DaemonPools() {}

  /** A pool that grows as work comes, with threads named {@code <name>-<n>}. */
  public static ExecutorService cached(String name) {
    requireNonNull(name, "name");
    AtomicInteger count = new AtomicInteger();
    ClassLoader loader = DaemonPools.class.getClassLoader();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          thread.setContextClassLoader(loader);
          return thread;
        });
  }
}
