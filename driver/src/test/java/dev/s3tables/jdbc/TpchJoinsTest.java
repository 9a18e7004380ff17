package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TPC-H joins over the demo data (scale 0.01): answers equal those computed from Iceberg's own
 * reader in Java, joins are ordered so that the large table is probed and the small ones hashed,
 * and conditions inside Q19's OR reach the scans of both tables.
 */
@StandIn(demo = true, shared = true)
class TpchJoinsTest {
  private static final String Q5 = """
      select n_name, sum(l_extendedprice * (1 - l_discount)) as revenue
      from tpch.customer, tpch.orders, tpch.lineitem, tpch.supplier, tpch.nation, tpch.region
      where c_custkey = o_custkey and l_orderkey = o_orderkey and l_suppkey = s_suppkey
        and c_nationkey = s_nationkey and s_nationkey = n_nationkey and n_regionkey = r_regionkey
        and r_name = 'ASIA' and o_orderdate >= date '1994-01-01' and o_orderdate < date '1995-01-01'
      group by n_name""";

  /** The three branches of Q19, with the join key written in each as the specification has it. */
  private static final String Q19_BRANCHES = """
      (p_brand = 'Brand#12' and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
          and l_quantity >= 1 and l_quantity <= 11 and p_size between 1 and 5
          and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON' %1$s)
        or (p_brand = 'Brand#23' and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
          and l_quantity >= 10 and l_quantity <= 20 and p_size between 1 and 10
          and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON' %1$s)
        or (p_brand = 'Brand#34' and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
          and l_quantity >= 20 and l_quantity <= 30 and p_size between 1 and 15
          and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON' %1$s)""";

  private static final String Q19_SELECT =
      "select sum(l_extendedprice * (1 - l_discount)) as revenue from tpch.lineitem, tpch.part where ";

  private final LocalS3Tables s3tables;
  private Connection connection;

  TpchJoinsTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void q5ProbesLineitemAndHashesTheOtherTables() throws SQLException {
    String plan = plan(Q5);
    assertThat(ExplainedPlan.hashedTables(plan))
        .containsExactlyInAnyOrder("customer", "orders", "supplier", "nation", "region")
        .doesNotContain("lineitem");
    assertThat(plan).doesNotContain("NestedLoopJoin");

    Map<String, BigDecimal> expected = q5Revenue();
    Map<String, BigDecimal> actual = new HashMap<>();
    for (String row : query(Q5)) {
      String[] nameAndRevenue = row.split("\\|");
      actual.put(nameAndRevenue[0], new BigDecimal(nameAndRevenue[1]));
    }
    assertThat(actual).hasSize(expected.size()).hasSizeGreaterThan(0);
    expected.forEach((nation, revenue) -> assertThat(actual.get(nation)).isEqualByComparingTo(revenue));
  }

  @Test
  void q19WithTheJoinKeyInFrontPushesEachTablesConditionsIntoItsScan() throws SQLException {
    String sql = Q19_SELECT + "p_partkey = l_partkey and (" + Q19_BRANCHES.formatted("") + ")";
    assertQ19(sql);
  }

  @Test
  void q19AsTheSpecificationWritesItIsAHashJoinToo() throws SQLException {
    assertQ19(Q19_SELECT + Q19_BRANCHES.formatted("and p_partkey = l_partkey"));
  }

  private void assertQ19(String sql) throws SQLException {
    String plan = plan(sql);
    assertThat(plan).contains("EnumerableHashJoin").doesNotContain("NestedLoopJoin");
    assertThat(ExplainedPlan.hashedTables(plan)).containsExactly("part");
    assertThat(ExplainedPlan.scanFilter(plan, "part")).contains("p_brand", "p_container", "p_size");
    assertThat(ExplainedPlan.scanFilter(plan, "lineitem")).contains("l_shipmode", "l_shipinstruct", "l_quantity");
    assertThat(new BigDecimal(query(sql).get(0))).isEqualByComparingTo(q19Revenue());
  }

