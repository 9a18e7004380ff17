package dev.s3tables.sparkpeer;

import dev.s3tables.sparkpeer.TypedValues.Kind;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A Spark SQL session driven over standard input: the main class of the child JVM that the
 * driver's interoperability tests start. Arguments are Spark settings {@code key=value}. Each line
 * on standard input is one SQL statement; the answer on standard output is one line {@code R <row>}
 * per result row, then {@code OK <rows>}, or {@code ERR <message>} if the statement failed. A line
 * {@code QUIT} ends the session. Everything else Spark prints goes to standard error.
 *
 * <p>Values are written in the typed text form of {@link TypedValues}, Spark being set to return
 * java.time values ({@code spark.sql.datetime.java8API.enabled=true}).
 */
public final class SparkSqlRunner {
  private SparkSqlRunner() {}

  public static void main(String[] args) throws Exception {
    // The protocol owns standard output; anything printed by Spark or its libraries goes to standard error.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);

    SparkSession.Builder builder = SparkSession.builder();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      builder.config(arg.substring(0, eq), arg.substring(eq + 1));
    }
    SparkSession spark = builder.getOrCreate();
    protocol.println("READY " + spark.version());

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String sql = in.readLine(); sql != null && !sql.equals("QUIT"); sql = in.readLine()) {
      try {
        Dataset<Row> result = spark.sql(sql);
        StructField[] fields = result.schema().fields();
        List<Row> rows = result.collectAsList();
        for (Row row : rows) {
          protocol.println("R " + format(row, fields));
        }
        protocol.println("OK " + rows.size());
      } catch (Exception | LinkageError e) {
        e.printStackTrace();
        protocol.println("ERR " + oneLine(e.getClass().getName() + ": " + e.getMessage()));
      }
    }
    spark.stop();
    System.exit(0); // Spark may leave non-daemon threads behind
  }

  private static String format(Row row, StructField[] fields) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      Kind kind = kind(fields[i].dataType());
      Object v = row.get(i);
      // Spark's byte and short are ints in the text form, as the driver's TINYINT and SMALLINT are.
      values.add(TypedValues.format(kind, kind == Kind.INT && v != null ? ((Number) v).intValue() : v));
    }
    return TypedValues.row(values);
  }

  private static Kind kind(DataType type) {
    if (type instanceof BooleanType) {
      return Kind.BOOLEAN;
    } else if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
      return Kind.INT;
    } else if (type instanceof LongType) {
      return Kind.LONG;
    } else if (type instanceof FloatType) {
      return Kind.FLOAT;
    } else if (type instanceof DoubleType) {
      return Kind.DOUBLE;
    } else if (type instanceof DecimalType) {
      return Kind.DECIMAL;
    } else if (type instanceof DateType) {
      return Kind.DATE;
    } else if (type instanceof TimestampType) {
      return Kind.TIMESTAMPTZ;
    } else if (type instanceof TimestampNTZType) {
      return Kind.TIMESTAMP;
    } else if (type instanceof StringType) {
      return Kind.STRING;
    } else if (type instanceof BinaryType) {
      return Kind.BINARY;
    }
    throw new IllegalArgumentException("no text form for Spark type " + type.simpleString());
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
