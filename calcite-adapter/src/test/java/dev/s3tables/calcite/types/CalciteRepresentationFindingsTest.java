package dev.s3tables.calcite.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.calcite.types.TypesTestSupport.RawRowsTable;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.IntegerType;
import org.apache.iceberg.types.Types.ListType;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.types.Types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Part 1: how values travel from an enumerable table through Calcite 1.42's JDBC driver, shown on
 * hand-made rows in Calcite's internal representations. Each test pins one finding; the Iceberg
 * round trip is in {@link IcebergJdbcRoundTripTest}.
 */
class CalciteRepresentationFindingsTest {

  /** 2023-11-14T22:13:20.123Z as epoch millis. */
  private static final long MILLIS = 1_700_000_000_123L;

  /** A type system that lets TIME/TIMESTAMP declare precision 6, to see what that changes. */
  public static final class MicrosTypeSystem extends RelDataTypeSystemImpl {
    public static final MicrosTypeSystem INSTANCE = new MicrosTypeSystem();

    @Override public int getMaxPrecision(SqlTypeName typeName) {
      switch (typeName) {
      case TIME:
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return 6;
      default:
        return S3TablesTypeSystem.INSTANCE.getMaxPrecision(typeName);
      }
    }
  }

  private static Connection connect(RawRowsTable table, String typeSystem, String timeZone)
      throws SQLException {
    final Properties p = new Properties();
    if (typeSystem != null) {
      p.setProperty("typeSystem", typeSystem);
    }
    if (timeZone != null) {
      p.setProperty("timeZone", timeZone);
    }
    final Connection c = TypesTestSupport.connect(Map.of("t", table), p);
    return c;
  }

  @Test void defaultTypeSystemCapsDatetimePrecisionAt3AndDecimalAt19() {
    final RelDataTypeFactory def = new JavaTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
    assertThat(def.createSqlType(SqlTypeName.TIMESTAMP, 6).getPrecision()).isEqualTo(3);
    assertThat(def.createSqlType(SqlTypeName.TIME, 6).getPrecision()).isEqualTo(3);
    assertThat(def.createSqlType(SqlTypeName.DECIMAL, 38, 10).getPrecision()).isEqualTo(19);
    final RelDataTypeFactory ours = new JavaTypeFactoryImpl(S3TablesTypeSystem.INSTANCE);
    assertThat(ours.createSqlType(SqlTypeName.DECIMAL, 38, 10).getPrecision()).isEqualTo(38);
    assertThat(ours.createSqlType(SqlTypeName.DECIMAL, 38, 38).getScale()).isEqualTo(38);
  }

