package dev.s3tables.calcite.ddl;

import dev.s3tables.calcite.ddl.sql.SqlColumnDefinition;
import dev.s3tables.calcite.ddl.sql.SqlCreateIcebergTable;
import dev.s3tables.calcite.ddl.sql.SqlPartitionField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The Iceberg schema, partition spec and table properties that a CREATE TABLE statement describes. */
final class TableDefinition {
  /** The table property Iceberg tools (Spark, Trino, Athena) keep a table's comment in. */
  static final String COMMENT_PROPERTY = "comment";

  /** The names Calcite gives query columns that have none. */
  private static final Pattern UNNAMED = Pattern.compile("EXPR\\$\\d+");

  private TableDefinition() {}

  /** The schema of the declared columns: NOT NULL ones required, comments as docs. */
  static Schema schema(String table, List<SqlColumnDefinition> columns) {
    List<Types.NestedField> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SqlColumnDefinition column : columns) {
      checkUnique(table, column.name(), names);
      int id = fields.size() + 1;
      Type type = IcebergColumnTypes.of(column.type(), column.name());
      fields.add(column.isNullable()
          ? Types.NestedField.optional(id, column.name(), type, column.comment())
          : Types.NestedField.required(id, column.name(), type, column.comment()));
    }
    return new Schema(fields);
  }

  /** The schema of a query's columns, all optional. */
  static Schema schema(String table, RelDataType queryRowType) {
    List<Types.NestedField> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    AtomicInteger nestedIds = new AtomicInteger(queryRowType.getFieldCount());
    for (RelDataTypeField field : queryRowType.getFieldList()) {
      String name = field.getName();
      if (UNNAMED.matcher(name).matches()) {
        throw DdlException.invalid("Column " + (field.getIndex() + 1) + " of the query for table " + table
            + " has no name; name it with AS", null);
      }
      checkUnique(table, name, names);
      fields.add(Types.NestedField.optional(fields.size() + 1, name, IcebergColumnTypes.of(field.getType(), name, nestedIds)));
    }
    return new Schema(fields);
  }

  private static void checkUnique(String table, String name, Set<String> names) {
    if (!names.add(name)) {
      throw DdlException.invalid("Column " + name + " is given twice for table " + table, null);
    }
  }

  /** The partition spec of PARTITIONED BY over the schema; unpartitioned if there is none. */
  static PartitionSpec spec(String table, Schema schema, List<SqlPartitionField> fields) {
    for (SqlPartitionField field : fields) {
      if (schema.findField(field.column()) == null) {
        throw DdlException.noSuchColumn(table, field.column() + " (named in PARTITIONED BY)");
      }
    }
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    try {
      fields.forEach(field -> add(spec, field));
      return spec.build();
    } catch (IllegalArgumentException | ValidationException e) {
      throw DdlException.invalid("Cannot partition table " + table + " as PARTITIONED BY says: " + e.getMessage(), e);
    }
  }

  private static void add(PartitionSpec.Builder spec, SqlPartitionField field) {
    String column = field.column();
    switch (field.transformKind()) {
      case IDENTITY -> spec.identity(column);
      case BUCKET -> spec.bucket(column, field.argument().orElseThrow());
      case TRUNCATE -> spec.truncate(column, field.argument().orElseThrow());
      case YEAR -> spec.year(column);
      case MONTH -> spec.month(column);
      case DAY -> spec.day(column);
      case HOUR -> spec.hour(column);
    }
  }

  /** WITH's properties, and the table comment as property {@value #COMMENT_PROPERTY}. */
  static Map<String, String> properties(String table, SqlCreateIcebergTable create) {
    Map<String, String> properties = new LinkedHashMap<>(create.properties());
    if (create.comment() != null) {
      if (properties.containsKey(COMMENT_PROPERTY)) {
        throw DdlException.invalid("Table " + table + " has a COMMENT and a WITH ('" + COMMENT_PROPERTY
            + "' = ...); give one of them", null);
      }
      properties.put(COMMENT_PROPERTY, create.comment());
    }
    return properties;
  }
}
