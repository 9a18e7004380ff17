package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.ScanSpec;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;

/** How the planner weighs an Iceberg scan: fewer columns, a filter and a limit each make it cheaper. */
final class ScanCosts {
  private ScanCosts() {}

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
}
