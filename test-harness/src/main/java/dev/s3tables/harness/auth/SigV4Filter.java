package dev.s3tables.harness.auth;

import static java.util.Objects.requireNonNull;

import dev.s3tables.harness.Endpoint;
import dev.s3tables.harness.http.ErrorResponses;
import dev.s3tables.harness.http.RequestGate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses every request to the S3 Tables host that does not carry a valid SigV4 signature, with
 * the 403 the service sends. The body is read once, hashed by the verifier and replayed to the
 * servlet behind.
 */
public final class SigV4Filter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final transient SigV4Verifier verifier;

  public SigV4Filter(SigV4Verifier verifier) {
    this.verifier = requireNonNull(verifier, "verifier");
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    byte[] body = request.getInputStream().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), Collections.list(request.getHeaders(name)));
    }
    try {
      verifier.verify(
          new SigV4Verifier.SignedRequest(
              request.getMethod(), request.getRequestURI(), request.getQueryString(), headers, body));
    } catch (SigV4Verifier.Rejection rejection) {
      Endpoint endpoint = RequestGate.endpointOf(request.getRequestURI(), false);
      if (endpoint == Endpoint.CATALOG) {
        // The Iceberg REST endpoint answers authentication failures as REST-JSON too, but
        // Iceberg clients read the message best from an Iceberg error body.
        ErrorResponses.iceberg(response, 403, rejection.type(), rejection.getMessage());
      } else {
        ErrorResponses.awsJson(response, 403, rejection.type(), rejection.getMessage());
      }
      return;
    }
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  /** The request with its body served again from memory. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
