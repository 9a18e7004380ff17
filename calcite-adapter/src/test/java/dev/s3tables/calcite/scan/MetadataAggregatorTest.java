package dev.s3tables.calcite.scan;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import dev.s3tables.calcite.scan.AggregateSpec.Call;
import dev.s3tables.calcite.scan.AggregateSpec.Function;
import dev.s3tables.calcite.timetravel.TableVersion;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * Which data files' metrics answer which aggregates: exact counts and bounds add up; anything
 * missing, inconsistent or not certainly exact makes the file unanswered, adding nothing.
 */
class MetadataAggregatorTest {
  private static final Schema SCHEMA =
      new Schema(
          required(1, "id", Types.LongType.get()),
          optional(2, "amount", Types.DecimalType.of(9, 2)),
          optional(3, "ts", Types.TimestampType.withoutZone()),
          optional(4, "note", Types.StringType.get()),
          optional(5, "day", Types.DateType.get()),
          optional(6, "n", Types.IntegerType.get()));
  private static final List<String> NAMES = List.of("id", "amount", "ts", "note", "day", "n");

  /** The metrics of one data file, built up column by column. */
  private static final class FileMetrics {
    private final long records;
    private FileFormat format = FileFormat.PARQUET;
    private final Map<Integer, Long> nulls = new HashMap<>();
    private final Map<Integer, ByteBuffer> lower = new HashMap<>();
    private final Map<Integer, ByteBuffer> upper = new HashMap<>();

    FileMetrics(long records) {
      this.records = records;
    }

    FileMetrics nulls(String column, long count) {
      nulls.put(SCHEMA.findField(column).fieldId(), count);
      return this;
    }

    FileMetrics bounds(String column, Object min, Object max) {
      Types.NestedField field = SCHEMA.findField(column);
      lower.put(field.fieldId(), Conversions.toByteBuffer(field.type(), min));
      upper.put(field.fieldId(), Conversions.toByteBuffer(field.type(), max));
      return this;
    }

    FileMetrics rawBounds(String column, ByteBuffer min, ByteBuffer max) {
      lower.put(SCHEMA.findField(column).fieldId(), min);
      upper.put(SCHEMA.findField(column).fieldId(), max);
      return this;
    }

    FileMetrics format(FileFormat fileFormat) {
      this.format = fileFormat;
      return this;
    }

    DataFile file() {
      return DataFiles.builder(PartitionSpec.unpartitioned())
          .withPath("s3://bucket/data/" + System.identityHashCode(this) + "." + format.name().toLowerCase())
          .withFormat(format)
          .withFileSizeInBytes(100)
          .withMetrics(new Metrics(records, null, null, nulls, null, lower, upper))
          .build();
    }
  }

  /** Aggregates of the calls; each added file says whether it was answered. */
  private static final class Aggregation {
    private final AggregateResults results;
    private final MetadataAggregator aggregator;

    Aggregation(Call... calls) {
      AggregateSpec spec = new AggregateSpec(ScanSpec.all(NAMES, TableVersion.CURRENT), List.of(calls));
      results = new AggregateResults(spec);
      aggregator = new MetadataAggregator(SCHEMA, spec, results);
    }

    boolean add(FileMetrics metrics) {
      return aggregator.add(metrics.file());
    }

    List<Object> row() {
      return Arrays.asList(results.row());
    }
  }

  private static Call call(Function function, String column) {
    return new Call(function, NAMES.indexOf(column));
  }

  @Test
  void countsAndBoundsAddUpAcrossFiles() {
    Aggregation a =
        new Aggregation(
            Call.countRows(), call(Function.COUNT, "amount"), call(Function.MIN, "amount"),
            call(Function.MAX, "amount"), call(Function.MIN, "ts"), call(Function.MAX, "ts"),
            call(Function.MIN, "day"), call(Function.MAX, "n"));
    assertThat(a.add(new FileMetrics(10).nulls("amount", 3).bounds("amount", new BigDecimal("-1.50"), new BigDecimal("7.25"))
        .nulls("ts", 0).bounds("ts", 1_000_999L, 5_000_001L).nulls("day", 0).bounds("day", 100, 200)
        .nulls("n", 0).bounds("n", -4, 9))).isTrue();
    assertThat(a.add(new FileMetrics(5).nulls("amount", 5).nulls("ts", 1).bounds("ts", -1L, 2_000L)
        .nulls("day", 0).bounds("day", 99, 99).nulls("n", 2).bounds("n", 11, 12))).isTrue();
    // Timestamps in Calcite's milliseconds, floored as when rows are read: -1 micro is -1 milli.
    assertThat(a.row())
        .containsExactly(15L, 7L, new BigDecimal("-1.50"), new BigDecimal("7.25"), -1L, 5_000L, 99, 12);
  }

