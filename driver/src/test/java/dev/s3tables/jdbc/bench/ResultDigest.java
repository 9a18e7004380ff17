package dev.s3tables.jdbc.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical form of a query's answer, so that answers of different engines compare equal when
 * they hold the same values: every value becomes a string (integers as they are; decimals and
 * doubles rounded half-up to {@value #SCALE} decimal places; dates and timestamps in ISO form,
 * whatever class an engine returns them in), and a row is its values joined. It keeps the first
 * {@value #KEPT_ROWS} rows, the row count, and hashes of all rows in order and regardless of order,
 * so answers of millions of rows compare without keeping them.
 *
 * <p>Answers of at most {@value #KEPT_ROWS} rows (aggregates) compare value by value, numbers
 * within one unit of the last place ({@code 0.01}): how a decimal AVG or division is cut to its
 * result scale (truncated or rounded) is implementation-defined in SQL, and engines differ. Larger
 * answers (rows as stored) compare by their hashes, exactly.
 */
final class ResultDigest implements RowSink {
  static final int SCALE = 2;
  static final int KEPT_ROWS = 10_000;

  private final boolean ordered;
  private final List<String[]> kept = new ArrayList<>();
  private long rows;
  private long orderedHash;
  private long unorderedHash;

  /** @param ordered whether row order is part of the answer (the query has an ORDER BY) */
  ResultDigest(boolean ordered) {
    this.ordered = ordered;
  }

  @Override
  public void accept(Object[] row) {
    String[] cells = new String[row.length];
    for (int i = 0; i < row.length; i++) {
      cells[i] = cell(row[i]);
    }
    String line = String.join(" | ", cells);
    long hash = hash(line);
    orderedHash = orderedHash * 1_000_003L + hash;
    unorderedHash += hash;
    if (kept.size() < KEPT_ROWS) {
      kept.add(cells);
    }
    rows++;
  }

  long rows() {
    return rows;
  }

  /** The first rows, canonical; for messages. */
  List<String> firstRows(int n) {
    return kept.subList(0, Math.min(n, kept.size())).stream().map(r -> String.join(" | ", r)).toList();
  }

  /** Null when both answers hold the same rows (in the same order if ordered), else what differs. */
  String differenceFrom(ResultDigest other) {
    if (rows != other.rows) {
      return rows + " rows against " + other.rows + firstDifference(other);
    }
    if (rows <= KEPT_ROWS) {
      String difference = firstDifference(other);
      return difference.isEmpty() ? null : "different rows" + difference;
    }
    boolean same = ordered ? orderedHash == other.orderedHash : unorderedHash == other.unorderedHash;
    return same ? null : "same row count (" + rows + "), different rows (by hash)";
  }

  /** Whether the canonical rows are identical, not only within one unit of the last place. */
  boolean identicalTo(ResultDigest other) {
    return rows == other.rows && (ordered ? orderedHash == other.orderedHash : unorderedHash == other.unorderedHash);
  }

  private String firstDifference(ResultDigest other) {
    if (!ordered && (rows > KEPT_ROWS || other.rows > KEPT_ROWS)) {
      return "";
    }
    List<String[]> mine = ordered ? kept : sorted(kept);
    List<String[]> theirs = ordered ? other.kept : sorted(other.kept);
    for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
      String[] a = i < mine.size() ? mine.get(i) : null;
      String[] b = i < theirs.size() ? theirs.get(i) : null;
      if (a == null || b == null || !sameRow(a, b)) {
        return String.format("; first difference at %srow %d:%n    %s%n    %s", ordered ? "" : "sorted ", i + 1,
            a == null ? "(none)" : String.join(" | ", a), b == null ? "(none)" : String.join(" | ", b));
      }
    }
    return "";
  }

  private static boolean sameRow(String[] a, String[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals(b[i]) && !withinLastPlace(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean withinLastPlace(String a, String b) {
    if (a.indexOf('.') < 0 || b.indexOf('.') < 0) {
      return false;
    }
    try {
      return new BigDecimal(a).subtract(new BigDecimal(b)).abs().compareTo(BigDecimal.ONE.movePointLeft(SCALE)) <= 0;
    } catch (NumberFormatException notNumbers) {
      return false;
    }
  }

  private static List<String[]> sorted(List<String[]> rows) {
    List<String[]> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(r -> String.join(" | ", r)));
    return copy;
  }

  static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.setScale(SCALE, RoundingMode.HALF_UP).toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double x = ((Number) value).doubleValue();
      return Double.isFinite(x) ? BigDecimal.valueOf(x).setScale(SCALE, RoundingMode.HALF_UP).toPlainString() : value.toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime().toString();
    }
    if (value instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (value instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      return HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  /** FNV-1a over the characters, then a 64-bit finaliser (SplitMix64) to spread the bits. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
