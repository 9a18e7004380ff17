package dev.s3tables.harness.auth;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 header authentication as the specification describes it, for
 * services other than S3: the canonical URI is the request path URI-encoded once more, and the
 * payload hash is computed from the body the server received (never taken from a header).
 */
public final class SigV4Verifier {
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=(?<credential>[^,\\s]+)\\s*,\\s*"
              + "SignedHeaders=(?<headers>[^,\\s]+)\\s*,\\s*Signature=(?<signature>[0-9a-f]{64})\\s*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  /** A request as the verifier needs it: raw path and query as sent, headers, body. */
  public record SignedRequest(
      String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public SignedRequest {
      requireNonNull(method, "method");
      requireNonNull(rawPath, "rawPath");
      requireNonNull(headers, "headers");
      requireNonNull(body, "body");
    }

    /** The values of a header, whatever the case of its name. */
    List<String> header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return List.of();
    }
  }

  /** Why a request was refused: the AWS error type and message the service would send. */
  public static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;

    Rejection(String type, String message) {
      super(message, null, false, false);
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  private final String accessKeyId;
  private final byte[] secretKey;
  private final String region;
  private final String service;
  private final Clock clock;

  public SigV4Verifier(String accessKeyId, String secretAccessKey, String region, String service, Clock clock) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretKey = ("AWS4" + requireNonNull(secretAccessKey, "secretAccessKey")).getBytes(StandardCharsets.UTF_8);
    this.region = requireNonNull(region, "region");
    this.service = requireNonNull(service, "service");
    this.clock = requireNonNull(clock, "clock");
  }

  public void verify(SignedRequest request) throws Rejection {
    List<String> authorization = request.header("Authorization");
    if (authorization.isEmpty()) {
      throw new Rejection("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.get(0).trim());
    if (!m.matches()) {
      throw new Rejection(
          "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' of an"
              + " AWS4-HMAC-SHA256 signature.");
    }
    String[] scope = m.group("credential").split("/");
    if (scope.length != 5 || !scope[4].equals("aws4_request")) {
      throw new Rejection("IncompleteSignatureException", "Credential is malformed: " + m.group("credential"));
    }
    if (!scope[0].equals(accessKeyId)) {
      throw new Rejection(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!scope[2].equals(region) || !scope[3].equals(service)) {
      throw new Rejection(
          "InvalidSignatureException",
          "Credential should be scoped to a valid region and service: expected '" + region + "/"
              + service + "', got '" + scope[2] + "/" + scope[3] + "'.");
    }
    String amzDate = firstOrNull(request.header("X-Amz-Date"));
    if (amzDate == null) {
      throw new Rejection("IncompleteSignatureException", "Authorization requires the X-Amz-Date header.");
    }
    Instant signedAt = parseDate(amzDate);
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new Rejection(
          "InvalidSignatureException",
          "Signature expired: " + amzDate + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
    }
    if (!amzDate.startsWith(scope[1])) {
      throw new Rejection(
          "InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
    }
    List<String> signedHeaders = List.of(m.group("headers").split(";"));
    if (!signedHeaders.contains("host")) {
      throw new Rejection("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
    byte[] key = hmac(secretKey, scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, "aws4_request");
    byte[] given = m.group("signature").getBytes(StandardCharsets.US_ASCII);
    String specified = canonicalUri(request.rawPath());
    if (matches(key, amzDate, scopeText, canonicalRequest(request, specified, signedHeaders), given)) {
      return;
    }
    // curl 7.x signs the path as sent instead of encoding it once more; accept that form too, so a
    // person can call the endpoint from a shell. It differs from the specification only for paths
    // that contain percent-encoding.
    if (!specified.equals(request.rawPath())
        && matches(key, amzDate, scopeText, canonicalRequest(request, request.rawPath(), signedHeaders), given)) {
      return;
    }
    throw new Rejection(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.");
  }

  private static boolean matches(byte[] key, String amzDate, String scope, String canonicalRequest, byte[] given) {
    String stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
            + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private static String canonicalRequest(SignedRequest request, String canonicalUri, List<String> signedHeaders)
      throws Rejection {
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.method()).append('\n');
    canonical.append(canonicalUri).append('\n');
    canonical.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = request.header(name);
      if (values.isEmpty()) {
        throw new Rejection("InvalidSignatureException", "Signed header '" + name + "' is missing from the request.");
      }
      List<String> trimmed = new ArrayList<>();
      for (String value : values) {
        trimmed.add(value.trim().replaceAll(" +", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
    canonical.append(hex(sha256(request.body())));
    return canonical.toString();
  }

  /** The path as sent is already URI-encoded once; SigV4 encodes each segment once more. */
  private static String canonicalUri(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    StringJoiner uri = new StringJoiner("/");
    for (String segment : rawPath.split("/", -1)) {
      uri.add(encode(segment));
    }
    return uri.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder query = new StringBuilder();
    for (String[] pair : pairs) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(pair[0]).append('=').append(pair[1]);
    }
    return query.toString();
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String decode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Instant parseDate(String amzDate) throws Rejection {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw new Rejection("IncompleteSignatureException", "X-Amz-Date is not in ISO-8601 basic format: " + amzDate);
    }
  }

  private static String firstOrNull(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
