package dev.s3tables.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bad-input corpus under {@code src/test/resources/bad-inputs}: its files and their entries. */
final class BadInputs {
  static final String CONNECT = "connect.tsv";
  static final String PARAMETERS = "parameters.tsv";
  static final List<String> SQL = List.of(
      "syntax.tsv", "unknown-objects.tsv", "types.tsv", "overflow.tsv", "not-null.tsv", "names.tsv",
      "identifiers.tsv", "huge.tsv", "unsupported.tsv", "ddl.tsv", "dml.tsv", "time-travel.tsv");
  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:([0-9]+):(.*?)}}");

  private BadInputs() {}

  /**
   * One line: the SQLState and a message fragment the input must fail with, the input itself
   * (expanded), for connect entries whether to log in with the stand-in's credentials, and for
   * parameter entries the value of the statement's one parameter ({@code kind:value}, see {@link #bind}).
   */
  record Entry(String file, int line, String sqlState, String fragment, boolean login, String parameter, String input) {
    Entry {
      requireNonNull(file, "file");
      requireNonNull(sqlState, "sqlState");
      requireNonNull(fragment, "fragment");
      requireNonNull(parameter, "parameter");
      requireNonNull(input, "input");
    }

    @Override
    public String toString() {
      String shown = input.replace("\n", "\\n").replace("\t", "\\t");
      return file + ":" + line + " " + (shown.length() > 120 ? shown.substring(0, 120) + "... (" + shown.length()
          + " chars)" : shown) + (parameter.isEmpty() ? "" : " with " + parameter);
    }
  }

  static List<Entry> read(String file) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text(file).split("\n", -1);
    boolean connect = file.equals(CONNECT);
    boolean parameters = file.equals(PARAMETERS);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != (connect || parameters ? 4 : 3)) {
        throw new IllegalStateException(file + ":" + (i + 1) + " has " + columns.length + " columns: " + line);
      }
      String input = expand(columns[columns.length - 1]);
      boolean login = connect && switch (columns[2]) {
        case "standin" -> true;
        case "none" -> false;
        default -> throw new IllegalStateException(file + ":" + (i + 1) + ": login is standin or none");
      };
      entries.add(new Entry(file, i + 1, columns[0], columns[1], login, parameters ? columns[2] : "", input));
    }
    return entries;
  }

  /**
   * Sets a parameter as an application would: {@code long:N}, {@code double:D}, {@code decimal:D},
   * {@code string:text}, {@code bytes:N} (N bytes), {@code date:yyyy-mm-dd} (a LocalDate) or {@code
   * int:N}.
   */
  static void bind(PreparedStatement ps, int index, String parameter) throws SQLException {
    String kind = parameter.substring(0, parameter.indexOf(':'));
    String value = parameter.substring(kind.length() + 1);
    switch (kind) {
      case "long" -> ps.setLong(index, Long.parseLong(value));
      case "int" -> ps.setInt(index, Integer.parseInt(value));
      case "double" -> ps.setDouble(index, Double.parseDouble(value));
      case "decimal" -> ps.setBigDecimal(index, new BigDecimal(value));
      case "string" -> ps.setString(index, value);
      case "bytes" -> ps.setBytes(index, new byte[Integer.parseInt(value)]);
      case "date" -> ps.setObject(index, LocalDate.parse(value));
      default -> throw new IllegalArgumentException("No parameter kind " + kind);
    }
  }

  /** {@code {{repeat:N:text}}} repeated, then {@code \n} and {@code \t}. */
  static String expand(String text) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString().replace("\\n", "\n").replace("\\t", "\t");
  }

  private static String text(String file) {
    try (InputStream in = BadInputs.class.getResourceAsStream("/bad-inputs/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No corpus file " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
