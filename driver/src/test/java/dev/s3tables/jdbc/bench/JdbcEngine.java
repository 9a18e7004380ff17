package dev.s3tables.jdbc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An engine reached through JDBC: every row of the ResultSet, every column through getObject. */
abstract class JdbcEngine implements Engine {
  private final Connection connection;

  JdbcEngine(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  @Override
  public boolean runs(ReadCase c) {
    return true;
  }

  @Override
  public void run(ReadCase c, RowSink sink) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(c.sql())) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rs.getObject(i + 1);
        }
        sink.accept(row);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
