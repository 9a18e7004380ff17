package dev.s3tables.jdbc.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jOOQ over the driver, without generated code: typed reads of TPC-H, whose SQL (as jOOQ's default
 * dialect renders it, identifiers quoted) Calcite parses, and batch inserts, prepared with bind
 * values and static, into a table jOOQ's DDL created.
 */
@StandIn(demo = true)
class JooqTest {
  static {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final Table<Record> NATION = table(name("tpch", "nation"));
  private static final Table<Record> REGION = table(name("tpch", "region"));
  private static final Field<Integer> N_NATIONKEY = field(name("nation", "n_nationkey"), SQLDataType.INTEGER);
  private static final Field<String> N_NAME = field(name("nation", "n_name"), SQLDataType.VARCHAR);
  private static final Field<Integer> N_REGIONKEY = field(name("nation", "n_regionkey"), SQLDataType.INTEGER);
  private static final Field<Integer> R_REGIONKEY = field(name("region", "r_regionkey"), SQLDataType.INTEGER);
  private static final Field<String> R_NAME = field(name("region", "r_name"), SQLDataType.VARCHAR);

  private static final Table<Record> LEDGER = table(name("jooq_writes", "ledger"));
  private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
  private static final Field<String> LABEL = field(name("label"), SQLDataType.VARCHAR);
  private static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.DECIMAL(9, 2));

  /** A nation as jOOQ's record mapper builds it, by the order of the selected columns. */
  record Nation(int key, String name) {}

  private final LocalS3Tables s3tables;
  private Connection connection;
  private DSLContext ctx;

  JooqTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    ctx = DSL.using(connection, SQLDialect.DEFAULT);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void typedReadsOfAJoin() throws SQLException {
    var query =
        ctx.select(N_NATIONKEY, N_NAME)
            .from(NATION)
            .join(REGION).on(N_REGIONKEY.eq(R_REGIONKEY))
            .where(R_NAME.eq("EUROPE"))
            .orderBy(N_NATIONKEY);
    assertThat(query.getSQL())
        .isEqualTo(
            "select \"nation\".\"n_nationkey\", \"nation\".\"n_name\" from \"tpch\".\"nation\" join \"tpch\".\"region\""
                + " on \"nation\".\"n_regionkey\" = \"region\".\"r_regionkey\" where \"region\".\"r_name\" = ?"
                + " order by \"nation\".\"n_nationkey\"");

    Result<Record2<Integer, String>> result = query.fetch();
    List<String> expected =
        Direct.rows(
            connection,
            "select n.n_nationkey, n.n_name from tpch.nation n join tpch.region r on n.n_regionkey = r.r_regionkey"
                + " where r.r_name = ? order by n.n_nationkey",
            "EUROPE");
    assertThat(result).hasSize(5);
    assertThat(result.map(r -> r.value1() + "|" + r.value2())).containsExactlyElementsOf(expected);
    assertThat(result.get(0).value1()).isInstanceOf(Integer.class).isEqualTo(6);
    assertThat(result.get(0).value2()).isInstanceOf(String.class).isEqualTo("FRANCE");
    assertThat(result.field(N_NATIONKEY).getType()).isEqualTo(Integer.class);

    List<Nation> nations = query.fetchInto(Nation.class);
    assertThat(nations).extracting(Nation::name).containsExactly("FRANCE", "GERMANY", "ROMANIA", "RUSSIA", "UNITED KINGDOM");
    assertThat(nations.get(1)).isEqualTo(new Nation(7, "GERMANY"));

    // An aggregate and a scalar fetch, with jOOQ converting the driver's types to the requested ones.
    Record2<String, Integer> perRegion =
        ctx.select(R_NAME, DSL.count())
            .from(NATION).join(REGION).on(N_REGIONKEY.eq(R_REGIONKEY))
            .groupBy(R_NAME)
            .orderBy(R_NAME)
            .fetchAny();
    assertThat(perRegion.value1()).isEqualTo("AFRICA");
    assertThat(perRegion.value2()).isEqualTo(5);
    Long lineitems = ctx.selectCount().from(table(name("tpch", "lineitem"))).fetchOneInto(Long.class);
    assertThat(lineitems).isPositive().hasToString(Direct.rows(connection, "select count(*) from tpch.lineitem").get(0));
  }

  @Test
  void batchInsertsReadBackOnceEach() {
    ctx.createSchema(name("jooq_writes")).execute();
    ctx.createTable(LEDGER).column(ID).column(LABEL).column(AMOUNT).execute();

    // One prepared statement, three rows of bind values, one executeBatch.
    int[] counts =
        ctx.batch(ctx.insertInto(LEDGER, ID, LABEL, AMOUNT).values((Long) null, null, null))
            .bind(1L, "first", new BigDecimal("10.50"))
            .bind(2L, "second", null)
            .bind(3L, "it's third", new BigDecimal("-0.01"))
            .execute();
    assertThat(counts).containsExactly(1, 1, 1);
    // Static statements with inlined values, batched the same way.
    counts =
        ctx.batch(
                ctx.insertInto(LEDGER, ID, LABEL, AMOUNT).values(4L, "fourth", new BigDecimal("4.00")),
                ctx.insertInto(LEDGER, ID, LABEL, AMOUNT).values(5L, "fifth", new BigDecimal("5.55")))
            .execute();
    assertThat(counts).containsExactly(1, 1);

    // Each batch is one Iceberg append.
    var table = s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of("jooq_writes", "ledger"));
    assertThat(table.snapshots()).hasSize(2);

    Result<Record3<Long, String, BigDecimal>> rows = ctx.select(ID, LABEL, AMOUNT).from(LEDGER).orderBy(ID).fetch();
    assertThat(rows.map(r -> r.value1() + "|" + r.value2() + "|" + r.value3()))
        .containsExactly(
            "1|first|10.50", "2|second|null", "3|it's third|-0.01", "4|fourth|4.00", "5|fifth|5.55");
    assertThat(ctx.fetchCount(LEDGER)).isEqualTo(5);
  }
}
