package dev.s3tables.harness.demo;

import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** {@code demo.points}: three rows over three optional columns, the smallest table to query. */
public final class PointsTable {
  public static final TableIdentifier IDENTIFIER = TableIdentifier.of(DemoData.DEMO, "points");

  public static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "x", Types.BooleanType.get(), "a boolean"),
          Types.NestedField.optional(2, "y", Types.LongType.get(), "a bigint"),
          Types.NestedField.optional(3, "z", Types.StringType.get(), "a string"));

  static final TableDefinition DEFINITION =
      new TableDefinition(
          IDENTIFIER,
          SCHEMA,
          PartitionSpec.unpartitioned(),
          TableDefinition.demoTableProperties(
              "Three points: (true, 1, 'a'), (true, 2, 'b'), (false, 3, 'c')"));

  private PointsTable() {}

  /**
   * The rows of {@code demo.points} in the order they are written: (true, 1, 'a'), (true, 2, 'b'),
   * (false, 3, 'c'). Each call returns new records.
   */
  public static List<Record> expectedRows() {
    return List.of(point(true, 1, "a"), point(true, 2, "b"), point(false, 3, "c"));
  }

  private static Record point(boolean x, long y, String z) {
    Record row = GenericRecord.create(SCHEMA);
    row.set(0, x);
    row.set(1, y);
    row.set(2, z);
    return row;
  }
}
