package dev.s3tables.harness.demo;

import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the missing TPC-H tables and fills each with ONE append. Tables are written concurrently
 * on up to {@link #MAX_THREADS} threads; from scale {@link #SPLIT_FROM_SCALE} on, lineitem and
 * orders are each generated and written as several disjoint parts (one per thread, each its own
 * files), committed together. A table whose write fails is dropped again.
 */
final class TpchSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(TpchSeeder.class);

  private static final int MAX_THREADS = 4;
  private static final double SPLIT_FROM_SCALE = 0.1;

  /** Largest first, so that the longest writes start first. */
  private static final List<TpchTable<?>> LARGEST_FIRST =
      List.of(
          TpchTable.LINE_ITEM,
          TpchTable.ORDERS,
          TpchTable.PART_SUPPLIER,
          TpchTable.PART,
          TpchTable.CUSTOMER,
          TpchTable.SUPPLIER,
          TpchTable.NATION,
          TpchTable.REGION);

  private TpchSeeder() {}

  static void seed(Catalog catalog, double scale) {
    List<TpchTable<?>> missing =
        LARGEST_FIRST.stream()
            .filter(table -> !catalog.tableExists(TpchTables.identifier(table)))
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, writerThreads());
    List<Load> pending = new ArrayList<>();
    try {
      for (TpchTable<?> tpchTable : missing) {
        TableDefinition definition = TpchTables.definition(tpchTable, scale);
        Table table = definition.create(catalog);
        pending.add(new Load(definition, table, submitParts(pool, tpchTable, table, scale, threads)));
      }
      while (!pending.isEmpty()) {
        Load load = pending.get(0);
        List<DataFile> files = load.join();
        Snapshot snapshot = IcebergRowWriter.commit(load.table(), files);
        pending.remove(0);
        LOG.info(
            "Seeded {} with {} rows in {} files",
            load.definition().identifier(),
            snapshot.summary().get("added-records"),
            files.size());
      }
    } catch (RuntimeException e) {
      pool.shutdownNow(); // interrupts the other parts' writers, which then stop
      pending.forEach(load -> load.definition().dropAfterFailedSeed(catalog, e));
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Future<List<DataFile>>> submitParts(
      ExecutorService pool, TpchTable<?> tpchTable, Table table, double scale, int threads) {
    boolean large = tpchTable == TpchTable.LINE_ITEM || tpchTable == TpchTable.ORDERS;
    int partCount = large && scale >= SPLIT_FROM_SCALE ? threads : 1;
    List<Future<List<DataFile>>> parts = new ArrayList<>();
    for (int part = 1; part <= partCount; part++) {
      Iterable<Record> rows =
          TpchTables.rows(tpchTable, table.schema(), scale, part, partCount);
      int taskId = part;
      parts.add(pool.submit(() -> IcebergRowWriter.write(table, rows, taskId)));
    }
    return parts;
  }

  private static ThreadFactory writerThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "tpch-writer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A table being filled: the files of its parts are committed once all parts are written. */
  private record Load(
      TableDefinition definition, Table table, List<Future<List<DataFile>>> parts) {

    List<DataFile> join() {
      List<DataFile> files = new ArrayList<>();
      for (Future<List<DataFile>> part : parts) {
        try {
          files.addAll(part.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while writing " + definition.identifier(), e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("Cannot write " + definition.identifier(), e.getCause());
        }
      }
      return files;
    }
  }
}
