package dev.s3tables.jdbc.bench;

/** Takes the rows of one run of a case, one array of column values per row. */
interface RowSink {
  void accept(Object[] row);

  /** The sink of timed runs: counts rows and touches every value, nothing more. */
  final class Count implements RowSink {
    private long rows;
    private long nulls;

    @Override
    public void accept(Object[] row) {
      for (Object value : row) {
        if (value == null) {
          nulls++;
        }
      }
      rows++;
    }

    long rows() {
      return rows;
    }

    long nulls() {
      return nulls;
    }
  }
}
