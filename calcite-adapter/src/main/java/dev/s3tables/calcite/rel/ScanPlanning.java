package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.RowIds;
import dev.s3tables.calcite.scan.ScanSpec;
import dev.s3tables.calcite.timetravel.TableVersion;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelWriter;

/**
 * What the planner sees of an Iceberg scan, logical or physical: its row estimate and cost (fewer
 * columns, a filter and a limit each make it cheaper) and its EXPLAIN terms, which tell scans of
 * different snapshots apart.
 */
final class ScanPlanning {
  private ScanPlanning() {}

  static double rowCount(double tableRows, ScanSpec spec) {
    double rows = tableRows;
    if (spec.filter() != null) {
      rows *= 0.25;
    }
    if (spec.limit().isPresent()) {
      rows = Math.min(rows, spec.limit().getAsLong());
    }
    return Math.max(rows, 1);
  }

  /** Volcano compares costs by row count alone, so the share of columns read scales it too. */
  static RelOptCost cost(RelOptPlanner planner, double rows, ScanSpec spec) {
    double columnShare = (spec.projection().length + 1.0) / (spec.columnNames().size() + 1.0);
    return planner.getCostFactory().makeCost(rows * columnShare, rows * columnShare, 0);
  }

  /** The spec as EXPLAIN shows it: columns read, filter pushed, limit, snapshot if not the current one. */
  static RelWriter explain(RelWriter pw, ScanSpec spec) {
    return explainVersion(
        pw.item("columns", spec.projectedNames())
            .itemIf("filter", spec.filterText(), spec.filter() != null)
            .itemIf("limit", spec.limit().isPresent() ? spec.limit().getAsLong() : 0, spec.limit().isPresent())
            .itemIf("rowIds", spec.rowIds(), spec.rowIds() != RowIds.NONE),
        spec);
  }

  static RelWriter explainVersion(RelWriter pw, ScanSpec spec) {
    return pw.itemIf("version", spec.version().toString(), !spec.version().equals(TableVersion.CURRENT));
  }
}
