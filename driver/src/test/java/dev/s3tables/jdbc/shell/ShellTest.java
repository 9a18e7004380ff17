package dev.s3tables.jdbc.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import sqlline.SqlLine;

/** sqlline, the shell of bin/s3tables-sql, running statements through the driver. */
@StandIn(demo = true, shared = true)
class ShellTest {
  private final LocalS3Tables s3tables;

  ShellTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @Test
  void sqllineRunsAStatementThroughTheDriver() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    sqlLine.setErrorStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    SqlLine.Status status =
        sqlLine.begin(
            new String[] {
              "-d", "dev.s3tables.jdbc.S3TablesDriver",
              "-u", s3tables.jdbcUrl(),
              "-n", s3tables.accessKeyId(),
              "-p", s3tables.secretAccessKey(),
              "--outputformat=csv",
              "-e", "select n_name from tpch.nation where n_nationkey = 7"
            },
            null,
            false);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isEqualTo(SqlLine.Status.OK);
    assertThat(printed).contains("GERMANY").doesNotContain(s3tables.secretAccessKey());
  }
}
