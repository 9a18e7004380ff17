package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.RangeReadable;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A data file as Parquet reads one, for reading its footer and a few pages: through the table's
 * FileIO (S3, with its retries and credentials), in ranged requests of a window around what is
 * read, so a footer costs one request for the file's tail and a dictionary page one more, however
 * large the file; a read larger than the window (a row group's column chunks) is one request.
 */
public final class ParquetInput implements InputFile {
  static final int TAIL_BYTES = 64 << 10;
  static final int WINDOW_BYTES = 128 << 10;

  private final org.apache.iceberg.io.InputFile file;
  private final long length;

  private ParquetInput(org.apache.iceberg.io.InputFile file, long length) {
    this.file = file;
    this.length = length;
  }

  static ParquetInput of(FileIO io, DataFile file) {
    return new ParquetInput(io.newInputFile(file.location(), file.fileSizeInBytes()), file.fileSizeInBytes());
  }

  public static ParquetInput of(org.apache.iceberg.io.InputFile file) {
    return new ParquetInput(requireNonNull(file, "file"), file.getLength());
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    org.apache.iceberg.io.SeekableInputStream stream = file.newStream();
    if (stream instanceof RangeReadable ranges) {
      return new WindowedStream(ranges, length);
    }
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() throws IOException {
        return stream.getPos();
      }

      @Override
      public void seek(long position) throws IOException {
        stream.seek(position);
      }
    };
  }

  /** Reads served from one window of the file, fetched with one ranged request when a read leaves it. */
  static final class WindowedStream extends SeekableInputStream {
    private final RangeReadable source;
    private final long length;
    private byte[] window = new byte[0];
    private long windowStart;
    private long position;

    WindowedStream(RangeReadable source, long length) {
      this.source = source;
      this.length = length;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
      if (newPosition < 0 || newPosition > length) {
        throw new EOFException("Position " + newPosition + " is outside the file's " + length + " bytes");
      }
      position = newPosition;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      return window[(int) (position++ - windowStart)] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
      if (count == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = (int) Math.min(count, windowStart + window.length - position);
      System.arraycopy(window, (int) (position - windowStart), bytes, offset, n);
      position += n;
      return n;
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
      if (!buffer.hasRemaining()) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = (int) Math.min(buffer.remaining(), windowStart + window.length - position);
      buffer.put(window, (int) (position - windowStart), n);
      position += n;
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int offset, int count) throws IOException {
      int done = 0;
      while (done < count) {
        int n = read(bytes, offset + done, count - done);
        if (n < 0) {
          throw new EOFException("The file ended " + (count - done) + " bytes short of a read");
        }
        done += n;
      }
    }

    @Override
    public void readFully(ByteBuffer buffer) throws IOException {
      int count = buffer.remaining();
      if (count > WINDOW_BYTES && buffer.hasArray() && !inWindow() && position + count <= length) {
        // A column chunk or more: one request straight into the caller's buffer.
        source.readFully(position, buffer.array(), buffer.arrayOffset() + buffer.position(), count);
        buffer.position(buffer.position() + count);
        position += count;
        return;
      }
      while (buffer.hasRemaining()) {
        if (read(buffer) < 0) {
          throw new EOFException("The file ended " + buffer.remaining() + " bytes short of a read");
        }
      }
    }

    /** Makes the window hold the current position; false at the end of the file. */
    private boolean fill() throws IOException {
      if (position >= length) {
        return false;
      }
      if (inWindow()) {
        return true;
      }
      if (length - position <= TAIL_BYTES) {
        window = new byte[(int) Math.min(TAIL_BYTES, length)];
        source.readTail(window, 0, window.length);
        windowStart = length - window.length;
      } else {
        window = new byte[(int) Math.min(WINDOW_BYTES, length - position)];
        source.readFully(position, window, 0, window.length);
        windowStart = position;
      }
      return true;
    }

    private boolean inWindow() {
      return position >= windowStart && position < windowStart + window.length;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
