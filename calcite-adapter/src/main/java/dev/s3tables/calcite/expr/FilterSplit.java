package dev.s3tables.calcite.expr;

import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A filter condition split by {@link ExpressionConverter#split}: the conjuncts Iceberg evaluates
 * exactly and the ones Calcite still has to; each is null when there is none.
 */
public record FilterSplit(@Nullable RexNode pushed, @Nullable RexNode remainder) {}
