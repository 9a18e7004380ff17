package dev.s3tables.jdbc.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.InputStream;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.export.JRCsvExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleWriterExporterOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JasperReports 7 filling a report from its own parameterized SQL (reports/nations-of-region.jrxml)
 * through a connection of the driver; its output compared with the same query run directly.
 */
@StandIn(demo = true, shared = true)
class JasperReportTest {
  private static final String QUERY =
      "select n.n_nationkey, n.n_name, count(c.c_custkey), sum(c.c_acctbal) from tpch.nation n"
          + " join tpch.region r on n.n_regionkey = r.r_regionkey left join tpch.customer c on c.c_nationkey = n.n_nationkey"
          + " where r.r_name = ? group by n.n_nationkey, n.n_name order by n.n_nationkey";

  private static JasperReport report;

  private final LocalS3Tables s3tables;

  JasperReportTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeAll
  static void compile() throws Exception {
    try (InputStream jrxml = JasperReportTest.class.getResourceAsStream("/reports/nations-of-region.jrxml")) {
      report = JasperCompileManager.compileReport(jrxml);
    }
  }

  private JasperPrint fill(Connection connection, String region) throws Exception {
    // A map Jasper may add its built-in parameters to.
    return JasperFillManager.fillReport(report, new HashMap<>(Map.of("region", region)), connection);
  }

  private static String csv(JasperPrint print) throws Exception {
    StringWriter out = new StringWriter();
    JRCsvExporter exporter = new JRCsvExporter();
    exporter.setExporterInput(new SimpleExporterInput(print));
    exporter.setExporterOutput(new SimpleWriterExporterOutput(out));
    exporter.exportReport();
    return out.toString();
  }

  /** The texts of a filled report's pages, in the order they were printed. */
  private static List<String> texts(JasperPrint print) {
    List<String> texts = new ArrayList<>();
    print.getPages().forEach(page -> page.getElements().stream()
        .filter(JRPrintText.class::isInstance)
        .map(e -> ((JRPrintText) e).getFullText())
        .forEach(texts::add));
    return texts;
  }

  @Test
  void theFilledReportHasTheRowsOfTheQuery() throws Exception {
    try (Connection connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
      JasperPrint print = fill(connection, "EUROPE");
      List<String> direct = Direct.rows(connection, QUERY, "EUROPE");
      assertThat(direct).hasSize(5).first().asString().startsWith("6|FRANCE|");

      List<String> lines = csv(print).lines().toList();
      assertThat(lines.get(0)).isEqualTo("key,nation,customers,balance");
      assertThat(lines.subList(1, lines.size() - 1))
          .containsExactlyElementsOf(direct.stream().map(row -> row.replace('|', ',')).toList());
      long customers = direct.stream().mapToLong(row -> Long.parseLong(row.split("\\|")[2])).sum();
      assertThat(customers).isPositive();
      // Balances as the report printed them from its BigDecimal field: the column's scale of 2 kept.
      assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(line -> assertThat(line).matches(".*,-?\\d+\\.\\d{2}"));
      // The summary spans the four columns of the grid.
      assertThat(lines.get(lines.size() - 1)).isEqualTo("\"EUROPE: 5 nations, " + customers + " customers\",,,");

      assertThat(print.getPages()).hasSize(1);
      assertThat(texts(print)).startsWith("key", "nation", "customers", "balance", "6", "FRANCE");
      // Jasper leaves the connection open for the application.
      assertThat(connection.isClosed()).isFalse();
    }
  }

  @Test
  void theParameterChoosesTheRows() throws Exception {
    try (Connection connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties())) {
      List<String> asia = texts(fill(connection, "ASIA"));
      assertThat(asia).contains("INDIA", "JAPAN", "CHINA").doesNotContain("FRANCE");
      assertThat(asia.get(asia.size() - 1)).startsWith("ASIA: 5 nations, ");

      // No row, no page: the report's default whenNoDataType.
      JasperPrint none = fill(connection, "ATLANTIS");
      assertThat(none.getPages()).isEmpty();
      assertThat(Direct.rows(connection, QUERY, "ATLANTIS")).isEmpty();
    }
  }
}
