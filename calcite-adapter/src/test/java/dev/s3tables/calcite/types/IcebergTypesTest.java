package dev.s3tables.calcite.types;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class IcebergTypesTest {
  private final RelDataTypeFactory f = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);

  private String map(Type type, boolean nullable) {
    return IcebergTypes.toRelDataType(type, nullable, f).getFullTypeString();
  }

  @Test void primitives() {
    assertThat(map(Types.BooleanType.get(), false)).isEqualTo("BOOLEAN NOT NULL");
    assertThat(map(Types.BooleanType.get(), true)).isEqualTo("BOOLEAN");
    assertThat(map(Types.IntegerType.get(), true)).isEqualTo("INTEGER");
    assertThat(map(Types.LongType.get(), true)).isEqualTo("BIGINT");
    assertThat(map(Types.FloatType.get(), true)).isEqualTo("REAL");
    assertThat(map(Types.DoubleType.get(), true)).isEqualTo("DOUBLE");
    assertThat(map(Types.DecimalType.of(9, 2), true)).isEqualTo("DECIMAL(9, 2)");
    assertThat(map(Types.DecimalType.of(38, 10), false)).isEqualTo("DECIMAL(38, 10) NOT NULL");
    assertThat(map(Types.DecimalType.of(38, 38), true)).isEqualTo("DECIMAL(38, 38)");
    assertThat(map(Types.DecimalType.of(1, 0), true)).isEqualTo("DECIMAL(1, 0)");
    assertThat(map(Types.DateType.get(), true)).isEqualTo("DATE");
    assertThat(map(Types.TimeType.get(), true)).isEqualTo("TIME(3)");
    assertThat(map(Types.TimestampType.withoutZone(), true)).isEqualTo("TIMESTAMP(3)");
    assertThat(map(Types.TimestampType.withZone(), true))
        .isEqualTo("TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)");
    assertThat(map(Types.TimestampNanoType.withoutZone(), true)).isEqualTo("TIMESTAMP(3)");
    assertThat(map(Types.TimestampNanoType.withZone(), true))
        .isEqualTo("TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)");
    assertThat(map(Types.StringType.get(), true)).isEqualTo("VARCHAR");
    assertThat(map(Types.UUIDType.get(), false)).isEqualTo("VARCHAR(36) NOT NULL");
    assertThat(map(Types.FixedType.ofLength(16), true)).isEqualTo("BINARY(16)");
    assertThat(map(Types.FixedType.ofLength(1), true)).isEqualTo("BINARY(1)");
    assertThat(map(Types.BinaryType.get(), true)).isEqualTo("VARBINARY");
  }

  @Test void sqlTypeNamesPrecisionAndScale() {
    final RelDataType d = IcebergTypes.toRelDataType(Types.DecimalType.of(38, 10), true, f);
    assertThat(d.getSqlTypeName()).isEqualTo(SqlTypeName.DECIMAL);
    assertThat(d.getPrecision()).isEqualTo(38);
    assertThat(d.getScale()).isEqualTo(10);
    final RelDataType ts = IcebergTypes.toRelDataType(Types.TimestampType.withZone(), true, f);
    assertThat(ts.getSqlTypeName()).isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    assertThat(ts.getPrecision()).isEqualTo(IcebergTypes.DATETIME_PRECISION);
    final RelDataType s = IcebergTypes.toRelDataType(Types.StringType.get(), true, f);
    assertThat(s.getPrecision()).isEqualTo(RelDataType.PRECISION_NOT_SPECIFIED);
    final RelDataType u = IcebergTypes.toRelDataType(Types.UUIDType.get(), true, f);
    assertThat(u.getSqlTypeName()).isEqualTo(SqlTypeName.VARCHAR);
    assertThat(u.getPrecision()).isEqualTo(36);
  }

  @Test void defaultTypeSystemNarrowsWideDecimals() {
    final RelDataTypeFactory def = new JavaTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
    final RelDataType d = IcebergTypes.toRelDataType(Types.DecimalType.of(38, 10), true, def);
    assertThat(d.getPrecision()).isEqualTo(19);
    assertThat(d.getScale()).isEqualTo(10);
  }

  @Test void structsKeepNamesCaseAndFieldNullability() {
    final Types.StructType st = Types.StructType.of(
        required(10, "a", Types.IntegerType.get()),
        optional(11, "Name", Types.StringType.get()),
        optional(12, "name", Types.DateType.get()),
        required(13, "inner", Types.StructType.of(
            required(14, "TS", Types.TimestampType.withoutZone()),
            optional(15, "x y", Types.LongType.get()))));
    assertThat(map(st, false)).isEqualTo("RecordType(INTEGER NOT NULL a, VARCHAR Name, DATE name,"
        + " RecordType(TIMESTAMP(3) NOT NULL TS, BIGINT x y) NOT NULL inner) NOT NULL");
    // An optional struct is nullable, but its required fields stay NOT NULL (Calcite's
    // createTypeWithNullability would make them nullable).
    final RelDataType opt = IcebergTypes.toRelDataType(st, true, f);
    assertThat(opt.isNullable()).isTrue();
    assertThat(opt.getField("a", true, false).getType().isNullable()).isFalse();
    assertThat(opt.getField("inner", true, false).getType().isNullable()).isFalse();
    assertThat(opt.getField("inner", true, false).getType()
        .getField("TS", true, false).getType().isNullable()).isFalse();
    assertThat(opt.getFieldNames()).containsExactly("a", "Name", "name", "inner");
  }

  @Test void listsAndMapsKeepElementNullability() {
    assertThat(map(Types.ListType.ofOptional(1, Types.DateType.get()), true))
        .isEqualTo("DATE ARRAY");
    assertThat(map(Types.ListType.ofRequired(1, Types.IntegerType.get()), false))
        .isEqualTo("INTEGER NOT NULL ARRAY NOT NULL");
    assertThat(map(Types.MapType.ofOptional(1, 2, Types.StringType.get(), Types.DateType.get()),
        true)).isEqualTo("(VARCHAR NOT NULL, DATE) MAP");
    assertThat(map(Types.MapType.ofRequired(1, 2, Types.UUIDType.get(),
        Types.DecimalType.of(10, 2)), true))
        .isEqualTo("(VARCHAR(36) NOT NULL, DECIMAL(10, 2) NOT NULL) MAP");
    final Type deep = Types.ListType.ofOptional(1, Types.StructType.of(
        required(2, "k", Types.StringType.get()),
        optional(3, "v", Types.MapType.ofOptional(4, 5, Types.IntegerType.get(),
            Types.ListType.ofRequired(6, Types.BinaryType.get())))));
    assertThat(map(deep, true)).isEqualTo("RecordType(VARCHAR NOT NULL k,"
        + " (INTEGER NOT NULL, VARBINARY NOT NULL ARRAY) MAP v) ARRAY");
  }

  @Test void schemaRowType() {
    final Schema schema = new Schema(
        required(1, "id", Types.LongType.get()),
        optional(2, "Payload", Types.StringType.get()),
        optional(3, "when", Types.TimestampType.withZone()));
    final RelDataType row = IcebergTypes.toRowType(schema, f);
    assertThat(row.isStruct()).isTrue();
    assertThat(row.isNullable()).isFalse();
    assertThat(row.getFullTypeString()).isEqualTo("RecordType(BIGINT NOT NULL id,"
        + " VARCHAR Payload, TIMESTAMP_WITH_LOCAL_TIME_ZONE(3) when) NOT NULL");
  }

  @Test void unsupportedTypesBecomeNamedPlaceholders() {
    final List<Type> unsupported = List.of(Types.VariantType.get(),
        Types.GeometryType.crs84(), Types.GeographyType.crs84(), Types.UnknownType.get());
    for (Type t : unsupported) {
      final RelDataType r = IcebergTypes.toRelDataType(t, true, f);
      assertThat(r).isInstanceOf(UnsupportedIcebergType.class);
      assertThat(r.getSqlTypeName()).isEqualTo(SqlTypeName.ANY);
      assertThat(r.isNullable()).isTrue();
      assertThat(r.getFullTypeString()).isEqualTo("UNSUPPORTED(" + t + ")");
      assertThat(((UnsupportedIcebergType) r).icebergType()).isEqualTo(t);
      // deterministic: the same type again is the same (canonical) type
      assertThat(IcebergTypes.toRelDataType(t, true, f)).isSameAs(r);
      // nullability changes keep the placeholder
      final RelDataType nn = f.createTypeWithNullability(r, false);
      assertThat(nn).isInstanceOf(UnsupportedIcebergType.class);
      assertThat(nn.getFullTypeString()).isEqualTo("UNSUPPORTED(" + t + ") NOT NULL");
    }
    assertThat(map(Types.VariantType.get(), true)).isEqualTo("UNSUPPORTED(variant)");
    assertThat(map(Types.UnknownType.get(), true)).isEqualTo("UNSUPPORTED(unknown)");
    assertThat(IcebergTypes.toRelDataType(Types.VariantType.get(), true, f))
        .isNotEqualTo(IcebergTypes.toRelDataType(Types.UnknownType.get(), true, f));
    final Types.StructType withVariant = Types.StructType.of(
        required(1, "a", Types.IntegerType.get()), optional(2, "v", Types.VariantType.get()));
    assertThat(map(withVariant, true)).isEqualTo("RecordType(INTEGER NOT NULL a,"
        + " UNSUPPORTED(variant) v)");
    assertThat(map(Types.ListType.ofOptional(3, Types.GeometryType.crs84()), true))
        .isEqualTo("UNSUPPORTED(" + Types.GeometryType.crs84() + ") ARRAY");
  }

  @Test void readability() {
    assertThat(IcebergTypes.isReadable(Types.StringType.get())).isTrue();
    assertThat(IcebergTypes.isReadable(Types.TimestampNanoType.withZone())).isTrue();
    assertThat(IcebergTypes.isReadable(Types.UnknownType.get())).isTrue();
    assertThat(IcebergTypes.isReadable(Types.VariantType.get())).isFalse();
    assertThat(IcebergTypes.firstUnreadable(Types.MapType.ofOptional(1, 2,
        Types.StringType.get(), Types.StructType.of(
            optional(3, "g", Types.GeographyType.crs84())))))
        .contains(Types.GeographyType.crs84());
    assertThat(IcebergTypes.firstUnreadable(Types.ListType.ofOptional(1,
        Types.DecimalType.of(5, 1)))).isEmpty();
  }
}
