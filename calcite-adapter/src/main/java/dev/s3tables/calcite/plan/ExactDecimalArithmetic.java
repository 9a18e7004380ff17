package dev.s3tables.calcite.plan;

import static java.util.Objects.requireNonNull;

import dev.s3tables.calcite.table.IcebergTable;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Drops the overflow check of DECIMAL additions, subtractions and multiplications whose exact
 * result always fits their type, such as TPC-H's {@code l_extendedprice * (1 - l_discount)}.
 *
 * <p>With checked arithmetic, Calcite ({@code ConvertToChecked}) wraps every DECIMAL-typed call
 * in a CAST to its own type, which at run time rounds the value to the type's scale and fails with
 * 22003 if it then has more digits than the type's precision ({@code Primitive.checkOverflow}, which
 * also strips trailing zeros of every value, a fifth of TPC-H Q5's time). The CAST is removed only
 * where it provably changes nothing: every operand's value is bounded and has an exact scale at
 * run time (an integer, a DECIMAL column read from an Iceberg table, a literal, or such arithmetic
 * itself), and the exact result has the type's scale and no more whole digits than the type
 * allows. Where Calcite caps the type at 38 digits (so a value may overflow or be rounded), and
 * for parameters, casts, functions and aggregates, whose values' scale is not known, the check
 * stays, on +, - and * of values known only at run time as the cheaper {@link DecimalOverflowCheck};
 * integer arithmetic keeps its CHECKED_ operators.
 */
final class ExactDecimalArithmetic extends RelHomogeneousShuttle {
  static final Program PROGRAM =
      (planner, rel, traits, materializations, lattices) -> rel.accept(new ExactDecimalArithmetic());

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    // Only expressions over one input: their input references name that input's columns.
    return rel.getInputs().size() == 1 ? rel.accept(new UncheckedCasts(rel.getInput(0))) : rel;
  }

  /** Bound of a value at run time: |value| < 10^wholeDigits, and a BigDecimal of exactly this scale. */
  private record Digits(int wholeDigits, int scale) {
    boolean fit(RelDataType type) {
      return scale == type.getScale() && wholeDigits <= type.getPrecision() - type.getScale();
    }
  }

  private static final Set<SqlKind> ARITHMETIC = EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES);

  private static final class UncheckedCasts extends RexShuttle {
    private final RelNode input;
    private final RelMetadataQuery mq;
    private final RexBuilder rexBuilder;
    /** Whether {@link DecimalOverflowCheck} rounds as this query's CASTs do. */
    private final boolean cheaperCheck;

    UncheckedCasts(RelNode input) {
      this.input = requireNonNull(input, "input");
      this.mq = input.getCluster().getMetadataQuery();
      this.rexBuilder = input.getCluster().getRexBuilder();
      this.cheaperCheck =
          rexBuilder.getTypeFactory().getTypeSystem().roundingMode() == DecimalOverflowCheck.ROUNDING;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (visited.getKind() != SqlKind.CAST || visited.getType().getSqlTypeName() != SqlTypeName.DECIMAL) {
        return visited;
      }
      RexNode operand = ((RexCall) visited).getOperands().get(0);
      if (!operand.getType().equals(visited.getType())) {
        return visited;
      }
      Digits digits = arithmetic(operand);
      if (digits != null && digits.fit(visited.getType())) {
        return operand;
      }
      // Constant arithmetic keeps the CAST that planning may fold.
      boolean cheaper = cheaperCheck && ARITHMETIC.contains(operand.getKind()) && !RexUtil.isConstant(operand);
      return cheaper ? DecimalOverflowCheck.call(rexBuilder, operand) : visited;
    }

    private @Nullable Digits digits(RexNode node) {
      SqlTypeName type = node.getType().getSqlTypeName();
      if (SqlTypeName.INT_TYPES.contains(type)) {
        // Generated code holds these in Java primitives of the type (a parameter may be bound to any number).
        boolean primitive = node instanceof RexLiteral || node instanceof RexInputRef || node instanceof RexCall;
        return primitive ? new Digits(wholeDigits(type), 0) : null;
      }
      if (type != SqlTypeName.DECIMAL) {
        return null;
      }
      if (node instanceof RexLiteral literal) {
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        return value == null || value.scale() != node.getType().getScale()
            ? null
            : new Digits(value.precision() - value.scale(), value.scale());
      }
      if (node instanceof RexInputRef ref) {
        return icebergColumn(ref.getIndex());
      }
      return arithmetic(node);
    }

    /** Unchecked +, - and * compute BigDecimal.add, subtract and multiply: exact, with these scales. */
    private @Nullable Digits arithmetic(RexNode node) {
      SqlKind kind = node.getKind();
      if (!ARITHMETIC.contains(kind)) {
        return null;
      }
      RexCall call = (RexCall) node;
      if (call.getOperands().size() != 2) {
        return null;
      }
      Digits left = digits(call.getOperands().get(0));
      Digits right = digits(call.getOperands().get(1));
      if (left == null || right == null) {
        return null;
      }
      return kind == SqlKind.TIMES
          ? new Digits(left.wholeDigits() + right.wholeDigits(), left.scale() + right.scale())
          : new Digits(Math.max(left.wholeDigits(), right.wholeDigits()) + 1, Math.max(left.scale(), right.scale()));
    }

    private static int wholeDigits(SqlTypeName integer) {
      return switch (integer) {
        case TINYINT -> 3;
        case SMALLINT -> 5;
        case INTEGER -> 10;
        default -> 19;
      };
    }

    /** An Iceberg decimal column read as is: the reader gives values of the column's scale that fit its precision. */
    private @Nullable Digits icebergColumn(int index) {
      RelColumnOrigin origin = mq.getColumnOrigin(input, index);
      if (origin == null || origin.isDerived() || origin.getOriginTable().unwrap(IcebergTable.class) == null) {
        return null;
      }
      RelDataType type =
          origin.getOriginTable().getRowType().getFieldList().get(origin.getOriginColumnOrdinal()).getType();
      return type.getSqlTypeName() == SqlTypeName.DECIMAL
          ? new Digits(type.getPrecision() - type.getScale(), type.getScale())
          : null;
    }
  }
}
