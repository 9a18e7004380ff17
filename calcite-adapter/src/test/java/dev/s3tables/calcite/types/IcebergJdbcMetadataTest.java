package dev.s3tables.calcite.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.types.TypesTestSupport.EnumerableRecordsTable;
import dev.s3tables.calcite.types.TypesTestSupport.ScannableRecordsTable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

/** ResultSetMetaData, getColumns and SQL over the converted values of the round-trip table. */
class IcebergJdbcMetadataTest {
  private static final Schema FULL = IcebergJdbcRoundTripTest.FULL;
  private static final Schema BASE = IcebergJdbcRoundTripTest.BASE;
  private static final UUID UUID1 = IcebergJdbcRoundTripTest.UUID1;

  /** Expected ResultSetMetaData: type, type name, precision, scale, class name, nullable. */
  private static final Object[][] RSMD = {
      {"id", Types.INTEGER, "INTEGER", 10, 0, "java.lang.Integer", 0},
      {"b", Types.BOOLEAN, "BOOLEAN", 1, 0, "java.lang.Boolean", 1},
      {"i", Types.INTEGER, "INTEGER", 10, 0, "java.lang.Integer", 1},
      {"l", Types.BIGINT, "BIGINT", 19, 0, "java.lang.Long", 1},
      {"f", Types.REAL, "REAL", 7, 0, "java.lang.Float", 1},
      {"d", Types.DOUBLE, "DOUBLE", 15, 0, "java.lang.Double", 1},
      {"dec", Types.DECIMAL, "DECIMAL", 38, 10, "java.math.BigDecimal", 1},
      {"dec2", Types.DECIMAL, "DECIMAL", 9, 2, "java.math.BigDecimal", 0},
      {"dt", Types.DATE, "DATE", 0, 0, "java.sql.Date", 1},
      {"tm", Types.TIME, "TIME", 3, 0, "java.sql.Time", 1},
      {"ts", Types.TIMESTAMP, "TIMESTAMP", 3, 0, "java.sql.Timestamp", 1},
      {"tstz", Types.TIMESTAMP, "TIMESTAMP_WITH_LOCAL_TIME_ZONE", 3, 0, "java.sql.Timestamp", 1},
      {"tsn", Types.TIMESTAMP, "TIMESTAMP", 3, 0, "java.sql.Timestamp", 1},
      {"s", Types.VARCHAR, "VARCHAR", 0, 0, "java.lang.String", 1},
      {"u", Types.VARCHAR, "VARCHAR", 36, 0, "java.lang.String", 1},
      {"fx", Types.BINARY, "BINARY", 4, 0, "[B", 1},
      {"bin", Types.VARBINARY, "VARBINARY", 0, 0, "[B", 1},
      {"st", Types.STRUCT, "STRUCT", 0, 0, "java.lang.Object", 1},
      {"dates", Types.ARRAY, "DATE ARRAY", 0, 0, "java.sql.Array", 1},
      {"ints", Types.ARRAY, "INTEGER ARRAY", 0, 0, "java.sql.Array", 1},
      {"mp", Types.OTHER, "(VARCHAR, DATE) MAP", 0, 0, "java.lang.Object", 1},
      {"mi", Types.OTHER, "(VARCHAR, BIGINT) MAP", 0, 0, "java.lang.Object", 1},
      {"ls", Types.ARRAY, "RecordType(INTEGER x, TIMESTAMP_WITH_LOCAL_TIME_ZONE(3) at) ARRAY",
          0, 0, "java.sql.Array", 1},
  };

