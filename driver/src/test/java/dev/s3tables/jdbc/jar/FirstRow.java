package dev.s3tables.jdbc.jar;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connects through whatever driver jar is on the class path, prints the first row of
 * {@code SELECT * FROM tpch.nation} with the milliseconds since the JVM started, then the row count.
 * Run alone on the driver jar's class path: {@code FirstRow <url> <access key> <secret>}.
 */
public final class FirstRow {
  private FirstRow() {}

  public static void main(String[] args) throws Exception {
    Properties login = new Properties();
    login.setProperty("user", args[1]);
    login.setProperty("password", args[2]);
    try (Connection connection = DriverManager.getConnection(args[0], login);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select * from tpch.nation")) {
      int count = 0;
      while (rows.next()) {
        if (count++ == 0) {
          long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
          System.out.println("first row " + rows.getString("n_name") + " after " + sinceStart + " ms");
        }
      }
      System.out.println("rows " + count);
    }
  }
}
