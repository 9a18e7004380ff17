package dev.s3tables.calcite.expr;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.expr.CalciteValues.Kind;
import dev.s3tables.calcite.expr.IcebergPredicates.Column;
import dev.s3tables.calcite.expr.IcebergPredicates.Op;
import dev.s3tables.calcite.types.S3TablesTypeFactory;
import dev.s3tables.calcite.types.S3TablesTypeSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts a Calcite filter condition over an Iceberg table scan into an Iceberg
 * {@link Expression} that selects exactly the rows for which Calcite evaluates the condition to
 * TRUE.
 *
 * <p>At plan time {@link #split} keeps the conjuncts that convert completely; at execution time
 * {@link #toIceberg} converts them with the values bound to the statement's parameters.
 *
 * <p>Conversion puts the condition in negation normal form under SQL's three-valued logic: for
 * every sub-expression it builds the rows where it is TRUE, or, under a NOT, the rows where it is
 * FALSE (never the complement, which would keep the UNKNOWN rows). SEARCH is expanded with
 * {@link RexUtil#expandSearch}, the same expansion Calcite's code generator evaluates.
 */
public final class ExpressionConverter {

  private ExpressionConverter() {}

  /**
   * Splits a filter condition over a scan into the conjuncts that convert completely and the
   * rest.
   *
   * @param columnNames the Iceberg top-level column behind each input field ({@code $i})
   */
  public static FilterSplit split(RexNode condition, List<String> columnNames, Schema schema,
      RexBuilder rexBuilder) {
    requireNonNull(condition, "condition");
    Translator translator = new Translator(requireNonNull(columnNames, "columnNames"),
        requireNonNull(schema, "schema"), requireNonNull(rexBuilder, "rexBuilder"), null);
    List<RexNode> pushed = new ArrayList<>();
    List<RexNode> remainder = new ArrayList<>();
    RexShuttle literalCasts = new LiteralCastFolder(rexBuilder);
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      RexNode folded = conjunct.accept(literalCasts);
      if (translator.rows(folded, false) != null) {
        pushed.add(folded);
      } else {
        remainder.add(conjunct);
      }
    }
    return new FilterSplit(RexUtil.composeConjunction(rexBuilder, pushed, true),
        RexUtil.composeConjunction(rexBuilder, remainder, true));
  }

  /**
   * Converts the pushed part of a {@link FilterSplit}.
   *
   * @param parameters the value bound to parameter {@code i} (Calcite's DataContext {@code "?i"});
   *     a NULL, or a value Calcite cannot use for the parameter's type, makes the comparisons
   *     with it UNKNOWN (no row matches them)
   * @throws IllegalArgumentException if {@code pushed} was not pushed by {@link #split}
   */
  public static Expression toIceberg(RexNode pushed, List<String> columnNames, Schema schema,
      IntFunction<@Nullable Object> parameters) {
    requireNonNull(pushed, "pushed");
    Translator translator = new Translator(requireNonNull(columnNames, "columnNames"),
        requireNonNull(schema, "schema"), new RexBuilder(new S3TablesTypeFactory(S3TablesTypeSystem.INSTANCE)),
        requireNonNull(parameters, "parameters"));
    Expression expression = translator.rows(pushed, false);
    if (expression == null) {
      throw new IllegalArgumentException("Not convertible to an Iceberg expression: " + pushed);
    }
    return expression;
  }

  /**
   * Replaces {@code CAST(literal AS type)} by the literal Calcite's own generated code computes
   * for it (a cast that fails at run time is left alone).
   */
  private static final class LiteralCastFolder extends RexShuttle {
    private final RexBuilder rexBuilder;

    LiteralCastFolder(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override public RexNode visitCall(RexCall call) {
      RexNode operand = call.getKind() == SqlKind.CAST ? call.getOperands().get(0) : null;
      while (operand != null && operand.getKind() == SqlKind.CAST) {
        operand = ((RexCall) operand).getOperands().get(0);
      }
      if (!(operand instanceof RexLiteral)) {
        return super.visitCall(call);
      }
      List<RexNode> reduced = new ArrayList<>();
      RexUtil.EXECUTOR.reduce(rexBuilder, List.of(call), reduced);
      return reduced.get(0) instanceof RexLiteral ? reduced.get(0) : call;
    }
  }

  /** Converts one condition; every method returns null where the conversion would not be exact. */
  private static final class Translator {
    private final List<String> columnNames;
    private final Schema schema;
    private final RexBuilder rexBuilder;
    /** Null while planning: comparisons with parameters are then checked by type only. */
    private final @Nullable IntFunction<@Nullable Object> parameters;

    Translator(List<String> columnNames, Schema schema, RexBuilder rexBuilder,
        @Nullable IntFunction<@Nullable Object> parameters) {
      this.columnNames = columnNames;
      this.schema = schema;
      this.rexBuilder = rexBuilder;
      this.parameters = parameters;
    }

    /** The rows where {@code node} is TRUE, or FALSE when {@code negated}. */
    @Nullable Expression rows(RexNode node, boolean negated) {
      switch (node.getKind()) {
      case AND:
      case OR:
        return junction((RexCall) node, negated);
      case NOT:
        return rows(((RexCall) node).getOperands().get(0), !negated);
      case SEARCH:
        return rows(RexUtil.expandSearch(rexBuilder, null, node), negated);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node, negated);
      case IS_NULL:
      case IS_NOT_NULL:
        return nullTest((RexCall) node, negated);
      case IS_TRUE:
      case IS_NOT_TRUE:
      case IS_FALSE:
      case IS_NOT_FALSE:
        return truthTest((RexCall) node, negated);
      case LIKE:
        return like((RexCall) node, negated);
      case INPUT_REF:
        return booleanColumn(node, !negated);
      case LITERAL:
        return booleanLiteral((RexLiteral) node, negated);
      default:
        return null;
      }
    }

    /** NOT (a AND b) is FALSE exactly where a or b is FALSE, and dually. */
    private @Nullable Expression junction(RexCall call, boolean negated) {
      List<Expression> parts = new ArrayList<>();
      for (RexNode operand : call.getOperands()) {
        Expression part = rows(operand, negated);
        if (part == null) {
          return null;
        }
        parts.add(part);
      }
      return (call.getKind() == SqlKind.AND) != negated
          ? IcebergPredicates.allOf(parts) : IcebergPredicates.anyOf(parts);
    }

    /** A comparison of a column (on the left) with a literal or a parameter. */
    private record Comparison(Column column, Op op, RexNode value) {}

    private @Nullable Comparison comparisonOf(RexCall call) {
      Op op = requireNonNull(Op.of(call.getKind()));
      RexNode value = call.getOperands().get(1);
      Column column = column(call.getOperands().get(0));
      if (column == null) {
        value = call.getOperands().get(0);
        column = column(call.getOperands().get(1));
        op = op.reverse();
      }
      if (column == null || CalciteValues.kind(value.getType()) != column.kind()
          || !(value instanceof RexLiteral || value instanceof RexDynamicParam
              && IcebergPredicates.convertsAnyValue(column, op))) {
        return null;
      }
      return new Comparison(column, op, value);
    }

    private @Nullable Expression comparison(RexCall call, boolean negated) {
      Comparison c = comparisonOf(call);
      if (c == null) {
        return null;
      }
      if (planning(c.value())) {
        return Expressions.alwaysTrue();
      }
      Object value = value(c.value());
      // Comparing with NULL is UNKNOWN, and so is its negation.
      return value == null ? Expressions.alwaysFalse()
          : IcebergPredicates.compare(c.column(), c.op(), negated, value);
    }

    /** Whether this is a parameter while planning, when its value is not known yet. */
    private boolean planning(RexNode node) {
      return parameters == null && node instanceof RexDynamicParam;
    }

    /** The value Calcite compares with for a literal or bound parameter; null for NULL. */
    private @Nullable Object value(RexNode node) {
      if (node instanceof RexLiteral) {
        return CalciteValues.ofLiteral((RexLiteral) node);
      }
      RexDynamicParam param = (RexDynamicParam) node;
      return CalciteValues.ofParameter(
          requireNonNull(parameters).apply(param.getIndex()), param.getType());
    }

    private @Nullable Expression nullTest(RexCall call, boolean negated) {
      boolean isNull = (call.getKind() == SqlKind.IS_NULL) != negated;
      RexNode operand = call.getOperands().get(0);
      if (operand instanceof RexLiteral) {
        return constant(((RexLiteral) operand).isNull() == isNull);
      }
      if (operand instanceof RexDynamicParam) {
        // Tests the bound value itself, as Calcite does; its type does not matter.
        return constant(planning(operand) || (requireNonNull(parameters)
            .apply(((RexDynamicParam) operand).getIndex()) == null) == isNull);
      }
      Column column = column(operand);
      if (column == null) {
        return null;
      }
      return isNull ? Expressions.isNull(column.name()) : Expressions.notNull(column.name());
    }

    /**
     * IS [NOT] TRUE/FALSE is never UNKNOWN: IS TRUE holds where the operand is TRUE, IS NOT TRUE
     * where it is FALSE or UNKNOWN, and so on.
     */
    private @Nullable Expression truthTest(RexCall call, boolean negated) {
      SqlKind kind = negated ? complement(call.getKind()) : call.getKind();
      RexNode operand = call.getOperands().get(0);
      if (kind == SqlKind.IS_TRUE || kind == SqlKind.IS_FALSE) {
        return rows(operand, kind == SqlKind.IS_FALSE);
      }
      Expression known = rows(operand, kind == SqlKind.IS_NOT_TRUE);
      Expression unknown = known == null ? null : unknown(operand);
      return unknown == null ? null : IcebergPredicates.anyOf(List.of(known, unknown));
    }

    /** The rows where a comparison, LIKE or boolean column is UNKNOWN; null for anything else. */
    private @Nullable Expression unknown(RexNode node) {
      switch (node.getKind()) {
      case NOT:
        return unknown(((RexCall) node).getOperands().get(0));
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        Comparison c = comparisonOf((RexCall) node);
        return c == null ? null : unknown(c.column(), c.value());
      case LIKE:
        Column column = column(((RexCall) node).getOperands().get(0));
        return column == null ? null : unknown(column, ((RexCall) node).getOperands().get(1));
      case INPUT_REF:
        Column bool = column(node);
        return bool == null ? null : Expressions.isNull(bool.name());
      case LITERAL:
        return constant(((RexLiteral) node).isNull());
      default:
        return null;
      }
    }

    private Expression unknown(Column column, RexNode value) {
      return planning(value) || value(value) == null
          ? Expressions.alwaysTrue() : Expressions.isNull(column.name());
    }

    private static SqlKind complement(SqlKind kind) {
      switch (kind) {
      case IS_TRUE: return SqlKind.IS_NOT_TRUE;
      case IS_NOT_TRUE: return SqlKind.IS_TRUE;
      case IS_FALSE: return SqlKind.IS_NOT_FALSE;
      default: return SqlKind.IS_FALSE;
      }
    }

    /** {@code col LIKE 'prefix%'} with no other wildcard and no ESCAPE clause. */
    private @Nullable Expression like(RexCall call, boolean negated) {
      if (!(call.getOperator() instanceof SqlLikeOperator) || call.getOperands().size() != 2) {
        return null;
      }
      SqlLikeOperator operator = (SqlLikeOperator) call.getOperator();
      Column column = column(call.getOperands().get(0));
      RexNode pattern = call.getOperands().get(1);
      if (!operator.isCaseSensitive() || column == null
          || column.type().typeId() != Type.TypeID.STRING || !(pattern instanceof RexLiteral)
          || CalciteValues.kind(pattern.getType()) != Kind.CHAR) {
        return null;
      }
      String text = ((RexLiteral) pattern).getValueAs(String.class);
      if (text == null) {
        return Expressions.alwaysFalse();
      }
      String prefix = text.substring(0, Math.max(0, text.length() - 1));
      // Without ESCAPE Calcite's Like treats char 0 as the escape character.
      if (!text.endsWith("%") || prefix.chars().anyMatch(c -> c == '%' || c == '_' || c == 0)) {
        return null;
      }
      String name = column.name();
      return operator.isNegated() == negated ? Expressions.startsWith(name, prefix)
          : IcebergPredicates.allOf(List.of(Expressions.notNull(name),
              Expressions.notStartsWith(name, prefix)));
    }

    private @Nullable Expression booleanColumn(RexNode node, boolean value) {
      Column column = column(node);
      return column == null || column.type().typeId() != Type.TypeID.BOOLEAN ? null
          : Expressions.equal(column.name(), value);
    }

    private @Nullable Expression booleanLiteral(RexLiteral literal, boolean negated) {
      if (CalciteValues.kind(literal.getType()) != Kind.BOOLEAN) {
        return null;
      }
      Boolean value = literal.getValueAs(Boolean.class);
      return constant(value != null && value != negated);
    }

    private static Expression constant(boolean value) {
      return value ? Expressions.alwaysTrue() : Expressions.alwaysFalse();
    }

    /**
     * The column behind an input reference, seen through casts that keep every value of the
     * column; null for anything else (expressions, nested fields, complex types).
     */
    private @Nullable Column column(RexNode node) {
      RexNode current = node;
      while (current.getKind() == SqlKind.CAST) {
        RexNode inner = ((RexCall) current).getOperands().get(0);
        if (!CalciteValues.isLosslessCast(inner.getType(), current.getType())) {
          return null;
        }
        current = inner;
      }
      if (!(current instanceof RexInputRef)) {
        return null;
      }
      int index = ((RexInputRef) current).getIndex();
      Types.NestedField field =
          index < columnNames.size() ? schema.asStruct().field(columnNames.get(index)) : null;
      Kind kind = CalciteValues.kind(node.getType());
      if (field == null || !field.type().isPrimitiveType()
          || !CalciteValues.fits(field.type(), CalciteValues.kind(current.getType()))
          || !CalciteValues.fits(field.type(), kind)) {
        return null;
      }
      return new Column(field.name(), field.type().asPrimitiveType(), requireNonNull(kind));
    }
  }
}
