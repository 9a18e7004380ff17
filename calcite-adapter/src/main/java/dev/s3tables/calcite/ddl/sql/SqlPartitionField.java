package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One field of PARTITIONED BY: {@code col}, {@code bucket(16, col)}, {@code truncate(4, col)}, {@code day(col)}. */
public final class SqlPartitionField extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("PARTITION FIELD", SqlKind.OTHER);

  private final PartitionTransform transform;
  private final @Nullable Integer argument;
  private final SqlIdentifier column;

  private SqlPartitionField(SqlParserPos pos, PartitionTransform transform, @Nullable Integer argument, SqlIdentifier column) {
    super(pos);
    this.transform = transform;
    this.argument = argument;
    this.column = column;
  }

  /** A bare column: an identity partition. */
  public static SqlPartitionField identity(SqlParserPos pos, SqlIdentifier column) {
    return new SqlPartitionField(pos, PartitionTransform.IDENTITY, null, requireNonNull(column, "column"));
  }

  /**
   * A transform written as a function call; fails, as a parse error at {@code pos}, for an unknown
   * name or a number given to a transform that takes none or missing from one that needs it.
   */
  public static SqlPartitionField transform(
      SqlParserPos pos, String function, @Nullable Integer argument, SqlIdentifier column) {
    requireNonNull(function, "function");
    requireNonNull(column, "column");
    PartitionTransform transform =
        PartitionTransform.named(function)
            .orElseThrow(() -> ParseErrors.at(pos, "Unknown partition transform '" + function
                + "': use a column, bucket(n, col), truncate(w, col), year(col), month(col), day(col) or hour(col)"));
    if (transform.takesArgument() && argument == null) {
      throw ParseErrors.at(pos, "Partition transform " + transform.sqlName() + " needs a number: "
          + transform.sqlName() + "(n, " + column + ")");
    }
    if (!transform.takesArgument() && argument != null) {
      throw ParseErrors.at(pos, "Partition transform " + transform.sqlName() + " takes only a column: "
          + transform.sqlName() + "(" + column + ")");
    }
    if (argument != null && argument <= 0) {
      throw ParseErrors.at(pos, "The number of " + transform.sqlName() + " must be positive, was " + argument);
    }
    return new SqlPartitionField(pos, transform, argument, column);
  }

  public PartitionTransform transformKind() {
    return transform;
  }

  /** The bucket count or truncation width; empty for the other transforms. */
  public OptionalInt argument() {
    return argument == null ? OptionalInt.empty() : OptionalInt.of(argument);
  }

  public String column() {
    return column.getSimple();
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<@Nullable SqlNode> getOperandList() {
    return ImmutableNullableList.of(
        SqlLiteral.createCharString(transform.sqlName(), pos),
        argument == null ? null : SqlLiteral.createExactNumeric(argument.toString(), pos),
        column);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (transform == PartitionTransform.IDENTITY) {
      column.unparse(writer, 0, 0);
      return;
    }
    writer.print(transform.sqlName());
    SqlWriter.Frame frame = writer.startList("(", ")");
    if (argument != null) {
      writer.sep(",");
      writer.print(argument.toString());
    }
    writer.sep(",");
    column.unparse(writer, 0, 0);
    writer.endList(frame);
  }
}
