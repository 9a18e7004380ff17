package dev.s3tables.jdbc.shell;

import dev.s3tables.harness.LocalS3Tables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import sqlline.SqlLine;

/**
 * The project's main command: sqlline, the standard JDBC shell, connected through the driver to a
 * local S3 Tables stand-in with the demo data, or with {@code --url} to a real table bucket (AWS
 * default credentials). Other arguments pass to sqlline, e.g. {@code -e "select ..."}.
 *
 * <pre>bin/s3tables-sql [--url jdbc:s3tables:arn:...] [--tpch-scale S] [sqlline options]</pre>
 */
public final class LocalShell {
  private LocalShell() {}

  public static void main(String[] args) throws IOException {
    String url = null;
    double scale = 0.01;
    List<String> sqlline = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--tpch-scale" -> scale = Double.parseDouble(args[++i]);
        default -> sqlline.add(args[i]);
      }
    }
    int status;
    if (url != null) {
      status = run(url, null, null, sqlline);
    } else {
      System.err.println("Starting a local S3 Tables stand-in with demo data (TPC-H scale " + scale + ")...");
      try (LocalS3Tables s3tables = LocalS3Tables.builder().demo(true).tpchScale(scale).start()) {
        System.err.println("Connected to " + s3tables.bucketArn() + "; try: select * from tpch.nation;  !tables  !quit");
        status = run(s3tables.jdbcUrl(), s3tables.accessKeyId(), s3tables.secretAccessKey(), sqlline);
      }
    }
    System.exit(status);
  }

  /** Runs sqlline on the URL; answers its exit status. */
  static int run(String url, String user, String password, List<String> options) throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", "dev.s3tables.jdbc.S3TablesDriver", "-u", url));
    if (user != null) {
      args.addAll(List.of("-n", user, "-p", password));
    } else {
      args.addAll(List.of("-n", "", "-p", ""));
    }
    if (System.console() == null && options.stream().noneMatch(o -> o.startsWith("--maxWidth"))) {
      // Without a terminal sqlline sees a width of 0 and prints empty columns.
      args.add("--maxWidth=200");
    }
    args.addAll(options);
    return SqlLine.start(args.toArray(String[]::new), null, true).ordinal();
  }
}
