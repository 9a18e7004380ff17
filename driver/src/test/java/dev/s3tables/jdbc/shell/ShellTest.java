package dev.s3tables.jdbc.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.junit.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    String printed = sqlline("-e", "select n_name from tpch.nation where n_nationkey = 7");
    assertThat(printed).contains("GERMANY").doesNotContain(s3tables.secretAccessKey());
  }

  /** sqlline running a script file: a query, a listing, then DDL, an insert and a query in a fresh schema. */
  @Test
  void sqllineRunsAScript(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(
        script,
        String.join(
            "\n",
            "select n_name, r_name from tpch.nation join tpch.region on n_regionkey = r_regionkey where n_nationkey = 7;",
            // A schema of its own: the stand-in is shared, and the demo data stay as they are.
            "create schema shell_script;",
            "create table shell_script.notes (id int, body varchar);",
            "insert into shell_script.notes values (1, 'one'), (2, 'two, with a comma');",
            "!tables",
            "select id, body from shell_script.notes order by id;",
            "select count(*) as n from shell_script.notes;",
            ""));
    String printed = sqlline("--showHeader=true", "--run=" + script);
    assertThat(printed)
        .doesNotContain(s3tables.secretAccessKey())
        .contains("'n_name','r_name'", "'GERMANY','EUROPE'")
        // !tables: the demo tables and the one the script created, with their catalog and schema.
        .contains("'demo','tpch','nation','TABLE'", "'demo','demo','points','TABLE'", "'demo','shell_script','notes','TABLE'")
        .contains("'id','body'", "'1','one'", "'2','two, with a comma'")
        .contains("'n'", "'2'");
    // Each inserted row printed once by the query, once only.
    assertThat(printed.split("'1','one'", -1)).hasSize(2);
    assertThat(printed).doesNotContainIgnoringCase("error");
  }

  /** Runs sqlline through the driver with CSV output and these arguments; its output, once it ended OK. */
  private String sqlline(String... arguments) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    sqlLine.setErrorStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of(
        "-d", "dev.s3tables.jdbc.S3TablesDriver",
        "-u", s3tables.jdbcUrl(),
        "-n", s3tables.accessKeyId(),
        "-p", s3tables.secretAccessKey(),
        "--outputformat=csv"));
    args.addAll(List.of(arguments));
    SqlLine.Status status = sqlLine.begin(args.toArray(String[]::new), null, false);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(printed).isEqualTo(SqlLine.Status.OK);
    return printed;
  }
}
