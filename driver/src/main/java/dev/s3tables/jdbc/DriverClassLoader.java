package dev.s3tables.jdbc;

import static java.util.Objects.requireNonNull;

/**
 * Runs driver work with the driver's own class loader as the thread's context class loader.
 * Iceberg and the AWS SDK load classes by name through the context loader (credentials providers,
 * HTTP client configurations, file IO), while SQL tools such as DBeaver load each driver in a class
 * loader of its own and leave theirs as the context loader of the threads that call the driver.
 */
public final class DriverClassLoader {
  private static final ClassLoader OWN = DriverClassLoader.class.getClassLoader();

  private DriverClassLoader() {}

  /** A piece of driver work. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  public static <T, E extends Exception> T run(Work<T, E> work) throws E {
    requireNonNull(work, "work");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (previous == OWN) {
      return work.run();
    }
    thread.setContextClassLoader(OWN);
    try {
      return work.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
