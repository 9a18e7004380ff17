package dev.s3tables.jdbc.batch;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.s3tables.calcite.DaemonPools;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The parameter rows of one JDBC batch, bound on the application's thread as they are added and
 * handed to a writer thread: encoding the rows overlaps with making them, and a batch of any size
 * keeps only a few thousand rows in memory. The writer sees the bound rows as an iterable that
 * ends when the batch is executed ({@link #finish}) and fails with {@link AbortedException} when
 * the batch is dropped ({@link #abort}); nothing is committed before the writer has seen the end,
 * so a batch still commits all of its rows or none. A row that fails to bind fails the writer
 * when it gets there, after the rows before it, as a row-by-row run would fail; the rows added
 * after a failure are dropped, and {@link #finish} throws the writer's failure.
 */
public final class StreamedBatch {
  /** Rows handed over together, so that the two threads meet once per this many rows. */
  private static final int CHUNK_ROWS = 1024;
  /** Chunks the writer may be behind before {@link #add} waits for it. */
  private static final int QUEUED_CHUNKS = 8;
  private static final ExecutorService WRITERS = DaemonPools.cached("s3tables-batch-writer");
  private static final Object[] END = new Object[0];
  private static final Object[] ABORT = new Object[0];

  /** Writes a batch's bound rows and commits them once they end, as the statement's executeBatch would. */
  @FunctionalInterface
  public interface Writer {
    Meta.ExecuteBatchResult write(Iterable<Object[]> rows) throws NoSuchStatementException;
  }

  /** In place of a row that failed to bind: the writer throws the failure when it gets there. */
  private record Unbound(RuntimeException failure) {}

  /** What the writer's rows throw when the batch was dropped instead of executed. */
  public static final class AbortedException extends RuntimeException {
    private AbortedException() {
      super("The batch was cleared or its statement closed before it was executed");
    }
  }

  private final Function<List<TypedValue>, Object[]> binder;
  private final BlockingQueue<Object[]> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Future<Meta.ExecuteBatchResult> written;
  private Object[] chunk = new Object[CHUNK_ROWS];
  private int filled;
  private boolean unbound;
  private boolean ended;

  private StreamedBatch(Function<List<TypedValue>, Object[]> binder, Writer writer) {
    this.binder = requireNonNull(binder, "binder");
    requireNonNull(writer, "writer");
    Iterable<Object[]> rows = Rows::new;
    this.written = WRITERS.submit(() -> writer.write(rows));
  }

  /**
   * Starts the writer on a thread of its own; it waits for the first rows.
   *
   * @param binder makes a row of parameter values into the row the writer takes
   */
  public static StreamedBatch start(Function<List<TypedValue>, Object[]> binder, Writer writer) {
    return new StreamedBatch(binder, writer);
  }

  /** Binds and adds a row; waits while the writer is {@value #QUEUED_CHUNKS} chunks behind. */
  public void add(List<TypedValue> values) {
    requireNonNull(values, "values");
    if (ended) {
      throw new IllegalStateException("The batch was already executed or dropped");
    } else if (unbound) {
      return;
    }
    Object row;
    try {
      row = binder.apply(values);
    } catch (RuntimeException e) {
      unbound = true;
      row = new Unbound(e);
    }
    chunk[filled++] = row;
    if (filled == CHUNK_ROWS) {
      handOver(chunk);
      chunk = new Object[CHUNK_ROWS];
      filled = 0;
    }
  }

  /** Ends the rows and waits for the writer: its result, or its failure as it threw it. */
  public Meta.ExecuteBatchResult finish() throws NoSuchStatementException {
    end(END);
    try {
      return Uninterruptibles.getUninterruptibly(written);
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      if (failure instanceof RuntimeException r) {
        throw r;
      } else if (failure instanceof Error r) {
        throw r;
      } else if (failure instanceof NoSuchStatementException r) {
        throw r;
      }
      throw new IllegalStateException(failure);
    }
  }

  /** Drops the rows: the writer fails without committing; returns when it has ended. */
  public void abort() {
    if (ended) {
      return;
    }
    end(ABORT);
    try {
      Uninterruptibles.getUninterruptibly(written);
    } catch (ExecutionException expected) {
      // The writer ends by failing: it was told to.
    }
  }

  private void end(Object[] marker) {
    if (ended) {
      throw new IllegalStateException("The batch was already executed or dropped");
    }
    ended = true;
    if (marker == END && filled > 0) {
      Object[] last = new Object[filled];
      System.arraycopy(chunk, 0, last, 0, filled);
      handOver(last);
    }
    chunk = null;
    handOver(marker);
  }

  /** Queues a chunk, unless the writer has ended (it failed): then nobody would take it. */
  private void handOver(Object[] rows) {
    boolean interrupted = false;
    try {
      while (!written.isDone()) {
        try {
          if (chunks.offer(rows, 50, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The writer's one pass over the rows, taking chunks as they come. */
  private final class Rows implements Iterator<Object[]> {
    private Object[] current = new Object[0];
    private int next;

    @Override
    public boolean hasNext() {
      while (next == current.length) {
        if (current == END) {
          return false;
        } else if (current == ABORT) {
          throw new AbortedException();
        }
        current = Uninterruptibles.takeUninterruptibly(chunks);
        next = 0;
      }
      return true;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object row = current[next++];
      if (row instanceof Unbound u) {
        throw u.failure();
      }
      return (Object[]) row;
    }
  }
}
