package dev.s3tables.calcite.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.calcite.linq4j.tree.Primitive;
import org.junit.jupiter.api.Test;

/** The check returns and throws exactly what Calcite's CAST of a DECIMAL to a DECIMAL does. */
class DecimalOverflowCheckTest {
  private static final int[][] TYPES = {{38, 6}, {38, 0}, {38, 38}, {15, 2}, {18, 4}, {19, 6}, {1, 0}, {5, 5}};

  @Test
  void valuesOfTheTypesScaleAreReturnedAsTheyAre() {
    BigDecimal limit = new BigDecimal("99999999999999999999999999999999.999999");
    assertThat(DecimalOverflowCheck.check(limit, 38, 6)).isSameAs(limit);
    assertThat(DecimalOverflowCheck.check(limit.negate(), 38, 6)).isEqualTo(limit.negate());
    BigDecimal zeros = new BigDecimal("1000.000000");
    assertThat(DecimalOverflowCheck.check(zeros, 38, 6)).isSameAs(zeros);
  }

  @Test
  void onePastTheLimitFailsAsCalciteDoes() {
    BigDecimal past = new BigDecimal("100000000000000000000000000000000.000000");
    assertThatThrownBy(() -> DecimalOverflowCheck.check(past.negate(), 38, 6))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("Value -100000000000000000000000000000000.000000 cannot be represented as a DECIMAL(38, 6)");
  }

  @Test
  void moreScaleIsRoundedTowardsZero() {
    assertThat(DecimalOverflowCheck.check(new BigDecimal("-1.23456789"), 38, 6)).isEqualTo(new BigDecimal("-1.234567"));
    assertThat(DecimalOverflowCheck.check(new BigDecimal("2.5"), 38, 6)).isEqualTo(new BigDecimal("2.500000"));
    assertThat(DecimalOverflowCheck.check(new BigDecimal("0E-40"), 38, 38)).isEqualTo(new BigDecimal("0E-38"));
  }

  @Test
  void agreesWithCalcitesCastEverywhere() {
    for (BigDecimal value : values()) {
      for (int[] type : TYPES) {
        assertSameOutcome(value, type[0], type[1]);
      }
    }
  }

  private static List<BigDecimal> values() {
    List<BigDecimal> values = new ArrayList<>();
    Random random = new Random(42);
    for (int digits = 1; digits <= 42; digits++) {
      BigInteger nines = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
      for (int scale : new int[] {0, 2, 4, 6, 7, 20, 38, 40}) {
        for (BigInteger unscaled : List.of(nines, BigInteger.TEN.pow(digits - 1), new BigInteger(digits * 3, random))) {
          values.add(new BigDecimal(unscaled, scale));
          values.add(new BigDecimal(unscaled.negate(), scale));
        }
      }
    }
    values.add(BigDecimal.ZERO);
    values.add(new BigDecimal("0.000000"));
    values.add(new BigDecimal("-0.0000001"));
    values.add(new BigDecimal("1E+3"));
    return values;
  }

  private static void assertSameOutcome(BigDecimal value, int precision, int scale) {
    Object expected;
    try {
      expected = Primitive.decimalDecimalCast(value, precision, scale, RoundingMode.DOWN);
    } catch (ArithmeticException e) {
      assertThatThrownBy(() -> DecimalOverflowCheck.check(value, precision, scale))
          .as("%s as DECIMAL(%s, %s)", value, precision, scale)
          .isInstanceOf(ArithmeticException.class)
          .hasMessage(e.getMessage());
      return;
    }
    // BigDecimal.equals compares the scale too.
    assertThat(DecimalOverflowCheck.check(value, precision, scale))
        .as("%s as DECIMAL(%s, %s)", value, precision, scale)
        .isEqualTo(expected);
  }
}
