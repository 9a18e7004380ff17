package dev.s3tables.jdbc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's results: per case the median milliseconds of the driver and of each baseline (or
 * why there is none), the ratios driver/baseline, and a note; as aligned text and as markdown.
 */
final class ResultTable {
  /** Median seconds per engine (engines that ran), text per engine that did not give a time, a note. */
  record Row(String name, Map<String, Double> seconds, Map<String, String> cells, String note) {}

  private final List<String> engines;
  private final List<Row> rows = new ArrayList<>();

  /** @param engines the column headings, the driver's first */
  ResultTable(List<String> engines) {
    this.engines = List.copyOf(engines);
  }

  void add(Row row) {
    rows.add(row);
  }

  Double seconds(String caseName, String engine) {
    return rows.stream().filter(r -> r.name().equals(caseName)).findFirst().map(r -> r.seconds().get(engine)).orElse(null);
  }

  String text() {
    List<List<String>> lines = lines();
    int[] widths = new int[lines.get(0).size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size() - 1; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        boolean last = i == line.size() - 1;
        out.append(last ? cell : i == 0 ? pad(cell, widths[i], false) : pad(cell, widths[i], true)).append(last ? "" : "  ");
      }
      out.append('\n');
    }
    return out.toString();
  }

  String markdown() {
    List<List<String>> lines = lines();
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      out.append("| ").append(String.join(" | ", lines.get(l).stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
      if (l == 0) {
        out.append('|');
        for (int i = 0; i < lines.get(0).size(); i++) {
          out.append(i == 0 || i == lines.get(0).size() - 1 ? " --- |" : " ---: |");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private List<List<String>> lines() {
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("case");
    for (String engine : engines) {
      header.add(engine + " ms");
    }
    for (String peer : engines.subList(1, engines.size())) {
      header.add(engines.get(0) + "/" + peer);
    }
    header.add("note");
    lines.add(header);
    for (Row row : rows) {
      List<String> line = new ArrayList<>();
      line.add(row.name());
      for (String engine : engines) {
        Double s = row.seconds().get(engine);
        line.add(s != null ? millis(s) : row.cells().getOrDefault(engine, "-"));
      }
      Double driver = row.seconds().get(engines.get(0));
      for (String peer : engines.subList(1, engines.size())) {
        Double s = row.seconds().get(peer);
        line.add(driver != null && s != null ? String.format("%.2fx", driver / s) : "");
      }
      line.add(row.note() == null ? "" : row.note());
      lines.add(line);
    }
    return lines;
  }

  static String millis(double seconds) {
    double ms = seconds * 1000;
    return ms < 10 ? String.format("%.1f", ms) : String.format("%,.0f", ms);
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - s.length()));
    return right ? spaces + s : s + spaces;
  }

  /** Builds a row: seconds for the engines that ran, text for those that did not. */
  static final class RowBuilder {
    private final String name;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, String> cells = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    RowBuilder(String name) {
      this.name = name;
    }

    RowBuilder seconds(String engine, double value) {
      seconds.put(engine, value);
      return this;
    }

    RowBuilder cell(String engine, String text) {
      cells.put(engine, text);
      return this;
    }

    RowBuilder note(String note) {
      notes.add(note);
      return this;
    }

    /** Drops every time: an answer that failed its check is never timed. */
    RowBuilder failed(String engine, String text) {
      seconds.clear();
      cells.put(engine, text);
      return this;
    }

    Row build() {
      return new Row(name, Map.copyOf(seconds), Map.copyOf(cells), String.join("; ", notes));
    }
  }
}
