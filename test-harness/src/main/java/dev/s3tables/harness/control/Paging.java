package dev.s3tables.harness.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Continuation-token paging as the List operations do it. The token is opaque to clients: the
 * base64 of the sort key of the last item returned, so a page starts after it even if items were
 * added or removed in between.
 */
final class Paging {
  /** The largest page a client may ask for, and the page size when it asks for none. */
  static final int MAX_PAGE_SIZE = 1000;

  private Paging() {}

  record Page<T>(List<T> items, String continuationToken) {
    /** Adds {@code continuationToken} to a response if there are more items. */
    ObjectNode addTokenTo(ObjectNode response) {
      if (continuationToken != null) {
        response.put("continuationToken", continuationToken);
      }
      return response;
    }
  }

  /**
   * The page size: what the client asks for in {@code parameter} (1 to 1000, default 1000), but at
   * most {@code serverMax}.
   */
  static int pageSize(ControlPlaneRequest request, String parameter, int serverMax) {
    Integer asked = request.intParam(parameter);
    if (asked != null && (asked < 1 || asked > MAX_PAGE_SIZE)) {
      throw ServiceException.badRequest(
          parameter + " must be between 1 and " + MAX_PAGE_SIZE + ": " + asked);
    }
    return Math.min(asked == null ? MAX_PAGE_SIZE : asked, serverMax);
  }

  /** The sort key the request's {@code continuationToken} continues after, or null. */
  static String after(ControlPlaneRequest request) {
    String token = request.param("continuationToken");
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServiceException.badRequest("The continuation token is not valid: " + token);
    }
  }

  /**
   * One page of {@code sorted} (ascending by {@code key}): the items after {@code after}, at most
   * {@code size}. Reads at most {@code size + 1} items of the stream.
   */
  static <T> Page<T> page(Stream<T> sorted, Function<T, String> key, String after, int size) {
    List<T> items =
        sorted
            .filter(item -> after == null || key.apply(item).compareTo(after) > 0)
            .limit(size + 1L)
            .toList();
    if (items.size() <= size) {
      return new Page<>(items, null);
    }
    List<T> page = items.subList(0, size);
    String last = key.apply(page.get(size - 1));
    return new Page<>(
        List.copyOf(page),
        Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
  }
}