  @Test void resultSetMetaData() throws Exception {
    try (Connection c = TypesTestSupport.connect(
             Map.of("t", new EnumerableRecordsTable(FULL, IcebergJdbcRoundTripTest.records(FULL))));
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select * from s.t")) {
      final ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        final Object[] e = RSMD[i - 1];
        final String what = "column " + e[0];
        assertThat(md.getColumnLabel(i)).isEqualTo(e[0]);
        assertThat(md.getColumnType(i)).as(what).isEqualTo(e[1]);
        assertThat(md.getColumnTypeName(i)).as(what).isEqualTo(e[2]);
        assertThat(md.getPrecision(i)).as(what).isEqualTo(e[3]);
        assertThat(md.getScale(i)).as(what).isEqualTo(e[4]);
        assertThat(md.getColumnClassName(i)).as(what).isEqualTo(e[5]);
        assertThat(md.isNullable(i)).as(what).isEqualTo(e[6]);
      }
      // Quirk: display size is the precision, so a TIMESTAMP(3) claims 3 characters.
      final int ts = FULL.columns().indexOf(FULL.findField("ts")) + 1;
      assertThat(md.getColumnLabel(ts)).isEqualTo("ts");
      assertThat(md.getColumnDisplaySize(ts)).isEqualTo(3);
    }
  }

  /** SQL over the converted values: the representations work in the runtime, not only as output. */
  @Test void queriesOverConvertedValues() throws Exception {
    try (Connection c = TypesTestSupport.connect(
             Map.of("t", new EnumerableRecordsTable(FULL, IcebergJdbcRoundTripTest.records(FULL)),
                 "p", new ScannableRecordsTable(BASE, IcebergJdbcRoundTripTest.records(BASE))));
         Statement s = c.createStatement()) {
      for (String table : List.of("s.t", "s.p")) {
        assertIds(s, "select id from " + table + " where dt = date '2022-01-08'", 1);
        assertIds(s, "select id from " + table + " where extract(year from dt) = 1", 2);
        assertIds(s, "select id from " + table + " where dt > date '9999-01-01'", 3);
        assertIds(s, "select id from " + table + " where ts < timestamp '1970-01-01 00:00:00'",
            2, 4);
        assertIds(s, "select id from " + table
            + " where ts = timestamp '2023-11-14 22:13:20.123'", 1);
        assertIds(s, "select id from " + table + " where tm = time '01:02:03.123'", 1);
        assertIds(s, "select id from " + table + " where u = '" + UUID1 + "'", 1);
        assertIds(s, "select id from " + table + " where u like '0000%'", 2);
        assertIds(s, "select id from " + table + " where s like 'h_llo%'", 1);
        assertIds(s, "select id from " + table + " where `dec` > 0 and dec2 < 0", 1, 4);
        assertIds(s, "select id from " + table + " where fx = x'01020304'", 1);
        assertIds(s, "select id from " + table + " t where t.st.a = 7", 1);
        assertIds(s, "select id from " + table + " t where t.st.d = date '1999-12-31'", 1);
        assertIds(s, "select id from " + table + " where dates[1] = date '2022-01-08'", 1);
        assertIds(s, "select id from " + table + " where cardinality(ints) = 3", 1);
        assertIds(s, "select id from " + table + " where mp['k'] = date '2022-01-08'", 1);
        assertIds(s, "select id from " + table + " where mi['a'] = 1", 1);
        assertIds(s, "select id from " + table + " order by ts desc nulls last, id", 3, 1, 4, 2, 5);
      }
      // UNNEST of a NULL array throws NullPointerException inside Calcite (SqlFunctions.p2),
      // so the NULL rows are filtered first.
      final String withList = "(select * from s.t where ls is not null) t";
      assertIds(s, "select id from " + withList + ", unnest(t.ls) as e(x, w) where e.x = 2", 1);
      try (ResultSet rs = s.executeQuery(
          "select e.w from " + withList + ", unnest(t.ls) as e(x, w) where e.x = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getTimestamp(1).toLocalDateTime())
            .isEqualTo(LocalDateTime.parse("2020-02-29T12:00:00"));
      }
    }
  }

  private static void assertIds(Statement s, String sql, int... ids) throws SQLException {
    final List<Integer> got = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        got.add(rs.getInt(1));
      }
    }
    if (!sql.contains("order by")) {
      got.sort(null);
    }
    assertThat(got).as(sql).containsExactly(Arrays.stream(ids).boxed().toArray(Integer[]::new));
  }

  /** getColumns through Calcite's own CalciteMetaImpl, next to what JdbcColumnFacts says. */
  @Test void databaseMetaDataGetColumns() throws Exception {
    try (Connection c = TypesTestSupport.connect(
        Map.of("t", new EnumerableRecordsTable(FULL, IcebergJdbcRoundTripTest.records(FULL))))) {
      final DatabaseMetaData md = c.getMetaData();
      final Map<String, List<Object>> calcite = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(null, TypesTestSupport.SCHEMA, "t", "%")) {
        while (rs.next()) {
          calcite.put(rs.getString("COLUMN_NAME"), Arrays.asList(rs.getInt("DATA_TYPE"),
              rs.getString("TYPE_NAME"), rs.getObject("COLUMN_SIZE"),
              rs.getObject("DECIMAL_DIGITS")));
        }
      }
      assertThat(calcite.keySet()).containsExactlyElementsOf(
          FULL.columns().stream().map(NestedField::name).toList());
      // What Calcite derives: full type strings with NOT NULL, -1 sizes.
      assertThat(calcite.get("id")).containsExactly(Types.INTEGER, "INTEGER NOT NULL", -1, null);
      assertThat(calcite.get("dec2"))
          .containsExactly(Types.DECIMAL, "DECIMAL(9, 2) NOT NULL", 9, 2);
      assertThat(calcite.get("ts")).containsExactly(Types.TIMESTAMP, "TIMESTAMP(3)", 3, null);
      assertThat(calcite.get("s")).containsExactly(Types.VARCHAR, "VARCHAR", -1, null);
      assertThat(calcite.get("st").get(1)).isEqualTo("RecordType(INTEGER NOT NULL a,"
          + " VARCHAR Name, DATE d, RecordType(TIMESTAMP(3) ts) inner)");
    }
  }
}