  @Test
  void countOfARequiredColumnNeedsNoMetricsButAnOptionalOneDoes() {
    Aggregation required = new Aggregation(call(Function.COUNT, "id"));
    assertThat(required.add(new FileMetrics(4))).isTrue();
    assertThat(required.row()).containsExactly(4L);
    Aggregation optional = new Aggregation(call(Function.COUNT, "note"));
    assertThat(optional.add(new FileMetrics(4))).isFalse();
    assertThat(optional.add(new FileMetrics(4).nulls("note", 1))).isTrue();
    assertThat(optional.row()).containsExactly(3L);
  }

  @Test
  void aColumnOfOnlyNullsHasNoBoundAndAddsNoValue() {
    Aggregation a = new Aggregation(call(Function.MIN, "n"), call(Function.MAX, "n"));
    assertThat(a.add(new FileMetrics(3).nulls("n", 3))).isTrue();
    assertThat(a.add(new FileMetrics(0))).isTrue();
    assertThat(a.row()).containsExactly(null, null);
    assertThat(a.add(new FileMetrics(3).nulls("n", 1).bounds("n", 5, 6))).isTrue();
    assertThat(a.row()).containsExactly(5, 6);
  }

  @Test
  void boundsAreTrustedOnlyFromParquetAndAtTheTypesLength() {
    Aggregation a = new Aggregation(call(Function.MAX, "ts"), call(Function.MIN, "id"));
    for (FileFormat format : List.of(FileFormat.ORC, FileFormat.AVRO)) {
      assertThat(a.add(new FileMetrics(2).bounds("ts", 1L, 2L).bounds("id", 1L, 2L).format(format))).isFalse();
    }
    // A long column promoted from int keeps 4-byte bounds in its old files; a timestamp from date too.
    ByteBuffer four = Conversions.toByteBuffer(Types.IntegerType.get(), 7);
    assertThat(a.add(new FileMetrics(2).bounds("ts", 1L, 2L).rawBounds("id", four, four))).isFalse();
    assertThat(a.add(new FileMetrics(2).rawBounds("ts", four, four).bounds("id", 1L, 2L))).isFalse();
    assertThat(a.add(new FileMetrics(2).bounds("ts", 1_000L, 2_000L).bounds("id", 1L, 2L))).isTrue();
    assertThat(a.row()).containsExactly(2L, 1L);
  }

  @Test
  void inconsistentOrMissingMetricsAreNotTrusted() {
    assertThat(new Aggregation(call(Function.COUNT, "note")).add(new FileMetrics(2).nulls("note", 3))).isFalse();
    assertThat(new Aggregation(call(Function.MIN, "n")).add(new FileMetrics(2).nulls("n", 2).bounds("n", 1, 1)))
        .as("all NULL, yet a bound").isFalse();
    assertThat(new Aggregation(call(Function.MIN, "n")).add(new FileMetrics(2).nulls("n", 1)))
        .as("a value, but no bound").isFalse();
    assertThat(new Aggregation(call(Function.MIN, "n")).add(new FileMetrics(2))).isFalse();
  }

  @Test
  void aFileNotAnsweredAddsNothing() {
    Aggregation a = new Aggregation(Call.countRows(), call(Function.MAX, "n"));
    assertThat(a.add(new FileMetrics(2).bounds("n", 1, 4))).isTrue();
    assertThat(a.add(new FileMetrics(7).nulls("n", 1))).isFalse();
    assertThat(a.row()).containsExactly(2L, 4);
  }

  @Test
  void onlyTypesWithExactBoundsHaveMinAndMaxFromMetadata() {
    for (Type type : List.of(Types.IntegerType.get(), Types.LongType.get(), Types.DateType.get(),
        Types.TimestampType.withZone(), Types.TimestampType.withoutZone(), Types.DecimalType.of(38, 10))) {
      assertThat(MetadataAggregator.answers(Function.MIN, type)).as("%s", type).isTrue();
    }
    for (Type type : List.of(Types.StringType.get(), Types.BinaryType.get(), Types.FloatType.get(),
        Types.DoubleType.get(), Types.TimestampNanoType.withoutZone(), Types.BooleanType.get(),
        Types.TimeType.get(), Types.UUIDType.get())) {
      assertThat(MetadataAggregator.answers(Function.MAX, type)).as("%s", type).isFalse();
    }
    assertThat(MetadataAggregator.answers(Function.COUNT, Types.StringType.get())).isTrue();
    assertThat(MetadataAggregator.answers(Function.COUNT,
        Types.StructType.of(optional(10, "a", Types.IntegerType.get())))).isFalse();
  }
}
