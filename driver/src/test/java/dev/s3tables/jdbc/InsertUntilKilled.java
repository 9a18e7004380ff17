package dev.s3tables.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

/**
 * The child process of {@link KilledWriterTest}: appends {@link #ROWS} to a table again and again,
 * printing a line after each statement returns, until it is killed.
 * Arguments: url, access key id, secret, target table.
 */
public final class InsertUntilKilled {
  static final String ROWS = "select l_orderkey, l_linenumber, l_comment from tpch.lineitem where l_orderkey < 8000";

  private InsertUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Properties login = new Properties();
    login.setProperty("user", args[1]);
    login.setProperty("password", args[2]);
    try (Connection c = DriverManager.getConnection(args[0], login); Statement s = c.createStatement()) {
      System.out.println("connected");
      for (int i = 1; ; i++) {
        s.executeUpdate("insert into " + args[3] + " " + ROWS);
        System.out.println("committed " + i);
      }
    }
  }
}
