package dev.s3tables.calcite.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S3 Tables' naming rules, and how DDL names resolve to namespaces and tables. */
class NamingRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"sales", "s", "0day", "a_b_1", "sales_aws"})
  void acceptedNames(String name) {
    assertThatCode(() -> NamingRules.checkNamespace(name)).doesNotThrowAnyException();
    assertThatCode(() -> NamingRules.checkTable(name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Sales", "_sales", "sales-2024", "sales.eu", "", "ümlaut", "a b"})
  void refusedNamesStateTheRule(String name) {
    assertRefused(() -> NamingRules.checkNamespace(name), "1 to 255 characters of lowercase letters");
    assertRefused(() -> NamingRules.checkTable(name), "1 to 255 characters of lowercase letters");
  }

  @Test
  void namesHaveAtMost255Characters() {
    assertThatCode(() -> NamingRules.checkTable("x".repeat(255))).doesNotThrowAnyException();
    assertRefused(() -> NamingRules.checkTable("x".repeat(256)), "1 to 255 characters");
    assertRefused(() -> NamingRules.checkNamespace("x".repeat(256)), "1 to 255 characters");
  }

  @Test
  void namespacesMayNotStartWithAws() {
    assertRefused(() -> NamingRules.checkNamespace("aws_logs"), "may not start with 'aws'");
    assertThatCode(() -> NamingRules.checkTable("aws_logs")).doesNotThrowAnyException();
  }

  @Test
  void tableNamesResolveInTheDefaultSchemaOrTheirOwn() {
    ObjectNames names = new ObjectNames("demo", Optional.of("sales"));
    assertThat(names.table(id("t"))).isEqualTo(TableIdentifier.of("sales", "t"));
    assertThat(names.table(id("other", "t"))).isEqualTo(TableIdentifier.of("other", "t"));
    assertThat(names.table(id("demo", "other", "t"))).isEqualTo(TableIdentifier.of("other", "t"));
    assertThat(names.renamed(TableIdentifier.of("other", "t"), id("u"))).isEqualTo(TableIdentifier.of("other", "u"));
    assertThat(names.namespace(id("demo", "sales"))).isEqualTo("sales");
    assertRefused(() -> names.table(id("a", "b", "c")), "write table, schema.table or demo.schema.table");
    assertRefused(() -> names.namespace(id("a", "b")), "one level");
    assertRefused(() -> names.newTable(id("Bad")), "Invalid table name 'Bad'");
    assertRefused(() -> names.newNamespace(id("aws")), "Invalid schema name 'aws'");
  }

  @Test
  void aTableWithoutSchemaNeedsADefaultSchema() {
    ObjectNames names = new ObjectNames("demo", Optional.empty());
    assertThatThrownBy(() -> names.table(id("t")))
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("3F000"))
        .hasMessageContaining("Table t names no schema and the connection has no default schema");
  }

  private static SqlIdentifier id(String... names) {
    return new SqlIdentifier(List.of(names), SqlParserPos.ZERO);
  }

  private static void assertRefused(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DdlException.class, e -> assertThat(e.sqlState()).isEqualTo("42602"))
        .hasMessageContaining(message);
  }
}
