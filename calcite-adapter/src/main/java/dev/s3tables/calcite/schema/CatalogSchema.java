package dev.s3tables.calcite.schema;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The parts of Calcite's {@link Schema} that the bucket and namespace schemas answer alike: no
 * types, no functions, and the pre-lookup accessors answered through {@link #tables()} and {@link
 * #subSchemas()}.
 */
abstract class CatalogSchema implements Schema {

  @Override
  @SuppressWarnings("deprecation")
  public @Nullable Table getTable(String name) {
    return tables().get(name);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Set<String> getTableNames() {
    return tables().getNames(LikePattern.any());
  }

  @Override
  @SuppressWarnings("deprecation")
  public @Nullable Schema getSubSchema(String name) {
    return subSchemas().get(name);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Set<String> getSubSchemaNames() {
    return subSchemas().getNames(LikePattern.any());
  }

  @Override
  public @Nullable RelProtoDataType getType(String name) {
    return null;
  }

  @Override
  public Set<String> getTypeNames() {
    return Set.of();
  }

  @Override
  public Collection<Function> getFunctions(String name) {
    return List.of();
  }

  @Override
  public Set<String> getFunctionNames() {
    return Set.of();
  }

  @Override
  public Expression getExpression(@Nullable SchemaPlus parentSchema, String name) {
    return Schemas.subSchemaExpression(parentSchema, name, getClass());
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }
}
