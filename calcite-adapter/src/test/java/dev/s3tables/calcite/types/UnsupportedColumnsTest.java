package dev.s3tables.calcite.types;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.types.TypesTestSupport.ProjectingRecordsTable;
import dev.s3tables.calcite.types.TypesTestSupport.ScannableRecordsTable;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.GeographyType;
import org.apache.iceberg.types.Types.GeometryType;
import org.apache.iceberg.types.Types.IntegerType;
import org.apache.iceberg.types.Types.StringType;
import org.apache.iceberg.types.Types.StructType;
import org.apache.iceberg.types.Types.UnknownType;
import org.apache.iceberg.types.Types.VariantType;
import org.junit.jupiter.api.Test;

/** Columns of types the driver cannot read: listed, skippable, refused with a clear message. */
class UnsupportedColumnsTest {
  private static final StructType PAYLOAD = StructType.of(
      optional(8, "a", IntegerType.get()),
      optional(9, "v", VariantType.get()));
  private static final Schema SCHEMA = new Schema(
      required(1, "id", IntegerType.get()),
      optional(2, "name", StringType.get()),
      optional(3, "v", VariantType.get()),
      optional(4, "g", GeometryType.crs84()),
      optional(5, "gg", GeographyType.crs84()),
      optional(6, "unk", UnknownType.get()),
      optional(7, "payload", PAYLOAD));

  private static List<Record> records() {
    final Record r = GenericRecord.create(SCHEMA);
    r.setField("id", 1);
    r.setField("name", "n");
    r.setField("v", "an opaque variant value");
    r.setField("g", ByteBuffer.wrap(new byte[] {1, 2}));
    final Record p = GenericRecord.create(PAYLOAD);
    p.set(0, 5);
    p.set(1, "another variant");
    r.setField("payload", p);
    return List.of(r);
  }

  private static Connection connect(UnsupportedTypePolicy policy) throws SQLException {
    return TypesTestSupport.connect(Map.of(
        "t", new ProjectingRecordsTable(SCHEMA, records(), policy),
        "scan_all", new ScannableRecordsTable(SCHEMA, records())));
  }

  @Test void listingShowsEveryColumnWithAPlaceholderType() throws Exception {
    try (Connection c = connect(UnsupportedTypePolicy.FAIL);
         ResultSet rs = c.getMetaData().getColumns(null, "s", "t", "%")) {
      final Map<String, List<Object>> cols = new LinkedHashMap<>();
      while (rs.next()) {
        cols.put(rs.getString("COLUMN_NAME"),
            List.of(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
      }
      assertThat(cols.keySet())
          .containsExactly("id", "name", "v", "g", "gg", "unk", "payload");
      assertThat(cols.get("v")).containsExactly(Types.JAVA_OBJECT, "UNSUPPORTED(variant)");
      assertThat(cols.get("g"))
          .containsExactly(Types.JAVA_OBJECT, "UNSUPPORTED(" + GeometryType.crs84() + ")");
      assertThat(cols.get("gg"))
          .containsExactly(Types.JAVA_OBJECT, "UNSUPPORTED(" + GeographyType.crs84() + ")");
      assertThat(cols.get("unk")).containsExactly(Types.JAVA_OBJECT, "UNSUPPORTED(unknown)");
      assertThat(cols.get("payload").get(1))
          .isEqualTo("RecordType(INTEGER a, UNSUPPORTED(variant) v)");
    }
  }

  @Test void queriesWithoutThoseColumnsWork() throws Exception {
    try (Connection c = connect(UnsupportedTypePolicy.FAIL);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id, name, unk from s.t")) {
      assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(Types.JAVA_OBJECT);
      assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("ANY");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getObject(3)).as("unknown is always NULL").isNull();
    }
  }

  @Test void readingThemFailsWithAClearMessage() throws Exception {
    try (Connection c = connect(UnsupportedTypePolicy.FAIL); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> drain(s, "select * from s.t"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Column \"v\" has Iceberg type variant, which s3tables-jdbc"
              + " cannot read yet; leave it out of the select list");
      assertThatThrownBy(() -> drain(s, "select g from s.t"))
          .hasMessageContaining("Column \"g\" has Iceberg type geometry");
      // A nested unsupported field refuses the whole struct column (no nested pruning).
      assertThatThrownBy(() -> drain(s, "select t.payload.a from s.t t"))
          .hasMessageContaining("Column \"payload.v\" has Iceberg type variant");
      // Without projection pushdown (a plain ScannableTable) every query touches every column.
      assertThatThrownBy(() -> drain(s, "select id from s.scan_all"))
          .hasMessageContaining("Column \"v\"");
    }
  }

  @Test void readAsNullPolicy() throws Exception {
    try (Connection c = connect(UnsupportedTypePolicy.READ_AS_NULL);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from s.t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt("id")).isEqualTo(1);
      assertThat(rs.getObject("v")).isNull();
      assertThat(rs.getObject("g")).isNull();
      assertThat(rs.getObject("gg")).isNull();
      assertThat(((Struct) rs.getObject(7)).getAttributes()).containsExactly(5, null);
    }
  }

  private static void drain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      final List<Object> all = new ArrayList<>();
      while (rs.next()) {
        all.add(rs.getObject(1));
      }
    }
  }
}
