package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.jdbc.config.ConnectionConfig;
import dev.s3tables.jdbc.config.CredentialsSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL and property parsing: what is accepted, and the 08001 errors for what is not. */
class ConnectionConfigTest {
  private static final String ARN = "arn:aws:s3tables:eu-west-1:123456789012:bucket/sales";

  @Test
  void aBareArnUsesTheRegionalEndpointsAndTheDefaultCredentialsChain() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse("jdbc:s3tables:" + ARN, new Properties());
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.restEndpoint()).hasToString("https://s3tables.eu-west-1.amazonaws.com/iceberg");
    assertThat(config.warehouse()).isEqualTo(ARN);
    assertThat(config.bucket().name()).isEqualTo("sales");
    assertThat(config.credentials()).isInstanceOf(CredentialsSource.DefaultChain.class);
    assertThat(config.pathStyleAccess()).isFalse();
    assertThat(config.metadataCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.readOnly()).isFalse();
  }

  @Test
  void urlParametersAndPropertiesCombine() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "AKIAEXAMPLE");
    info.setProperty("password", "secret/with+chars");
    ConnectionConfig config =
        ConnectionConfig.parse(
            "jdbc:s3tables:" + ARN + "?s3Endpoint=http%3A%2F%2F127.0.0.1%3A9000&schema=tpch&metadataCacheTtl=0&readOnly=true",
            info);
    assertThat(config.s3Endpoint()).hasValueSatisfying(uri -> assertThat(uri).hasToString("http://127.0.0.1:9000"));
    assertThat(config.pathStyleAccess()).isTrue();
    assertThat(config.defaultSchema()).contains("tpch");
    assertThat(config.metadataCacheTtl()).isZero();
    assertThat(config.readOnly()).isTrue();
    assertThat(config.credentials()).isEqualTo(new CredentialsSource.StaticKeys("AKIAEXAMPLE", "secret/with+chars", null));
    assertThat(config.credentials().toString()).contains("AKIAEXAMPLE").doesNotContain("secret");
    assertThat(config.toString()).doesNotContain("secret/with+chars");
  }

  @Test
  void glueUsesTheGlueEndpointAndWarehouse() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse("jdbc:s3tables:" + ARN + "?catalog=glue", null);
    assertThat(config.restEndpoint()).hasToString("https://glue.eu-west-1.amazonaws.com/iceberg");
    assertThat(config.warehouse()).isEqualTo("123456789012:s3tablescatalog/sales");
    assertThat(config.catalogType().signingName()).isEqualTo("glue");
  }

  @Test
  void roleArnWrapsTheBaseCredentials() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.parse("jdbc:s3tables:" + ARN + "?profile=dev&roleArn=arn:aws:iam::123456789012:role/reader", null);
    assertThat(config.credentials())
        .isEqualTo(new CredentialsSource.AssumedRole(
            "arn:aws:iam::123456789012:role/reader", "s3tables-jdbc", new CredentialsSource.Profile("dev")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:s3tables:                                                        | Malformed table bucket ARN",
        "jdbc:s3tables:not-an-arn                                              | Malformed table bucket ARN",
        "jdbc:s3tables:arn:aws:s3:::my-bucket                                  | Not an S3 Tables ARN",
        "jdbc:s3tables:arn:aws:s3tables::123456789012:bucket/sales             | has no region",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:1234:bucket/sales            | account must be 12 digits",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:table/sales     | names no table bucket",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/Sales    | names no table bucket",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?x  | Malformed URL parameter",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?colour=red | Unknown connection property 'colour'",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?catalog=hive | Unknown catalog 'hive'",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?readOnly=yes | readOnly must be true or false",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?metadataCacheTtl=-1 | metadataCacheTtl must be",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?restEndpoint=ftp://x | restEndpoint must be an http or https URL",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?user=AKIA1 | without a secret access key",
        "jdbc:s3tables:arn:aws:s3tables:eu-west-1:123456789012:bucket/sales?roleSessionName=x | roleSessionName needs roleArn",
      })
  void badUrlsFailWith08001AndTheExpectedForm(String url, String message) {
    assertThatThrownBy(() -> ConnectionConfig.parse(url, new Properties()))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageContaining(message);
  }

  @Test
  void conflictingPropertiesAreRefusedWithoutEchoingSecrets() {
    Properties info = new Properties();
    info.setProperty("password", "first-secret");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:s3tables:" + ARN + "?user=A&password=second-secret", info))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("'password' is given twice")
        .message()
        .doesNotContain("first-secret")
        .doesNotContain("second-secret");
    Properties both = new Properties();
    both.setProperty("user", "AKIA1");
    both.setProperty("password", "s3cr3t");
    both.setProperty("profile", "dev");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:s3tables:" + ARN, both))
        .hasMessageContaining("either access keys (user/password) or a profile")
        .message()
        .doesNotContain("s3cr3t");
  }
}
