package dev.s3tables.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Connecting through DriverManager to the stand-in, and the errors of a connection that cannot open. */
@StandIn(demo = true, shared = true)
class ConnectTest {
  private final LocalS3Tables s3tables;

  ConnectTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void theDriverIsFoundByServiceLoaderAndAnswersAQuery() throws SQLException {
    Driver driver = DriverManager.getDriver(s3tables.jdbcUrl());
    assertThat(driver).isInstanceOf(S3TablesDriver.class);
    try (Connection c = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select x, y, z from demo.points order by y")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getBoolean(1) + "," + rs.getLong(2) + "," + rs.getString(3));
      }
      assertThat(rows).containsExactly("true,1,a", "true,2,b", "false,3,c");
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDriverName()).isEqualTo("s3tables-jdbc");
      assertThat(md.getURL()).isEqualTo("jdbc:s3tables:" + s3tables.bucketArn());
      assertThat(c.getCatalog()).isEqualTo("demo");
    }
  }

  @Test
  void wrongCredentialsFailWith28000NamingTheSourceButNotTheSecret() {
    Properties wrong = new Properties();
    wrong.setProperty("user", s3tables.accessKeyId());
    wrong.setProperty("password", "definitely-wrong-secret");
    assertThatThrownBy(() -> DriverManager.getConnection(s3tables.jdbcUrl(), wrong))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
        .hasMessageContaining("access key " + s3tables.accessKeyId() + " from the connection properties")
        .message()
        .doesNotContain("definitely-wrong-secret");
  }

  @Test
  void anUnreachableEndpointFailsWith08001() {
    String url = "jdbc:s3tables:" + s3tables.bucketArn() + "?restEndpoint=http%3A%2F%2F127.0.0.1%3A9%2Ficeberg";
    assertThatThrownBy(() -> DriverManager.getConnection(url, s3tables.jdbcProperties()))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"))
        .hasMessageContaining("127.0.0.1:9");
  }

  @Test
  void propertyInfoListsEveryKeyAndNeverASecret() throws SQLException {
    Properties given = s3tables.jdbcProperties();
    DriverPropertyInfo[] info = new S3TablesDriver().getPropertyInfo(s3tables.jdbcUrl(), given);
    List<String> keys = new ArrayList<>();
    for (DriverPropertyInfo p : info) {
      keys.add(p.name);
      assertThat(p.description).isNotBlank();
      assertThat(p.value).isNotEqualTo(s3tables.secretAccessKey());
    }
    assertThat(keys)
        .contains("region", "restEndpoint", "s3Endpoint", "s3tablesEndpoint", "allowInsecureEndpoints", "pathStyleAccess",
            "user", "password", "accessKeyId", "secretAccessKey", "sessionToken", "profile", "roleArn", "roleSessionName",
            "catalog", "schema", "metadataCacheTtl", "readOnly");
  }
}
