package dev.s3tables.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bad-input corpus under {@code src/test/resources/bad-inputs}: its files and their entries. */
final class BadInputs {
  static final String CONNECT = "connect.tsv";
  static final List<String> SQL = List.of(
      "syntax.tsv", "unknown-objects.tsv", "types.tsv", "overflow.tsv", "not-null.tsv", "names.tsv",
      "identifiers.tsv", "huge.tsv", "unsupported.tsv", "ddl.tsv", "dml.tsv", "time-travel.tsv");
  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:([0-9]+):(.*?)}}");

  private BadInputs() {}

  /**
   * One line: the SQLState and a message fragment the input must fail with, the input itself
   * (expanded), and for connect entries whether to log in with the stand-in's credentials.
   */
  record Entry(String file, int line, String sqlState, String fragment, boolean login, String input) {
    Entry {
      requireNonNull(file, "file");
      requireNonNull(sqlState, "sqlState");
      requireNonNull(fragment, "fragment");
      requireNonNull(input, "input");
    }

    @Override
    public String toString() {
      String shown = input.replace("\n", "\\n").replace("\t", "\\t");
      return file + ":" + line + " " + (shown.length() > 120 ? shown.substring(0, 120) + "... (" + shown.length()
          + " chars)" : shown);
    }
  }

  static List<Entry> read(String file) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text(file).split("\n", -1);
    boolean connect = file.equals(CONNECT);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != (connect ? 4 : 3)) {
        throw new IllegalStateException(file + ":" + (i + 1) + " has " + columns.length + " columns: " + line);
      }
      String input = expand(columns[columns.length - 1]);
      boolean login = connect && switch (columns[2]) {
        case "standin" -> true;
        case "none" -> false;
        default -> throw new IllegalStateException(file + ":" + (i + 1) + ": login is standin or none");
      };
      entries.add(new Entry(file, i + 1, columns[0], columns[1], login, input));
    }
    return entries;
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
