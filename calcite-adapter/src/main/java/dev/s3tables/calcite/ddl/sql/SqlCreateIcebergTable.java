package dev.s3tables.calcite.ddl.sql;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (column, ...) | AS query} with an Iceberg table's parts:
 * column comments, a table {@code COMMENT}, {@code PARTITIONED BY} transforms and {@code WITH}
 * table properties.
 */
public final class SqlCreateIcebergTable extends SqlCreate {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final @Nullable SqlNodeList columns;
  private final @Nullable String comment;
  private final SqlNodeList partitionFields;
  private final SqlNodeList propertyList;
  private final Map<String, String> properties;
  private final @Nullable SqlNode query;

  /**
   * @param columns the column definitions, or null for CREATE TABLE AS
   * @param propertyList WITH's keys and values, alternating, each an identifier or a string literal
   * @param query the query of CREATE TABLE AS, else null
   */
  public SqlCreateIcebergTable(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      @Nullable SqlNodeList columns,
      @Nullable String comment,
      SqlNodeList partitionFields,
      SqlNodeList propertyList,
      @Nullable SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = requireNonNull(name, "name");
    this.columns = columns;
    this.comment = comment;
    this.partitionFields = requireNonNull(partitionFields, "partitionFields");
    this.propertyList = requireNonNull(propertyList, "propertyList");
    this.query = query;
    if (columns == null && query == null) {
      throw ParseErrors.at(pos, "CREATE TABLE " + name + " needs a column list or AS query");
    }
    if (columns != null && query != null) {
      throw ParseErrors.at(pos, "CREATE TABLE " + name + " AS takes its columns from the query; leave out the column list");
    }
    this.properties = properties(propertyList);
  }

  private static Map<String, String> properties(SqlNodeList list) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      String key = text(list.get(i));
      if (properties.put(key, text(list.get(i + 1))) != null) {
        throw ParseErrors.at(list.get(i).getParserPosition(), "Table property '" + key + "' is given twice");
      }
    }
    return Collections.unmodifiableMap(properties);
  }

  private static String text(SqlNode node) {
    return node instanceof SqlIdentifier id ? id.toString() : requireNonNull(((SqlLiteral) node).getValueAs(String.class));
  }

  public SqlIdentifier name() {
    return name;
  }

  /** The column definitions; empty for CREATE TABLE AS. */
  public List<SqlColumnDefinition> columns() {
    return columns == null ? List.of() : columns.stream().map(SqlColumnDefinition.class::cast).toList();
  }

  public @Nullable String comment() {
    return comment;
  }

  public List<SqlPartitionField> partitionFields() {
    return partitionFields.stream().map(SqlPartitionField.class::cast).toList();
  }

  /** WITH's table properties, in the order given. */
  public Map<String, String> properties() {
    return properties;
  }

  /** The query of CREATE TABLE AS, or null. */
  public @Nullable SqlNode query() {
    return query;
  }

  @Override
  public List<@Nullable SqlNode> getOperandList() {
    return ImmutableNullableList.of(
        name, columns, comment == null ? null : SqlLiteral.createCharString(comment, pos), partitionFields, propertyList, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    if (columns != null) {
      list(writer, columns);
    }
    if (comment != null) {
      writer.keyword("COMMENT");
      SqlLiteral.createCharString(comment, pos).unparse(writer, 0, 0);
    }
    if (!partitionFields.isEmpty()) {
      writer.keyword("PARTITIONED BY");
      list(writer, partitionFields);
    }
    if (!properties.isEmpty()) {
      writer.keyword("WITH");
      SqlWriter.Frame frame = writer.startList("(", ")");
      properties.forEach((key, value) -> {
        writer.sep(",");
        SqlLiteral.createCharString(key, pos).unparse(writer, 0, 0);
        writer.keyword("=");
        SqlLiteral.createCharString(value, pos).unparse(writer, 0, 0);
      });
      writer.endList(frame);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }

  private static void list(SqlWriter writer, SqlNodeList nodes) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : nodes) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
