package dev.s3tables.calcite.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.scan.DecimalTerm.Arithmetic;
import dev.s3tables.calcite.scan.DecimalTerm.Check;
import dev.s3tables.calcite.scan.DecimalTerm.Column;
import dev.s3tables.calcite.scan.DecimalTerm.Literal;
import dev.s3tables.calcite.scan.DecimalTerm.Operator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A term's program gives, where it gives a long, the digits of the term's BigDecimal result at the
 * term's scale, and NULL exactly where that result is NULL: over rows of NULLs, integers, small
 * decimals, decimals near and past what a long holds, and steps a long cannot take (a literal of
 * 20 digits, rescaling by 10^20).
 */
class DecimalProgramTest {
  private static final List<DecimalTerm> TERMS = List.of(
      new Column(0, 2),
      new Arithmetic(Operator.TIMES, new Column(0, 2), new Arithmetic(Operator.MINUS, new Literal(BigDecimal.ONE),
          new Column(1, 3))),
      new Arithmetic(Operator.PLUS, new Column(2, 0), new Column(0, 2)),
      new Check(new Arithmetic(Operator.TIMES, new Column(0, 2), new Column(0, 2)), 9, 4),
      new Check(new Arithmetic(Operator.TIMES, new Column(0, 2), new Literal(new BigDecimal("2.5"))), 38, 3),
      new Arithmetic(Operator.MINUS, new Column(1, 3), new Literal(new BigDecimal("12345678901234567890.5"))),
      new Arithmetic(Operator.PLUS, new Column(2, 0), new Column(3, 20)));

  @Test
  void longResultsAreTheBigDecimalResultsDigits() {
    Random random = new Random(42);
    int compared = 0;
    int fellBack = 0;
    for (int n = 0; n < 20_000; n++) {
      Object[] row = {decimal(random, 2), decimal(random, 3), random.nextInt(5) == 0 ? null : random.nextInt(),
          decimal(random, 20)};
      for (DecimalProgram program : TERMS.stream().map(DecimalProgram::new).toList()) {
        DecimalTerm term = program.term();
        BigDecimal exact;
        try {
          exact = term.exact(row);
        } catch (ArithmeticException e) {
          continue; // the check's own error, for a value past its precision
        }
        assertThat(program.isNull(row)).isEqualTo(exact == null);
        try {
          long digits = program.unscaled(row);
          assertThat(digits == DecimalProgram.NULL ? null : BigDecimal.valueOf(digits, term.scale())).isEqualTo(exact);
          compared++;
        } catch (ArithmeticException e) {
          fellBack++;
        }
      }
    }
    assertThat(compared).isGreaterThan(40_000);
    assertThat(fellBack).isGreaterThan(1_000);
  }

  private static BigDecimal decimal(Random random, int scale) {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> BigDecimal.valueOf(random.nextLong(), scale);
      case 2 -> BigDecimal.valueOf(Long.MAX_VALUE - random.nextInt(3), scale).add(BigDecimal.valueOf(random.nextInt(3), scale));
      case 3 -> BigDecimal.valueOf(Long.MIN_VALUE + random.nextInt(2), scale);
      default -> BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, scale);
    };
  }
}