  /**
   * Even with TIMESTAMP(6)/TIME(6) declared, the runtime value is long/int millis: JDBC reports
   * precision 6, but getString pads the millis with zeros and getTimestamp has no micros.
   */
  @Test void declaringPrecision6OnlyPadsTheMillis() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("ts", SqlTypeName.TIMESTAMP, 6)
        .add("tm", SqlTypeName.TIME, 6)
        .add("tsz", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6)
        .build(),
        List.<Object[]>of(new Object[] {MILLIS, 3_723_123, MILLIS}));
    try (Connection c = connect(t, MicrosTypeSystem.class.getName() + "#INSTANCE", "UTC");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select ts, tm, tsz from s.t")) {
      final ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getPrecision(1)).isEqualTo(6);
      assertThat(md.getPrecision(2)).isEqualTo(6);
      assertThat(md.getPrecision(3)).isEqualTo(6);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("2023-11-14 22:13:20.123000");
      assertThat(rs.getString(2)).isEqualTo("01:02:03.123000");
      assertThat(rs.getString(3)).isEqualTo("2023-11-14 22:13:20.123000");
      assertThat(rs.getTimestamp(1).getNanos()).isEqualTo(123_000_000);
    }
  }

  /** Sub-millisecond digits in SQL are dropped too: literals, and CAST to VARCHAR drops millis. */
  @Test void literalsTruncateToMillisAndCastToVarcharDropsTheFraction() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("ts", SqlTypeName.TIMESTAMP, 3).add("tm", SqlTypeName.TIME, 3).build(),
        List.<Object[]>of(new Object[] {MILLIS, 3_723_123}));
    try (Connection c = connect(t, null, "UTC");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select timestamp '2023-11-14 22:13:20.123456',"
             + " time '01:02:03.123456', cast(ts as varchar), cast(tm as varchar),"
             + " (select count(*) from s.t where ts = timestamp '2023-11-14 22:13:20.123999')"
             + " from s.t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("2023-11-14 22:13:20.123");
      assertThat(rs.getTimestamp(1).getNanos()).isEqualTo(123_000_000);
      assertThat(rs.getString(2)).isEqualTo("01:02:03.123");
      assertThat(rs.getString(3)).isEqualTo("2023-11-14 22:13:20");
      assertThat(rs.getString(4)).isEqualTo("01:02:03");
      // .123999 compares equal to .123: the literal was truncated as well
      assertThat(rs.getLong(5)).isEqualTo(1);
    }
  }

  /**
   * The other representation one could try, a java.sql.Timestamp column (JavaType), does not
   * keep nanos either, and comparisons against aggregates go wrong.
   */
  @Test void javaSqlTimestampColumnsLoseNanosAndBreakComparisons() throws Exception {
    final Timestamp t1 = Timestamp.valueOf("2023-11-14 22:13:20.123456");
    final Timestamp t2 = Timestamp.valueOf("2023-11-14 22:13:20.124457");
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("id", SqlTypeName.INTEGER)
        .add("jts", f.createTypeWithNullability(f.createJavaType(Timestamp.class), true))
        .build(),
        List.of(new Object[] {1, t1}, new Object[] {2, t2}));
    try (Connection c = connect(t, null, null); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select jts from s.t order by id")) {
        assertThat(rs.next()).isTrue();
        assertThat(((Timestamp) rs.getObject(1)).getNanos()).isEqualTo(123_000_000);
        assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(0);
      }
      try (ResultSet rs =
               s.executeQuery("select id from s.t where jts = (select max(jts) from s.t)")) {
        assertThat(rs.next()).as("row 2 holds the maximum but is not found").isFalse();
      }
    }
  }

  /**
   * TIMESTAMP_WITH_LOCAL_TIME_ZONE is epoch millis inside; SQL renders it in the connection's
   * time zone, but the JDBC accessor treats it like a plain TIMESTAMP: getString and
   * getTimestamp show the UTC wall clock, and getTimestamp().getTime() is off by the connection
   * zone's offset.
   */
  @Test void timestampWithLocalTimeZoneReachesJdbcAsUtcWallClock() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("tsz", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3).build(),
        List.<Object[]>of(new Object[] {MILLIS}));
    try (Connection c = connect(t, null, "Asia/Tokyo");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select tsz, cast(tsz as varchar) from s.t")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.TIMESTAMP);
      assertThat(rs.getMetaData().getColumnTypeName(1))
          .isEqualTo("TIMESTAMP_WITH_LOCAL_TIME_ZONE");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("2023-11-15 07:13:20.123 Asia/Tokyo");
      assertThat(rs.getString(1)).isEqualTo("2023-11-14 22:13:20.123");
      assertThat(rs.getTimestamp(1).getTime()).isEqualTo(MILLIS - 9 * 3_600_000L);
    }
    // With the default connection time zone (the JVM's), getTimestamp shows the UTC wall clock
    // in the JVM zone, so toInstant() is right only when the JVM runs in UTC.
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select tsz from s.t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getTimestamp(1).toLocalDateTime())
          .isEqualTo(LocalDateTime.ofEpochSecond(MILLIS / 1000, 123_000_000, ZoneOffset.UTC));
    }
  }

  /**
   * Calcite 1.42 has a UUID type (java.util.UUID inside, JDBC OTHER). Reading it works, but the
   * generated code for CAST(u AS VARCHAR) and for u = 'text' does not compile, so tools that
   * filter or cast would fail: uuid maps to VARCHAR(36) instead.
   */
  @Test void calciteUuidTypeIsNotUsableEndToEnd() throws Exception {
    final UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("id", SqlTypeName.INTEGER).add("u", SqlTypeName.UUID).build(),
        List.<Object[]>of(new Object[] {1, u}));
    try (Connection c = connect(t, null, null); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select u from s.t")) {
        final ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
        assertThat(md.getColumnTypeName(1)).isEqualTo("UUID");
        assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.Object");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(u);
        assertThat(rs.getString(1)).isEqualTo(u.toString());
      }
      try (ResultSet rs = s.executeQuery(
          "select id from s.t where u = cast('" + u + "' as uuid) group by id, u order by u")) {
        assertThat(rs.next()).isTrue();
      }
      assertThatThrownBy(() -> s.executeQuery("select cast(u as varchar) from s.t"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Error while compiling generated Java code");
      assertThatThrownBy(() -> s.executeQuery("select id from s.t where u = '" + u + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Error while compiling generated Java code");
    }
  }

  /**
   * EnumerableTableScan (how Calcite reads a ScannableTable) generates code that expects ARRAY
   * elements of ROW type to be synthetic Java classes; with Object[] rows it does not compile,
   * even when the query does not select that column. The adapter's own scan rel avoids it.
   */
  @Test void scannableTableWithArrayOfRowDoesNotCompile() {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("id", SqlTypeName.INTEGER)
        .add("a", f.createArrayType(f.builder().add("x", SqlTypeName.INTEGER).build(), -1))
        .build(),
        List.<Object[]>of(new Object[] {1, List.<Object>of(new Object[] {1})}));
    assertThatThrownBy(() -> {
      try (Connection c = connect(t, null, null); Statement s = c.createStatement()) {
        s.executeQuery("select id from s.t");
      }
    }).isInstanceOf(SQLException.class)
        .hasMessageContaining("Error while compiling generated Java code");
  }

  /**
   * ROW values must be Object[]: Avatica then converts each field with its own accessor (DATE to
   * java.sql.Date). A List is passed through raw (DATE stays Integer days). Calcite's own ROW
   * constructor also produces Object[].
   */
  @Test void rowValuesAsObjectArrayAreConvertedFieldByField() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("ra", f.builder().add("x", SqlTypeName.INTEGER).add("d", SqlTypeName.DATE).build())
        .add("rl", f.builder().add("x", SqlTypeName.INTEGER).add("d", SqlTypeName.DATE).build())
        .build(),
        List.<Object[]>of(new Object[] {new Object[] {7, 19_000}, Arrays.asList(7, 19_000)}));
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select ra, rl, t.ra.d, row(1, date '2022-01-08') from s.t t")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.STRUCT);
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("STRUCT");
      assertThat(rs.next()).isTrue();
      final Object[] a = ((Struct) rs.getObject(1)).getAttributes();
      assertThat(a[0]).isEqualTo(7);
      assertThat(((java.sql.Date) a[1]).toLocalDate()).isEqualTo(LocalDate.ofEpochDay(19_000));
      final Object[] l = ((Struct) rs.getObject(2)).getAttributes();
      assertThat(l[1]).isEqualTo(19_000);
      assertThat(rs.getDate(3).toLocalDate()).isEqualTo(LocalDate.ofEpochDay(19_000));
      final Object[] r = ((Struct) rs.getObject(4)).getAttributes();
      assertThat(r[1]).isInstanceOf(java.sql.Date.class);
    }
  }

  /** MAP columns reach JDBC as the raw Map: values stay in the internal representation. */
  @Test void mapValuesReachJdbcInInternalRepresentation() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("m", f.createMapType(f.createSqlType(SqlTypeName.VARCHAR),
            f.createSqlType(SqlTypeName.DATE)))
        .add("m2", f.createMapType(f.createSqlType(SqlTypeName.VARCHAR),
            f.createSqlType(SqlTypeName.DATE)))
        .build(),
        List.<Object[]>of(new Object[] {Map.of("k", 19_000), Map.of("k", 19_000)}));
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select m, m['k'] from s.t")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.OTHER);
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("(VARCHAR, DATE) MAP");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1)).isEqualTo(Map.of("k", 19_000));
      assertThat(rs.getDate(2).toLocalDate()).isEqualTo(LocalDate.ofEpochDay(19_000));
    }
  }

  /**
   * ARRAY elements are converted by the component accessor in getObject(), but
   * Array.getArray() on an array of NOT NULL DATE then casts the converted java.sql.Date back
   * to Integer and fails (Avatica bug); with nullable elements it returns the java.sql.Dates.
   */
  @Test void arrayOfNotNullDatesCannotBeMaterialized() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("req", f.createArrayType(f.createSqlType(SqlTypeName.DATE), -1))
        .add("opt", f.createArrayType(
            f.createTypeWithNullability(f.createSqlType(SqlTypeName.DATE), true), -1))
        .build(),
        List.<Object[]>of(new Object[] {List.of(19_000), Arrays.asList(19_000, null)}));
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select req, opt from s.t")) {
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("DATE ARRAY");
      assertThat(rs.next()).isTrue();
      final Array req = rs.getArray(1);
      assertThatThrownBy(req::getArray).isInstanceOf(ClassCastException.class);
      final Object[] opt = (Object[]) rs.getArray(2).getArray();
      assertThat(((java.sql.Date) opt[0]).toLocalDate()).isEqualTo(LocalDate.ofEpochDay(19_000));
      assertThat(opt[1]).isNull();
    }
  }

  /** Avatica 1.28 has no java.time support in getObject(int, Class). */
  @Test void getObjectWithJavaTimeClassesIsNotSupported() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("d", SqlTypeName.DATE).add("ts", SqlTypeName.TIMESTAMP, 3).build(),
        List.<Object[]>of(new Object[] {19_000, MILLIS}));
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select d, ts from s.t")) {
      assertThat(rs.next()).isTrue();
      assertThatThrownBy(() -> rs.getObject(1, LocalDate.class))
          .isInstanceOf(SQLDataException.class);
      assertThatThrownBy(() -> rs.getObject(2, LocalDateTime.class))
          .isInstanceOf(SQLDataException.class);
    }
  }

  /**
   * Values pass through untouched in any charset, but the default character set of SQL literals
   * is ISO-8859-1: a literal outside Latin-1 fails to parse. Parameters work.
   */
  @Test void literalsOutsideLatin1FailButParametersWork() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("id", SqlTypeName.INTEGER).add("s", SqlTypeName.VARCHAR).build(),
        List.<Object[]>of(new Object[] {1, "h\u00e9llo \u2713"}));
    try (Connection c = connect(t, null, null)) {
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("select id from s.t where s = 'h\u00e9llo \u2713'"))
            .isInstanceOf(SQLException.class)
            .hasStackTraceContaining("Failed to encode");
      }
      try (PreparedStatement ps = c.prepareStatement("select s from s.t where s = ?")) {
        ps.setString(1, "h\u00e9llo \u2713");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("h\u00e9llo \u2713");
        }
      }
    }
  }

  /** DECIMAL values pass unchanged; with the default type system the metadata says 19. */
  @Test void decimalMetadataDependsOnTheTypeSystem() throws Exception {
    final BigDecimal v = new BigDecimal("12345678901234567890.1234567890");
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("dc", SqlTypeName.DECIMAL, 38, 10).build(),
        List.<Object[]>of(new Object[] {v}));
    try (Connection c = connect(t, RelDataTypeSystem.class.getName() + "#DEFAULT", null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select dc from s.t")) {
      assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(19);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualTo(v);
    }
    try (Connection c = connect(t, null, null);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select dc from s.t")) {
      assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(38);
      assertThat(rs.getMetaData().getScale(1)).isEqualTo(10);
    }
  }

  /** Calcite planner bugs met on legal values (not representation problems). */
  @Test void plannerFailsOnExtractYear9999AndUnnestOfNullArrayOfRow() throws Exception {
    final RawRowsTable t = new RawRowsTable(f -> f.builder()
        .add("id", SqlTypeName.INTEGER)
        .add("d", SqlTypeName.DATE)
        .add("a", f.createTypeWithNullability(
            f.createArrayType(f.createSqlType(SqlTypeName.INTEGER), -1), true))
        .build(),
        List.of(new Object[] {1, 2_932_896 /* 9999-12-31 */, List.of(1, 2)},
            new Object[] {2, 0, null}));
    try (Connection c = connect(t, null, null); Statement s = c.createStatement()) {
      // DateRangeRules turns EXTRACT(YEAR ...) = 9999 into a range ending in year 10000.
      assertThatThrownBy(() -> s.executeQuery(
          "select id from s.t where extract(year from d) = 9999"))
          .isInstanceOf(SQLException.class)
          .hasStackTraceContaining("Year out of range: [10000]");
      // UNNEST of a NULL array of scalars yields no rows ...
      try (ResultSet rs = s.executeQuery("select id, x from s.t, unnest(t.a) as u(x)")) {
        int n = 0;
        while (rs.next()) {
          assertThat(rs.getInt(1)).isEqualTo(1);
          n++;
        }
        assertThat(n).isEqualTo(2);
      }
    }
    // ... but UNNEST of a NULL array of ROW throws NullPointerException in
    // SqlFunctions.flatProduct (p2).
    final StructType elem = StructType.of(NestedField.required(3, "x", IntegerType.get()));
    final Schema schema = new Schema(
        NestedField.required(1, "id", IntegerType.get()),
        NestedField.optional(2, "ls", ListType.ofOptional(4, elem)));
    final Record e = GenericRecord.create(elem);
    e.set(0, 7);
    final Record r1 = GenericRecord.create(schema);
    r1.set(0, 1);
    r1.set(1, List.of(e));
    final Record r2 = GenericRecord.create(schema);
    r2.set(0, 2);
    try (Connection c = TypesTestSupport.connect(Map.of("t",
             new TypesTestSupport.EnumerableRecordsTable(schema, List.of(r1, r2))));
         Statement s = c.createStatement()) {
      assertThatThrownBy(() -> {
        try (ResultSet rs = s.executeQuery("select x from s.t, unnest(t.ls) as u(x)")) {
          while (rs.next()) {
            rs.getInt(1);
          }
        }
      }).isInstanceOf(NullPointerException.class);
    }
  }
}
