package dev.s3tables.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the shape of a physical plan from its EXPLAIN PLAN FOR text, two spaces of indent a level. */
final class ExplainedPlan {
  private static final Pattern TABLE = Pattern.compile("EnumerableIcebergScan\\(table=\\[\\[\\w+, (\\w+)]]");

  private ExplainedPlan() {}

  /**
   * The tables read in the right input of a hash join, which Calcite's hash join loads into its hash
   * table, the left input being streamed through it.
   */
  static List<String> hashedTables(String plan) {
    List<String> lines = plan.lines().toList();
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("EnumerableHashJoin")) {
        int inputIndent = indent(lines.get(i)) + 2;
        int right = i + 1;
        do {
          right++;
        } while (indent(lines.get(right)) > inputIndent);
        for (int j = right; j < lines.size() && indent(lines.get(j)) >= inputIndent; j++) {
          Matcher table = TABLE.matcher(lines.get(j));
          if (table.find()) {
            tables.add(table.group(1));
          }
        }
      }
    }
    return tables.stream().distinct().toList();
  }

  /** The filter pushed into the scan of a table, or "" if none was. */
  static String scanFilter(String plan, String table) {
    return plan.lines()
        .filter(line -> line.contains("EnumerableIcebergScan(table=[[tpch, " + table + "]]"))
        .map(line -> line.contains("filter=[") ? line.substring(line.indexOf("filter=[")) : "")
        .findFirst()
        .orElseThrow(() -> new AssertionError("no scan of " + table + " in\n" + plan));
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
