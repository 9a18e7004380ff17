package dev.s3tables.calcite.scan;

import dev.s3tables.calcite.types.RowConverter;
import dev.s3tables.calcite.types.UnsupportedTypePolicy;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StructLike;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One data file of a scan being read ahead on a reader thread: its rows, converted for Calcite, go
 * in batches into a small bounded queue that the scan's consumer drains in file order. Ends with
 * {@link #END}, or with the failure that stopped it. A read with a {@link RowFold} queues what the
 * fold made of the file's rows instead, in one batch.
 */
final class FileRead implements Runnable {
  /** What a reader makes of one file's converted rows before they are queued; one per file. */
  interface RowFold {
    void add(Object[] row);

    /** The rows to queue for the file, once all its rows were added. */
    Object[][] rows();
  }

  static final Object END = new Object();

  private static final int BATCH_ROWS = 1024;
  private static final int QUEUED_BATCHES = 8;
  private static final long OFFER_WAIT_MILLIS = 50;

  private final ScanFiles files;
  private final FileScanTask task;
  private final List<String> columns;
  private final boolean withRecords;
  private final Runnable onQueued;
  private final @Nullable RowFold fold;
  private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private volatile boolean closed;
  private volatile FileRows rows;

  /**
   * @param onQueued run on the reader's thread after each item it queues
   * @param fold what the file's rows are folded into, or null to queue the rows
   */
  FileRead(ScanFiles files, FileScanTask task, List<String> columns, boolean withRecords, Runnable onQueued,
      @Nullable RowFold fold) {
    this.files = files;
    this.task = task;
    this.columns = columns;
    this.withRecords = withRecords;
    this.onQueued = onQueued;
    this.fold = fold;
  }

  @Override
  public void run() {
    // Anything but a loop that ran to its end is reported as a failure, never as a short file.
    Object last = new IllegalStateException("Reading " + task.file().location() + " stopped unexpectedly");
    try {
      if (closed) {
        return;
      }
      FileRows opened = files.open(task);
      rows = opened;
      try (opened) {
        RowConverter converter = null;
        Object[][] batch = new Object[BATCH_ROWS][];
        int size = 0;
        while (!closed && opened.next()) {
          StructLike record = opened.row();
          if (converter == null) {
            // Rows also carry the columns the filter and the deletes need; the converter picks the projection.
            converter = RowConverter.of(opened.struct(), columns, UnsupportedTypePolicy.FAIL);
          }
          Object[] row = withRecords ? withRecord(converter, record) : converter.convert(record);
          if (fold != null) {
            fold.add(row);
            continue;
          }
          batch[size++] = row;
          if (size == BATCH_ROWS) {
            put(batch);
            batch = new Object[BATCH_ROWS][];
            size = 0;
          }
        }
        if (fold != null && !closed) {
          put(fold.rows());
        } else if (size > 0 && !closed) {
          put(Arrays.copyOf(batch, size));
        }
      }
      last = END;
    } catch (Throwable e) {
      last = e;
    } finally {
      put(last);
    }
  }

  /** The converted row followed by the record itself, which the reader never reuses. */
  private static Object[] withRecord(RowConverter converter, StructLike record) {
    Object[] row = new Object[converter.width() + 1];
    converter.convertInto(record, row);
    row[row.length - 1] = record;
    return row;
  }

  /** The next batch ({@code Object[][]}), {@link #END}, a {@link Throwable}, or null if none is queued yet. */
  Object poll() {
    return batches.poll();
  }

  /**
   * Stops the read. Closing the file is what unblocks a read waiting on storage, and it may itself
   * wait for that read, so it runs on {@code closer}: whoever stops a scan does not wait for it.
   */
  void close(Executor closer) {
    closed = true;
    batches.clear();
    FileRows open = rows;
    if (open != null) {
      closer.execute(() -> {
        try {
          open.close();
        } catch (IOException | RuntimeException e) {
          // The read is abandoned; its thread ends on the closed flag or the failure.
        }
      });
    }
  }

  /**
   * Queues an item unless the scan was closed. An interrupt does not stop the delivery: the
   * consumer must get this file's end or failure, or it would wait for it.
   */
  private void put(Object item) {
    boolean interrupted = false;
    while (!closed) {
      try {
        if (batches.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
          onQueued.run();
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
