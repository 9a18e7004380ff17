package dev.s3tables.jdbc.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Iceberg Java's own generic reader, one thread, a record at a time: the baseline any row-at-a-time
 * JVM reader starts from. Answers only the scan-like cases, with the same projection and filter.
 * It reads through the stand-in's internal storage connector, which adds no test latency.
 */
final class IcebergGenericsEngine implements Engine {
  static final String NAME = "Iceberg Java";

  private final Catalog catalog;
  private final Map<String, Table> tables = new HashMap<>();

  IcebergGenericsEngine(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean runs(ReadCase c) {
    return c.icebergScan() != null;
  }

  @Override
  public void run(ReadCase c, RowSink sink) throws Exception {
    ReadCase.IcebergScan scan = c.icebergScan();
    Table table = tables.computeIfAbsent(scan.table(), name -> catalog.loadTable(TableIdentifier.of("tpch", name)));
    read(table, scan, sink);
  }

  /** Every row of the table that matches the scan's filter, all columns. */
  static void read(Table table, ReadCase.IcebergScan scan, RowSink sink) throws Exception {
    IcebergGenerics.ScanBuilder builder = IcebergGenerics.read(table);
    if (scan.filter() != null) {
      builder.where(scan.filter());
    }
    int columns = table.schema().columns().size();
    try (CloseableIterable<Record> records = builder.build()) {
      for (Record record : records) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = record.get(i);
        }
        sink.accept(row);
      }
    }
  }

  @Override
  public void close() {}
}
