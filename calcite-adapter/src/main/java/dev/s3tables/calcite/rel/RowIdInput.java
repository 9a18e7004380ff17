package dev.s3tables.calcite.rel;

import dev.s3tables.calcite.scan.RowIds;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * The input of a DELETE or UPDATE, rebuilt so that the scan of the changed table adds row ids and
 * every node above it passes them on. Calcite's input selects the rows to change from that table
 * (through projections, filters, and the joins that IN and EXISTS sub-queries became, with the
 * table on their left); only the row ids and, for UPDATE, the new values are kept at the top.
 */
final class RowIdInput {
  private RowIdInput() {}

  /** A node rebuilt: where each old field went, and where the row ids are. */
  private record Rebuilt(RelNode rel, int[] fieldMap, int firstRowId) {
    RexNode remap(RexNode expression) {
      return expression.accept(new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(fieldMap[ref.getIndex()], ref.getType());
        }
      });
    }
  }

  /** The row ids ({@link RowIds#POSITIONS}) of the rows a DELETE removes. */
  static RelNode forDelete(RelNode input, RelOptTable target) {
    Rebuilt rebuilt = rebuild(input, target, RowIds.POSITIONS);
    return top(rebuilt, List.of(), List.of(), RowIds.POSITIONS);
  }

  /**
   * The new values of an UPDATE's rows (expressions over Calcite's input, which holds the table's
   * columns followed by them), then the row ids ({@link RowIds#RECORDS}).
   */
  static RelNode forUpdate(RelNode input, RelOptTable target, List<RexNode> newValues, List<String> columns) {
    Rebuilt rebuilt = rebuild(input, target, RowIds.RECORDS);
    List<RexNode> values = new ArrayList<>();
    for (RexNode value : newValues) {
      values.add(rebuilt.remap(value));
    }
    return top(rebuilt, values, columns, RowIds.RECORDS);
  }

  private static RelNode top(Rebuilt rebuilt, List<RexNode> values, List<String> names, RowIds ids) {
    List<RexNode> projects = new ArrayList<>(values);
    List<String> fieldNames = new ArrayList<>(names);
    RexBuilder rex = rebuilt.rel.getCluster().getRexBuilder();
    for (int i = 0; i < ids.count(); i++) {
      projects.add(rex.makeInputRef(rebuilt.rel, rebuilt.firstRowId + i));
      fieldNames.add(rebuilt.rel.getRowType().getFieldNames().get(rebuilt.firstRowId + i));
    }
    return LogicalProject.create(rebuilt.rel, List.of(), projects, fieldNames, Set.of());
  }

  private static Rebuilt rebuild(RelNode node, RelOptTable target, RowIds ids) {
    if (node instanceof RelSubset subset && subset.getOriginal() != null) {
      return rebuild(subset.getOriginal(), target, ids);
    }
    if (node instanceof IcebergTableScan scan && scan.getTable().getQualifiedName().equals(target.getQualifiedName())
        && scan.spec().rowIds() == RowIds.NONE && scan.spec().limit().isEmpty()) {
      int width = scan.getRowType().getFieldCount();
      return new Rebuilt(scan.withSpec(scan.spec().withRowIds(ids)), identity(width), width);
    }
    if (node instanceof Project project) {
      Rebuilt input = rebuild(project.getInput(), target, ids);
      List<RexNode> projects = new ArrayList<>();
      List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
      for (RexNode expression : project.getProjects()) {
        projects.add(input.remap(expression));
      }
      RexBuilder rex = project.getCluster().getRexBuilder();
      for (int i = 0; i < ids.count(); i++) {
        projects.add(rex.makeInputRef(input.rel, input.firstRowId + i));
        names.add(input.rel.getRowType().getFieldNames().get(input.firstRowId + i));
      }
      RelNode rebuilt = LogicalProject.create(input.rel, project.getHints(), projects, names, project.getVariablesSet());
      return new Rebuilt(rebuilt, identity(project.getProjects().size()), project.getProjects().size());
    }
    if (node instanceof Filter filter) {
      Rebuilt input = rebuild(filter.getInput(), target, ids);
      RelNode rebuilt =
          LogicalFilter.create(input.rel, input.remap(filter.getCondition()), ImmutableSet.copyOf(filter.getVariablesSet()));
      return new Rebuilt(rebuilt, input.fieldMap, input.firstRowId);
    }
    if (node instanceof Join join && passesLeftRows(join.getJoinType()) && join.getVariablesSet().isEmpty()) {
      Rebuilt left = rebuild(join.getLeft(), target, ids);
      int oldLeft = join.getLeft().getRowType().getFieldCount();
      int shift = left.rel.getRowType().getFieldCount() - oldLeft;
      int[] joined = new int[oldLeft + join.getRight().getRowType().getFieldCount()];
      for (int i = 0; i < joined.length; i++) {
        joined[i] = i < oldLeft ? left.fieldMap[i] : i + shift;
      }
      Rebuilt inputs = new Rebuilt(left.rel, joined, left.firstRowId);
      RelNode rebuilt = join.copy(join.getTraitSet(), inputs.remap(join.getCondition()), left.rel, join.getRight(),
          join.getJoinType(), join.isSemiJoinDone());
      int[] output = join.getJoinType().projectsRight() ? joined : left.fieldMap;
      return new Rebuilt(rebuilt, output, left.firstRowId);
    }
    throw new UnsupportedStatementException(
        "DELETE and UPDATE support WHERE conditions and IN or EXISTS sub-queries; this statement's rows to change"
            + " come through " + node.getRelTypeName() + ", which s3tables-jdbc cannot trace back to table rows");
  }

  /** Joins whose output rows each come from one left row, so its row ids name them (repeats are dropped later). */
  private static boolean passesLeftRows(JoinRelType type) {
    return type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.SEMI || type == JoinRelType.ANTI;
  }

  private static int[] identity(int width) {
    int[] map = new int[width];
    Arrays.setAll(map, i -> i);
    return map;
  }
}
