package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;
import dev.s3tables.calcite.timetravel.TableVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelWriter;

/**
 * What the planner sees of an Iceberg scan, logical or physical: its row estimate and cost (fewer
 * columns, a filter and a limit each make it cheaper) and its EXPLAIN terms, which tell scans of
 * different snapshots apart.
 */
final class ScanPlanning {
  private ScanPlanning() {}

  static double rowCount(double tableRows, ScanSpec spec) {
    double rows = matchingRows(tableRows, spec);
    if (spec.limit().isPresent()) {
      rows = Math.min(rows, spec.limit().getAsLong());
    }
    return Math.max(rows, 1);
  }

  private static double matchingRows(double tableRows, ScanSpec spec) {
    return spec.filter() == null ? tableRows : tableRows * 0.25;
  }

  /**
   * Volcano compares costs by row count alone, so the share of columns read scales it too. A scan
   * of first rows reads the keys of every matching row, then every column of the rows it keeps.
   */
  static RelOptCost cost(RelOptPlanner planner, double tableRows, ScanSpec spec) {
    double rows = rowCount(tableRows, spec) * columnShare(spec.projection().length, spec);
    if (spec.order() != null) {
      rows += matchingRows(tableRows, spec) * columnShare(spec.order().getFieldCollations().size(), spec);
    }
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  private static double columnShare(int columns, ScanSpec spec) {
    return (columns + 1.0) / (spec.columnNames().size() + 1.0);
  }

  /** The spec as EXPLAIN shows it: columns read, filter pushed, limit, snapshot if not the current one. */
  static RelWriter explain(RelWriter pw, ScanSpec spec) {
    return explainVersion(
        pw.item("columns", spec.projectedNames())
            .itemIf("filter", spec.filterText(), spec.filter() != null)
            .itemIf("limit", spec.limit().isPresent() ? spec.limit().getAsLong() : 0, spec.limit().isPresent())
            .itemIf("firstBy", firstByText(spec), spec.order() != null)
            .itemIf("rowIds", spec.rowIds(), spec.rowIds() != RowIds.NONE),
        spec);
  }

  /** The order's keys by name, as {@code [l_extendedprice DESC, l_orderkey]}. */
  private static String firstByText(ScanSpec spec) {
    List<String> names = spec.orderNames();
    List<String> keys = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      RelFieldCollation key = spec.order().getFieldCollations().get(i);
      String direction = key.getDirection() == RelFieldCollation.Direction.DESCENDING ? " DESC" : "";
      String nulls = key.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED ? "" : " NULLS " + key.nullDirection;
      keys.add(names.get(i) + direction + nulls);
    }
    return keys.toString();
  }

  static RelWriter explainVersion(RelWriter pw, ScanSpec spec) {
    return pw.itemIf("version", spec.version().toString(), !spec.version().equals(TableVersion.CURRENT));
  }
}
