package dev.s3tables.calcite.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.io.RangeReadable;
import org.junit.jupiter.api.Test;

/**
 * Reads through {@link ParquetInput.WindowedStream} return the file's bytes whatever the order,
 * method and size of the reads, and cost the ranged requests the windows promise.
 */
class WindowedStreamTest {
  /** A file in memory that records the ranged requests made of it. */
  private static final class Ranges implements RangeReadable {
    final byte[] bytes;
    final List<String> requests = new ArrayList<>();

    Ranges(int length, long seed) {
      bytes = new byte[length];
      new Random(seed).nextBytes(bytes);
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) {
      requests.add("range " + position + "+" + length);
      System.arraycopy(bytes, (int) position, buffer, offset, length);
    }

    @Override
    public int readTail(byte[] buffer, int offset, int length) {
      requests.add("tail " + length);
      System.arraycopy(bytes, bytes.length - length, buffer, offset, length);
      return length;
    }

    @Override
    public void close() {}
  }

  @Test
  void randomReadsReturnTheFilesBytes() throws IOException {
    Random random = new Random(7);
    for (int length : new int[] {1, 10, ParquetInput.TAIL_BYTES - 1, ParquetInput.TAIL_BYTES + 1, 400_000}) {
      Ranges file = new Ranges(length, length);
      try (ParquetInput.WindowedStream stream = new ParquetInput.WindowedStream(file, length)) {
        for (int i = 0; i < 300; i++) {
          int position = random.nextInt(length);
          int wanted = random.nextInt(3) == 0 ? random.nextInt(300_000) : random.nextInt(20);
          int count = Math.min(length - position, wanted);
          stream.seek(position);
          byte[] read = new byte[count];
          switch (i % 3) {
            case 0 -> stream.readFully(read);
            case 1 -> stream.readFully(ByteBuffer.wrap(read));
            default -> {
              for (int j = 0; j < count; j++) {
                read[j] = (byte) stream.read();
              }
            }
          }
          assertThat(read).as("%d bytes at %d of %d", count, position, length)
              .isEqualTo(Arrays.copyOfRange(file.bytes, position, position + count));
          assertThat(stream.getPos()).isEqualTo(position + count);
        }
      }
    }
  }

  @Test
  void aFooterCostsOneRequestAndAPageOneMore() throws IOException {
    int length = 1_000_000;
    Ranges file = new Ranges(length, 1);
    try (ParquetInput.WindowedStream stream = new ParquetInput.WindowedStream(file, length)) {
      // As Parquet reads a footer: its length and magic, then the footer itself.
      stream.seek(length - 8);
      stream.readFully(new byte[8]);
      stream.seek(length - 20_000);
      stream.readFully(new byte[19_992]);
      // A page header and a page near the start.
      stream.seek(4);
      stream.read();
      stream.readFully(new byte[50_000]);
    }
    assertThat(file.requests)
        .containsExactly("tail " + ParquetInput.TAIL_BYTES, "range 4+" + ParquetInput.WINDOW_BYTES);
  }

  @Test
  void theEndOfTheFileIsReported() throws IOException {
    Ranges file = new Ranges(100, 2);
    try (ParquetInput.WindowedStream stream = new ParquetInput.WindowedStream(file, 100)) {
      stream.seek(100);
      assertThat(stream.read()).isEqualTo(-1);
      assertThat(stream.read(new byte[4], 0, 4)).isEqualTo(-1);
      stream.seek(98);
      assertThatThrownBy(() -> stream.readFully(new byte[4])).isInstanceOf(EOFException.class);
      assertThatThrownBy(() -> stream.seek(101)).isInstanceOf(EOFException.class);
    }
  }
}