  /** Q5's revenue per nation, joined in Java. */
  private Map<String, BigDecimal> q5Revenue() {
    Set<Long> asia = keys(records("region"), r -> "ASIA".equals(r.getField("r_name").toString()), "r_regionkey");
    Map<Long, String> nations = new HashMap<>();
    for (Record n : records("nation")) {
      if (asia.contains(number(n, "n_regionkey"))) {
        nations.put(number(n, "n_nationkey"), n.getField("n_name").toString());
      }
    }
    Map<Long, Long> supplierNation = map(records("supplier"), "s_suppkey", "s_nationkey");
    Map<Long, Long> customerNation = map(records("customer"), "c_custkey", "c_nationkey");
    Map<Long, Long> orderCustomer = new HashMap<>();
    for (Record o : records("orders")) {
      LocalDate date = (LocalDate) o.getField("o_orderdate");
      if (date.getYear() == 1994) {
        orderCustomer.put(number(o, "o_orderkey"), number(o, "o_custkey"));
      }
    }
    Map<String, BigDecimal> revenue = new HashMap<>();
    for (Record l : records("lineitem")) {
      Long customer = orderCustomer.get(number(l, "l_orderkey"));
      Long nation = supplierNation.get(number(l, "l_suppkey"));
      if (customer != null && nation != null && nation.equals(customerNation.get(customer)) && nations.containsKey(nation)) {
        revenue.merge(nations.get(nation), discounted(l), BigDecimal::add);
      }
    }
    return revenue;
  }

  /** Q19's revenue, joined in Java. */
  private BigDecimal q19Revenue() {
    Map<Long, Record> parts = new HashMap<>();
    records("part").forEach(p -> parts.put(number(p, "p_partkey"), p));
    BigDecimal revenue = BigDecimal.ZERO;
    for (Record l : records("lineitem")) {
      Record p = parts.get(number(l, "l_partkey"));
      if (q19Branch(p, l, "Brand#12", "SM", 1, 5) || q19Branch(p, l, "Brand#23", "MED", 10, 10)
          || q19Branch(p, l, "Brand#34", "LG", 20, 15)) {
        revenue = revenue.add(discounted(l));
      }
    }
    return revenue;
  }

  private static boolean q19Branch(Record p, Record l, String brand, String size, int minQuantity, int maxSize) {
    String container = p.getField("p_container").toString();
    Set<String> containers = size.equals("MED")
        ? Set.of("MED BAG", "MED BOX", "MED PKG", "MED PACK")
        : Set.of(size + " CASE", size + " BOX", size + " PACK", size + " PKG");
    BigDecimal quantity = (BigDecimal) l.getField("l_quantity");
    int partSize = (Integer) p.getField("p_size");
    return brand.equals(p.getField("p_brand").toString())
        && containers.contains(container)
        && quantity.compareTo(BigDecimal.valueOf(minQuantity)) >= 0
        && quantity.compareTo(BigDecimal.valueOf(minQuantity + 10)) <= 0
        && partSize >= 1 && partSize <= maxSize
        && Set.of("AIR", "AIR REG").contains(l.getField("l_shipmode").toString())
        && "DELIVER IN PERSON".equals(l.getField("l_shipinstruct").toString());
  }

  private static BigDecimal discounted(Record l) {
    BigDecimal price = (BigDecimal) l.getField("l_extendedprice");
    return price.multiply(BigDecimal.ONE.subtract((BigDecimal) l.getField("l_discount")));
  }

  private List<Record> records(String table) {
    return Oracle.records(Oracle.table(s3tables, "tpch", table));
  }

  private static long number(Record r, String column) {
    return ((Number) r.getField(column)).longValue();
  }

  private static Set<Long> keys(List<Record> records, java.util.function.Predicate<Record> keep, String key) {
    return Set.copyOf(records.stream().filter(keep).map(r -> number(r, key)).toList());
  }

  private static Map<Long, Long> map(List<Record> records, String key, String value) {
    Map<Long, Long> map = new HashMap<>();
    records.forEach(r -> map.put(number(r, key), number(r, value)));
    return map;
  }

  private List<String> query(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Oracle.rows(rs);
    }
  }

  private String plan(String sql) throws SQLException {
    return String.join("\n", query("explain plan for " + sql));
  }
}
