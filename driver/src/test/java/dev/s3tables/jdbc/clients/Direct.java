package dev.s3tables.jdbc.clients;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The answer the driver gives without a client in between, to compare a client's answer with. */
final class Direct {
  private Direct() {}

  /** The rows of a query, bound to the parameters, each as its values read with getString and joined by '|'. */
  static List<String> rows(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= columns; c++) {
            row.append(c == 1 ? "" : "|").append(rs.getString(c));
          }
          rows.add(row.toString());
        }
        return rows;
      }
    }
  }
}
