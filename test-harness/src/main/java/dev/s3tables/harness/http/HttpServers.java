package dev.s3tables.harness.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty set-up shared by the stand-in's servers: loopback only, free ports, the service's URIs. */
public final class HttpServers {
  private HttpServers() {}

  /** A server with no connectors yet, whose threads are named after it. */
  public static Server newServer(String name) {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName(name);
    pool.setDaemon(true);
    Server server = new Server(pool);
    // Stop at once: a client's idle keep-alive connection must not hold up a test's teardown.
    server.setStopTimeout(0);
    return server;
  }

  /**
   * Adds a connector on 127.0.0.1 and a free port. S3 Tables puts the URL-encoded bucket ARN in
   * the path, so encoded slashes must reach the servlets as they were sent.
   *
   * @param legacy the looser HTTP parsing that S3 clients need (as s3proxy uses it)
   */
  public static ServerConnector addLoopbackConnector(Server server, String name, boolean legacy) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(true);
    // Jetty's header cache would hand out known values in its own case ("charset=utf-8" for a
    // client's "charset=UTF-8"), and signatures cover header values exactly.
    config.setHeaderCacheCaseSensitive(true);
    if (legacy) {
      config.setHttpCompliance(HttpCompliance.LEGACY);
      config.setUriCompliance(UriCompliance.LEGACY);
    } else {
      config.setUriCompliance(
          UriCompliance.DEFAULT.with(
              "s3tables",
              UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
              UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setName(name);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    // Never take over the port of a stand-in that just stopped: clients keep idle connections to it
    // in the JVM-wide keep-alive cache, and would send the next request into a dead socket.
    connector.setReuseAddress(false);
    // Let clients close idle connections first (the JDK's keep-alive cache drops them after 5 s);
    // a server that closes first races with a client reusing the connection for its next request.
    connector.setIdleTimeout(300_000);
    server.addConnector(connector);
    return connector;
  }

  /** A servlet context served only on the named connector, with the filters in order. */
  public static ServletContextHandler context(String connectorName, List<Filter> filters) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setVirtualHosts(List.of("@" + connectorName));
    context.getServletHandler().setDecodeAmbiguousURIs(true);
    for (Filter filter : filters) {
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    return context;
  }

  /** Logs every request the server answers to standard error, prefixed with the server's role. */
  public static void logRequests(Server server, String role) {
    server.setRequestLog(
        new CustomRequestLog(
            line -> System.err.println(role + " " + line), "%{yyyy-MM-dd'T'HH:mm:ss.SSS}t %m %U%q %s %{ms}Tms"));
  }

  public static void addServlet(ServletContextHandler context, HttpServlet servlet, String pathSpec) {
    context.addServlet(new ServletHolder(servlet), pathSpec);
  }
}
