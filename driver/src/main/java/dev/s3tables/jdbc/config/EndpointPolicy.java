package dev.s3tables.jdbc.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which endpoints the driver may send signed requests to: https anywhere, plain http only to this
 * machine (loopback), unless {@code allowInsecureEndpoints=true}. Over plain http the session
 * token, the signatures (replayable for minutes) and the data would cross the network in the clear.
 */
public final class EndpointPolicy {
  /** The catalog property that carries the opt-out to the FileIO, which Iceberg creates by class name. */
  public static final String ALLOW_INSECURE_CATALOG_PROPERTY = "s3tables-jdbc.allow-insecure-endpoints";

  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private EndpointPolicy() {}

  /** Refuses a configured endpoint the policy forbids, before anything is sent. */
  static void checkConfigured(ConnectionProperty property, URI endpoint, boolean allowInsecure) throws SQLException {
    if (!allowInsecure && !isEncryptedOrLocal(endpoint)) {
      throw ConnectionConfig.invalid(property.key() + " is plain http to " + endpoint.getHost()
          + ", which is not this machine: requests signed with your credentials and your data would travel"
          + " unencrypted. Use https, or set " + ConnectionProperty.ALLOW_INSECURE_ENDPOINTS.key()
          + "=true to allow it");
    }
  }

  /**
   * Refuses an endpoint the catalog service hands out (in its configuration or a table's), which
   * the user never configured: the same rule as for configured ones.
   */
  public static void checkAdvertised(String what, String endpoint, boolean allowInsecure) {
    requireNonNull(what, "what");
    if (endpoint == null || allowInsecure) {
      return;
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new InsecureEndpointException("The catalog gave " + what + " '" + endpoint + "', which is not a URL");
    }
    if (!isEncryptedOrLocal(uri)) {
      throw new InsecureEndpointException("The catalog gave " + what + " " + uri.getScheme() + "://" + uri.getHost()
          + ", plain http to another machine; the driver sends no credentials there unless "
          + ConnectionProperty.ALLOW_INSECURE_ENDPOINTS.key() + "=true");
    }
  }

  /** True for https, and for http to a loopback address or {@code localhost}. */
  public static boolean isEncryptedOrLocal(URI endpoint) {
    String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
    return scheme.equals("https") || scheme.equals("http") && isLoopback(endpoint.getHost());
  }

  /**
   * Judged from the host's literal form only: a name other than {@code localhost} is never
   * resolved, so the check sends nothing over the network and a DNS answer cannot change it.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (IPV4_LITERAL.matcher(h).matches()) {
      String[] octets = h.split("\\.");
      for (String octet : octets) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return octets[0].equals("127");
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      try {
        // An IPv6 literal (it has a ':'): getByName parses it or fails, and asks no resolver.
        return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** An endpoint from the catalog service that the policy forbids; SQLState 08001. */
  public static final class InsecureEndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsecureEndpointException(String message) {
      super(message);
    }
  }
}
