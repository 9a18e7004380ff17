package dev.s3tables.jdbc.bench;

import dev.s3tables.harness.LocalS3Tables;
import dev.s3tables.harness.demo.IcebergRowWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * An application's batch insert: {@code rows} rows of a six-column table (id, name, amount, day,
 * updated_at, active), through the driver as one prepared INSERT with addBatch per row and one
 * executeBatch, against Iceberg's own writers (GenericFileWriterFactory, OutputFileFactory, a
 * rolling data writer, as {@link IcebergRowWriter} uses them) and one append. Both write into an
 * unpartitioned table with the same schema and properties, and time the making of the rows too.
 */
final class BatchInsertCase extends WriteCase {
  private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);
  private static final LocalDateTime FIRST_UPDATE = LocalDateTime.of(2020, 1, 1, 0, 0);

  private final LocalS3Tables s3tables;
  private final long rows;
  private Connection connection;

  BatchInsertCase(LocalS3Tables s3tables, long rows) {
    this.s3tables = s3tables;
    this.rows = rows;
  }

  @Override
  String name() {
    return String.format("executeBatch of %,d rows", rows);
  }

  @Override
  String tablePrefix() {
    return "batch";
  }

  @Override
  Table createTable(BenchTables tables, String name) {
    return tables.create(name, MetadataCrawlBenchmark.COLUMNS, PartitionSpec.unpartitioned(),
        Map.of("write.parquet.compression-codec", "zstd"));
  }

  @Override
  List<Writer> writers() {
    Writer driver = new Writer() {
      @Override
      public String engine() {
        return DriverEngine.NAME;
      }

      @Override
      public long write(String table) throws Exception {
        if (connection == null) {
          connection = DriverManager.getConnection(s3tables.jdbcUrl(), s3tables.jdbcProperties());
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "insert into bench." + table + " values (?, ?, ?, ?, ?, ?)")) {
          for (long i = 0; i < rows; i++) {
            insert.setLong(1, i);
            insert.setString(2, name(i));
            insert.setBigDecimal(3, amount(i));
            insert.setDate(4, Date.valueOf(day(i)));
            insert.setTimestamp(5, Timestamp.valueOf(updatedAt(i)));
            insert.setBoolean(6, active(i));
            insert.addBatch();
          }
          long written = 0;
          for (int count : insert.executeBatch()) {
            written += count;
          }
          return written;
        }
      }
    };
    Writer iceberg = new Writer() {
      @Override
      public String engine() {
        return IcebergGenericsEngine.NAME;
      }

      @Override
      public long write(String table) {
        Table target = s3tables.bucket("demo").catalog().loadTable(TableIdentifier.of(BenchTables.NAMESPACE, table));
        GenericRecord template = GenericRecord.create(target.schema());
        IcebergRowWriter.append(target, () -> LongStream.range(0, rows).mapToObj(i -> record(template, i)).iterator());
        return rows;
      }
    };
    return List.of(driver, iceberg);
  }

  @Override
  ResultDigest expected() {
    ResultDigest digest = new ResultDigest(false);
    for (long i = 0; i < rows; i++) {
      digest.accept(new Object[] {i, name(i), amount(i), day(i), updatedAt(i), active(i)});
    }
    return digest;
  }

  private static Record record(GenericRecord template, long i) {
    GenericRecord r = template.copy();
    r.set(0, i);
    r.set(1, name(i));
    r.set(2, amount(i));
    r.set(3, day(i));
    r.set(4, updatedAt(i));
    r.set(5, active(i));
    return r;
  }

  private static String name(long i) {
    return "customer " + i;
  }

  private static BigDecimal amount(long i) {
    return BigDecimal.valueOf(i * 7919 % 10_000_000, 2);
  }

  private static LocalDate day(long i) {
    return FIRST_DAY.plusDays(i % 3650);
  }

  private static LocalDateTime updatedAt(long i) {
    return FIRST_UPDATE.plusSeconds(i * 37);
  }

  private static boolean active(long i) {
    return i % 3 != 0;
  }

  void close() throws Exception {
    if (connection != null) {
      connection.close();
    }
  }
}
