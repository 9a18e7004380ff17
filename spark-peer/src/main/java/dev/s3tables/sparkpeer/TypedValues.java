package dev.s3tables.sparkpeer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The exact, typed text form in which the interoperability tests compare rows of two engines. It
 * has no dependency on Spark, so the test JVM formats the driver's values with the same code that
 * the Spark JVM formats Spark's with.
 *
 * <p>{@code null}, {@code boolean:true}, {@code int:1}, {@code long:1}, {@code float:NaN}, {@code
 * double:-0.0} (Java's toString, so NaN, infinities and -0.0 are distinct), {@code decimal:1.50}
 * (plain, scale kept), {@code date:2024-01-31}, {@code timestamptz:2024-01-31T10:00:00.123456Z}
 * (UTC, to the microsecond), {@code timestamp:2024-01-31T10:00:00.123456} (no zone), {@code
 * string:"..."} (JSON-style escapes), {@code binary:0aff}. A row is its values joined by {@code ",
 * "} in brackets.
 */
public final class TypedValues {
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  /** The kinds of value, named as the text form names them. */
  public enum Kind { BOOLEAN, INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMPTZ, TIMESTAMP, STRING, BINARY }

  private TypedValues() {}

  /**
   * One value: Boolean, Integer (or Short, Byte), Long, Float, Double, BigDecimal, LocalDate, Instant
   * (TIMESTAMPTZ), LocalDateTime (TIMESTAMP), String or byte[], as the kind says.
   */
  public static String format(Kind kind, Object v) {
    if (v == null) {
      return "null";
    }
    String tag = kind.name().toLowerCase(java.util.Locale.ROOT) + ":";
    return tag + switch (kind) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE -> v.toString();
      case DECIMAL -> ((BigDecimal) v).toPlainString();
      case DATE -> ((LocalDate) v).toString();
      case TIMESTAMPTZ -> MICROS.format(((Instant) v).atOffset(ZoneOffset.UTC)) + "Z";
      case TIMESTAMP -> MICROS.format((LocalDateTime) v);
      case STRING -> quote((String) v);
      case BINARY -> hex((byte[]) v);
    };
  }

  /** A row of already formatted values. */
  public static String row(List<String> values) {
    return "[" + String.join(", ", values) + "]";
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }
}
