package dev.s3tables.harness.http;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.Endpoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

/**
 * The first filter of every endpoint: counts the request by route, then applies the configured
 * latency and faults before the request reaches authentication and the service.
 */
public final class RequestGate extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final transient RequestCounters counters;
  private final transient FaultInjector faults;
  private final boolean storage;
  private final boolean passive;

  private RequestGate(RequestCounters counters, FaultInjector faults, boolean storage, boolean passive) {
    this.counters = requireNonNull(counters, "counters");
    this.faults = requireNonNull(faults, "faults");
    this.storage = storage;
    this.passive = passive;
  }

  /** The gate of the S3 Tables host, which serves the catalog under /iceberg and the control plane. */
  public static RequestGate forS3Tables(RequestCounters counters, FaultInjector faults) {
    return new RequestGate(counters, faults, false, false);
  }

  /** The gate of the object store. */
  public static RequestGate forStorage(RequestCounters counters, FaultInjector faults) {
    return new RequestGate(counters, faults, true, false);
  }

  /** The gate of the catalog's own connector to the object store: no counting, no faults. */
  public static RequestGate forInternalStorage() {
    return new RequestGate(new RequestCounters(), new FaultInjector(), true, true);
  }

  public static Endpoint endpointOf(String path, boolean storage) {
    if (storage) {
      return Endpoint.STORAGE;
    }
    return path.equals("/iceberg") || path.startsWith("/iceberg/")
        ? Endpoint.CATALOG
        : Endpoint.CONTROL_PLANE;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (passive) {
      chain.doFilter(request, response);
      drain(request);
      return;
    }
    String path = request.getRequestURI();
    Endpoint endpoint = endpointOf(path, storage);
    String route = Routes.name(endpoint, request.getMethod(), path, request.getQueryString());
    counters.record(endpoint, route, request.getMethod(), signed(request));
    if (route.equals("GetObject")) {
      counters.recordObjectRead(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    long latency = faults.latencyMillis(endpoint);
    if (latency > 0) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while adding latency", e);
      }
    }
    switch (faults.draw(endpoint)) {
      case INTERNAL_ERROR -> ErrorResponses.injected(response, endpoint, 500);
      case SERVICE_UNAVAILABLE -> ErrorResponses.injected(response, endpoint, 503);
      case CONNECTION_RESET -> {
        reset(request);
        return;
      }
      case NONE -> {
        chain.doFilter(request, response);
        drain(request);
      }
    }
    counters.recordStatus(endpoint, response.getStatus());
  }

  private static boolean signed(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    String query = request.getQueryString();
    return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ")
        || query != null && query.contains("X-Amz-Signature=");
  }

  /**
   * Reads what the handler left of the request body. s3proxy can stop before the trailing
   * checksum of an aws-chunked upload; Jetty then closes the connection after the response
   * without saying so, and the client's next request on that kept-alive connection meets
   * "Unexpected end of file from server".
   */
  private static void drain(HttpServletRequest request) {
    try {
      InputStream in = request.getInputStream();
      byte[] buffer = new byte[8192];
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException | IllegalStateException e) {
      // The handler read the body as characters, or the connection is gone: nothing to drain.
    }
  }

  /** Closes the connection with a TCP reset, as a failing load balancer would. */
  private static void reset(HttpServletRequest request) throws IOException {
    EndPoint endPoint =
        ServletContextRequest.getServletContextRequest(request)
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint();
    if (endPoint instanceof SocketChannelEndPoint socketEndPoint) {
      Socket socket = socketEndPoint.getChannel().socket();
      socket.setSoLinger(true, 0);
    }
    endPoint.close();
  }
}
