package dev.s3tables.calcite.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * The RLE / bit-packing hybrid decoder gives back what Parquet's own encoder wrote, for every bit
 * width, with long runs, short runs and values that change at every position, starting anywhere in
 * a buffer. The pages that use it are checked value for value against Iceberg's reader in
 * {@link ParquetRowsTest}.
 */
class PageValuesTest {
  @Test
  void decodesWhatParquetsEncoderWrites() throws IOException {
    Random random = new Random(42);
    for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
      long bound = 1L << bitWidth;
      int count = 1 + random.nextInt(5000);
      int[] expected = new int[count];
      for (int i = 0; i < count; ) {
        // A run of one value (RLE), or values that change (bit-packed).
        int run = random.nextBoolean() ? 1 + random.nextInt(100) : 1;
        int value = (int) (bitWidth == 0 ? 0 : random.nextLong(bound));
        for (int j = 0; j < run && i < count; j++) {
          expected[i++] = run == 1 ? (int) (bitWidth == 0 ? 0 : random.nextLong(bound)) : value;
        }
      }
      RunLengthBitPackingHybridEncoder encoder =
          new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, new HeapByteBufferAllocator());
      for (int value : expected) {
        encoder.writeInt(value);
      }
      byte[] encoded = encoder.toBytes().toByteArray();
      byte[] shifted = new byte[encoded.length + 3];
      System.arraycopy(encoded, 0, shifted, 3, encoded.length);

      int[] decoded = PageValues.hybrid(ByteBuffer.wrap(shifted), 3, shifted.length, bitWidth, count);

      assertThat(decoded).as("bit width %d", bitWidth).containsExactly(expected);
    }
  }
}
