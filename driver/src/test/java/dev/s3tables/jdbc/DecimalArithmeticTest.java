package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checked arithmetic: DECIMAL results that always fit their type are exact and carry no overflow
 * check in the plan; results that may not fit, and INT and BIGINT arithmetic, still fail with 22003.
 */
@StandIn(demo = true, shared = true)
class DecimalArithmeticTest {
  private static final BigDecimal MAX_15_2 = new BigDecimal("9999999999999.99");
  private static final BigDecimal MAX_38_0 = new BigDecimal("99999999999999999999999999999999999999");
  private static final BigDecimal MAX_23_4 = new BigDecimal("9999999999999999999.9999");
  private static final BigDecimal F = new BigDecimal("0.12345678901234567891");
  private static final BigDecimal G = new BigDecimal("-0.98765432109876543219");

  private final LocalS3Tables s3tables;
  private Connection connection;

  DecimalArithmeticTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
    try (Statement s = connection.createStatement()) {
      s.execute("create schema if not exists decimal_arithmetic");
      s.execute("create table if not exists decimal_arithmetic.bounds"
          + " (a decimal(15, 2), b decimal(15, 2), c decimal(38, 0), i int, l bigint)");
      ResultSet rows = s.executeQuery("select count(*) from decimal_arithmetic.bounds");
      rows.next();
      if (rows.getLong(1) == 0) {
        s.executeUpdate("insert into decimal_arithmetic.bounds values (" + MAX_15_2 + ", -" + MAX_15_2 + ", "
            + MAX_38_0 + ", 2147483647, 9223372036854775807)");
      }
      s.execute("create table if not exists decimal_arithmetic.limits"
          + " (p decimal(15, 2), q decimal(23, 4), r decimal(15, 2), f decimal(38, 20), g decimal(38, 20))");
      rows = s.executeQuery("select count(*) from decimal_arithmetic.limits");
      rows.next();
      if (rows.getLong(1) == 0) {
        s.executeUpdate("insert into decimal_arithmetic.limits values (" + MAX_15_2 + ", " + MAX_23_4 + ", -"
            + MAX_15_2 + ", " + F + ", " + G + ")");
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void productsOfDecimal15And2AreExact() throws SQLException {
    try (ResultSet rs = query("select a * b, a * a, a - b, a + 0.50 from decimal_arithmetic.bounds")) {
      rs.next();
      assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(30);
      assertThat(rs.getMetaData().getScale(1)).isEqualTo(4);
      assertExactly(rs, 1, new BigDecimal("-99999999999999800000000000.0001"));
      assertExactly(rs, 2, new BigDecimal("99999999999999800000000000.0001"));
      assertExactly(rs, 3, new BigDecimal("19999999999999.98"));
      assertExactly(rs, 4, new BigDecimal("10000000000000.49"));
    }
  }

  /** TPC-H Q1's expressions, on rows with a discount of 0.10: the trailing zeros of the type's scale stay. */
  @Test
  void tpchExpressionsKeepTheScaleOfTheirType() throws SQLException {
    String sql = "select l_extendedprice, l_discount, l_tax, l_extendedprice * (1 - l_discount),"
        + " l_extendedprice * (1 - l_discount) * (1 + l_tax) from tpch.lineitem"
        + " where l_discount = 0.10 and l_orderkey < 2000";
    int rows = 0;
    try (ResultSet rs = query(sql)) {
      while (rs.next()) {
        BigDecimal discPrice = rs.getBigDecimal(1).multiply(BigDecimal.ONE.subtract(rs.getBigDecimal(2)));
        assertExactly(rs, 4, discPrice);
        assertExactly(rs, 5, discPrice.multiply(BigDecimal.ONE.add(rs.getBigDecimal(3))));
        rows++;
      }
    }
    assertThat(rows).isPositive();
  }

  @Test
  void sumAndAvgOfDecimalProductsAreUnchanged() throws SQLException {
    String filter = " from tpch.lineitem where l_orderkey < 2000";
    BigDecimal sum = BigDecimal.ZERO.setScale(4);
    long count = 0;
    try (ResultSet rs = query("select l_extendedprice, l_discount" + filter)) {
      while (rs.next()) {
        sum = sum.add(rs.getBigDecimal(1).multiply(BigDecimal.ONE.subtract(rs.getBigDecimal(2))));
        count++;
      }
    }
    try (ResultSet rs = query("select sum(l_extendedprice * (1 - l_discount)), avg(l_extendedprice * (1 - l_discount))"
        + filter)) {
      rs.next();
      assertExactly(rs, 1, sum);
      assertExactly(rs, 2, sum.divide(BigDecimal.valueOf(count), 6, RoundingMode.DOWN));
    }
  }

  @Test
  void resultsThatMayNotFitStillFailWith22003() {
    assertOverflow("select c + c from decimal_arithmetic.bounds", "cannot be represented as a DECIMAL(38, 0)");
    assertOverflow("select c - 1 - c - c from decimal_arithmetic.bounds", "cannot be represented as a DECIMAL(38, 0)");
    assertOverflow("select a * b * a from decimal_arithmetic.bounds", "cannot be represented as a DECIMAL(38, 6)");
    assertOverflow("select i + i from decimal_arithmetic.bounds", "integer overflow");
    assertOverflow("select i * 2 from decimal_arithmetic.bounds", "integer overflow");
    assertOverflow("select l * l from decimal_arithmetic.bounds", "long overflow");
    // Calcite's own conversion misses integer arithmetic inside decimal arithmetic; it wrapped to -2.00.
    assertOverflow("select a * (i + i) from decimal_arithmetic.bounds", "integer overflow");
    assertOverflow("select 1.00 * (i * 2) + a from decimal_arithmetic.bounds", "integer overflow");
    assertOverflow("select a * (l * l) from decimal_arithmetic.bounds", "long overflow");
  }

  /**
   * p * q is a DECIMAL(38, 6) of 38 digits; adding p - p (0.00) makes a sum Calcite types DECIMAL(38, 6)
   * that may not fit, so it is checked at run time.
   */
  @Test
  void checkedResultsAtTheLimitOfDecimal38And6AreExact() throws SQLException {
    BigDecimal limit = MAX_15_2.multiply(MAX_23_4);
    assertThat(limit.precision()).isEqualTo(38);
    String sql = "select p * q + (p - p), r * q + (r - r) from decimal_arithmetic.limits";
    assertThat(explain(sql)).contains("CHECK_DECIMAL(");
    try (ResultSet rs = query(sql)) {
      rs.next();
      assertThat(rs.getMetaData().getScale(1)).isEqualTo(6);
      assertExactly(rs, 1, limit);
      assertExactly(rs, 2, limit.negate());
    }
    try (ResultSet rs = query("select sum(p * q + (p - p)), sum(r * q - (p - p)) from decimal_arithmetic.limits")) {
      rs.next();
      assertExactly(rs, 1, limit);
      assertExactly(rs, 2, limit.negate());
    }
  }

  @Test
  void checkedResultsPastTheLimitOfDecimal38And6FailWith22003() {
    String message = "cannot be represented as a DECIMAL(38, 6)";
    assertOverflow("select p * q + p * q from decimal_arithmetic.limits", message);
    assertOverflow("select r * q + r * q from decimal_arithmetic.limits", message);
    assertOverflow("select sum(p * q + p * q) from decimal_arithmetic.limits", message);
    assertOverflow("select sum(r * q * 1.0) from decimal_arithmetic.limits",
        "cannot be represented as a DECIMAL(38, 7)");
  }

  /** A total with more digits than its DECIMAL type fails as the CAST to the type would; one that fits is exact. */
  @Test
  void sumsPastTheirTypeFailWith22003() throws SQLException {
    String twice = "(select c, i from decimal_arithmetic.bounds union all select c, i from decimal_arithmetic.bounds)";
    assertOverflow("select sum(c) from " + twice, "cannot be represented as a DECIMAL(38, 0)");
    assertOverflow("select i, sum(c) from " + twice + " group by i", "cannot be represented as a DECIMAL(38, 0)");
    assertOverflow("select sum(v) from (select p * q + (p - p) as v from decimal_arithmetic.limits"
        + " union all select p * q from decimal_arithmetic.limits)", "cannot be represented as a DECIMAL(38, 6)");
    String opposite = "(select c from decimal_arithmetic.bounds union all select -c from decimal_arithmetic.bounds)";
    try (ResultSet rs = query("select sum(c), count(*) from " + opposite)) {
      rs.next();
      assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(38);
      assertExactly(rs, 1, BigDecimal.ZERO);
    }
    try (ResultSet rs = query("select sum(c) from decimal_arithmetic.bounds where i < 0")) {
      rs.next();
      assertThat(rs.getBigDecimal(1)).isNull();
    }
  }

  /** f * g has 40 digits after the point where DECIMAL(38, 38) has 38: the CAST rounds it towards zero. */
  @Test
  void checkedResultsWithMoreScaleThanTheirTypeAreRoundedAsCastRoundsThem() throws SQLException {
    try (ResultSet rs = query("select f * g, f * f, f * g + (f - f) from decimal_arithmetic.limits")) {
      rs.next();
      assertThat(rs.getMetaData().getScale(1)).isEqualTo(38);
      assertExactly(rs, 1, F.multiply(G).setScale(38, RoundingMode.DOWN));
      assertExactly(rs, 2, F.multiply(F).setScale(38, RoundingMode.DOWN));
      assertExactly(rs, 3, F.multiply(G).setScale(38, RoundingMode.DOWN));
    }
    assertOverflow("select (f - g) * (f - g) from decimal_arithmetic.limits",
        "cannot be represented as a DECIMAL(38, 38)");
  }

  @Test
  void planChecksOnlyWhatMayOverflow() throws SQLException {
    String plan = explain("select l_extendedprice * (1 - l_discount), l_extendedprice * (1 - l_discount) * (1 + l_tax),"
        + " l_extendedprice * l_discount + l_tax from tpch.lineitem");
    // Only Q1's charge, whose three factors may need 41 whole digits where DECIMAL(38, 6) has 32, keeps its check.
    assertThat(plan).doesNotContain("CAST(").doesNotContain(":DECIMAL(31, 4)").doesNotContain(":DECIMAL(32, 4)");
    assertThat(plan.split("CHECK_DECIMAL\\(", -1)).hasSize(2);
    assertThat(plan).contains("=[38]").contains("=[6]");

    String q5 = explain("select n_name, sum(l_extendedprice * (1 - l_discount)) from tpch.lineitem, tpch.supplier,"
        + " tpch.nation where l_suppkey = s_suppkey and s_nationkey = n_nationkey group by n_name");
    assertThat(q5).contains("EnumerableHashJoin").doesNotContain(":DECIMAL(31, 4)");

    assertThat(explain("select c + c from decimal_arithmetic.bounds")).contains("CHECK_DECIMAL(");
    assertThat(operatorKinds("select i + i from decimal_arithmetic.bounds")).contains(SqlKind.CHECKED_PLUS);
    assertThat(operatorKinds("select l * l from decimal_arithmetic.bounds")).contains(SqlKind.CHECKED_TIMES);
  }

  private ResultSet query(String sql) throws SQLException {
    return connection.createStatement().executeQuery(sql);
  }

  private String explain(String sql) throws SQLException {
    try (ResultSet rs = query("explain plan for " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The kinds of every call in the plan Calcite implements for a statement. */
  private Set<SqlKind> operatorKinds(String sql) throws SQLException {
    List<RelNode> plans = new ArrayList<>();
    try (Hook.Closeable ignored = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) -> {
      plans.add(root.rel);
    })) {
      connection.prepareStatement(sql).close();
    }
    Set<SqlKind> kinds = EnumSet.noneOf(SqlKind.class);
    RexShuttle collect = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        kinds.add(call.getKind());
        return super.visitCall(call);
      }
    };
    plans.forEach(plan -> plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(collect);
      }
    }));
    return kinds;
  }

  /** The same value and scale through getBigDecimal, and the same text through getString. */
  private static void assertExactly(ResultSet rs, int column, BigDecimal expected) throws SQLException {
    assertThat(rs.getBigDecimal(column)).isEqualTo(expected);
    assertThat(rs.getBigDecimal(column).scale()).isEqualTo(expected.scale());
    assertThat(rs.getString(column)).isEqualTo(expected.toString());
  }

  private void assertOverflow(String sql, String message) {
    assertThatThrownBy(() -> {
      try (ResultSet rs = query(sql)) {
        rs.next();
      }
    })
        .as(sql)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("22003");
  }
}
