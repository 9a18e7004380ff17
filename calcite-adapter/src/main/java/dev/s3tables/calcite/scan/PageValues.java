package dev.s3tables.calcite.scan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of one flat column chunk, decoded from its pages' bytes: a page's definition levels
 * and dictionary ids are unpacked into arrays in one pass, and plain values are read where they
 * lie, so a value costs an array read instead of the per-value calls of Parquet's column reader.
 * A page skipped whole is never decoded. Only chunks whose data pages are all plain or dictionary
 * encoded ({@link #decodes}) are read here; their values go through the column's
 * {@link ParquetValues}, as with Parquet's reader.
 */
final class PageValues {
  private static final Set<Encoding> VALUE_ENCODINGS =
      EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);

  private final PageReader pages;
  private final ParquetValues values;
  private final PrimitiveTypeName physical;
  private final int fixedLength;
  private final int maxDefinition;
  private DataPage page;
  private int pageValues;
  private int index;
  private boolean decoded;
  private int[] definitions = new int[0];
  private int[] ids = new int[0];
  private boolean dictionaryEncoded;
  private int idIndex;
  private ByteBuffer plain;
  private int position;
  private int bitIndex;

  /** Whether the chunk's data pages are all in encodings this decodes, as its encoding stats say. */
  static boolean decodes(ColumnChunkMetaData chunk, ColumnDescriptor column) {
    EncodingStats stats = chunk.getEncodingStats();
    return stats != null && column.getMaxRepetitionLevel() == 0 && column.getMaxDefinitionLevel() <= 1
        && column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT96
        && VALUE_ENCODINGS.containsAll(stats.getDataEncodings());
  }

  PageValues(PageReader pages, ColumnDescriptor column, ParquetValues values) {
    this.pages = requireNonNull(pages, "pages");
    this.values = requireNonNull(values, "values");
    this.physical = column.getPrimitiveType().getPrimitiveTypeName();
    this.fixedLength = column.getPrimitiveType().getTypeLength();
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage dictionary = pages.readDictionaryPage();
    if (dictionary != null) {
      try {
        values.setDictionary(dictionary.getEncoding().initDictionary(column, dictionary));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The next value into {@code row[slot]}: its decoded value, or null. */
  void read(Object[] row, int slot) {
    if (index == pageValues) {
      nextPage();
    }
    if (!decoded) {
      decode();
    }
    if (definitions[index++] != maxDefinition) {
      row[slot] = null;
      return;
    }
    if (dictionaryEncoded) {
      values.addValueFromDictionary(ids[idIndex++]);
    } else {
      readPlain();
    }
    row[slot] = values.value;
  }

  /** Moves past the next {@code rows} values. */
  void skip(long rows) {
    long left = rows;
    while (left > 0) {
      if (index == pageValues) {
        nextPage();
      }
      int inPage = pageValues - index;
      if (left >= inPage) {
        index = pageValues;
        left -= inPage;
        continue;
      }
      if (!decoded) {
        decode();
      }
      for (; left > 0; left--) {
        if (definitions[index++] == maxDefinition) {
          skipValue();
        }
      }
    }
  }

  private void nextPage() {
    page = pages.readPage();
    if (page == null) {
      throw new ParquetDecodingException("The column chunk ended before its row group's rows");
    }
    pageValues = page.getValueCount();
    index = 0;
    decoded = false;
  }

  private void decode() {
    try {
      if (page instanceof DataPageV1 v1) {
        ByteBuffer bytes = buffer(v1.getBytes());
        int at = bytes.position();
        if (maxDefinition > 0) {
          at = definitionsV1(v1.getDlEncoding(), bytes, at);
        } else {
          definitions = zeros(pageValues);
        }
        values(v1.getValueEncoding(), bytes, at);
      } else if (page instanceof DataPageV2 v2) {
        if (maxDefinition > 0) {
          ByteBuffer levels = buffer(v2.getDefinitionLevels());
          definitions = hybrid(levels, levels.position(), levels.limit(), 1, pageValues);
        } else {
          definitions = zeros(pageValues);
        }
        ByteBuffer data = buffer(v2.getData());
        values(v2.getDataEncoding(), data, data.position());
      } else {
        throw new ParquetDecodingException("Unknown page " + page);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    decoded = true;
  }

  /** Reads a version 1 page's definition levels, which are RLE with their length first, or bit-packed. */
  private int definitionsV1(Encoding encoding, ByteBuffer bytes, int at) {
    if (encoding == Encoding.RLE) {
      int length = bytes.getInt(at);
      definitions = hybrid(bytes, at + Integer.BYTES, at + Integer.BYTES + length, 1, pageValues);
      return at + Integer.BYTES + length;
    }
    if (encoding == Encoding.BIT_PACKED) {
      // The deprecated encoding: one bit a level, most significant bit first.
      definitions = new int[pageValues];
      for (int i = 0; i < pageValues; i++) {
        definitions[i] = (bytes.get(at + i / 8) >>> (7 - i % 8)) & 1;
      }
      return at + (pageValues + 7) / 8;
    }
    throw new ParquetDecodingException("Definition levels in " + encoding);
  }

  private void values(Encoding encoding, ByteBuffer bytes, int at) {
    int present = 0;
    for (int i = 0; i < pageValues; i++) {
      present += definitions[i] == maxDefinition ? 1 : 0;
    }
    idIndex = 0;
    if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
      dictionaryEncoded = true;
      int bitWidth = present == 0 ? 0 : bytes.get(at);
      ids = hybrid(bytes, at + 1, bytes.limit(), bitWidth, present);
    } else if (encoding == Encoding.PLAIN) {
      dictionaryEncoded = false;
      plain = bytes;
      position = at;
      bitIndex = 0;
    } else {
      throw new ParquetDecodingException("Values in " + encoding);
    }
  }

  private void readPlain() {
    switch (physical) {
      case INT32 -> {
        values.addInt(plain.getInt(position));
        position += Integer.BYTES;
      }
      case INT64 -> {
        values.addLong(plain.getLong(position));
        position += Long.BYTES;
      }
      case FLOAT -> {
        values.addFloat(plain.getFloat(position));
        position += Float.BYTES;
      }
      case DOUBLE -> {
        values.addDouble(plain.getDouble(position));
        position += Double.BYTES;
      }
      case BOOLEAN -> {
        values.addBoolean(((plain.get(position + bitIndex / 8) >>> (bitIndex % 8)) & 1) != 0);
        bitIndex++;
      }
      case BINARY -> {
        int length = plain.getInt(position);
        values.addBinary(Binary.fromConstantByteBuffer(plain, position + Integer.BYTES, length));
        position += Integer.BYTES + length;
      }
      case FIXED_LEN_BYTE_ARRAY -> {
        values.addBinary(Binary.fromConstantByteBuffer(plain, position, fixedLength));
        position += fixedLength;
      }
      default -> throw new ParquetDecodingException("Plain " + physical);
    }
  }

  private void skipValue() {
    if (dictionaryEncoded) {
      idIndex++;
      return;
    }
    switch (physical) {
      case INT32, FLOAT -> position += Integer.BYTES;
      case INT64, DOUBLE -> position += Long.BYTES;
      case BOOLEAN -> bitIndex++;
      case BINARY -> position += Integer.BYTES + plain.getInt(position);
      case FIXED_LEN_BYTE_ARRAY -> position += fixedLength;
      default -> throw new ParquetDecodingException("Plain " + physical);
    }
  }

  private static ByteBuffer buffer(BytesInput bytes) throws IOException {
    return bytes.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private int[] zeros(int count) {
    // Every value of a required column is present: its definition level is always the maximum, 0.
    return definitions.length == count ? definitions : new int[count];
  }

  /**
   * {@code count} values of Parquet's RLE / bit-packing hybrid encoding in {@code [at, end)}: runs
   * of one repeated value, or groups of eight values packed least significant bit first.
   */
  static int[] hybrid(ByteBuffer bytes, int at, int end, int bitWidth, int count) {
    int[] out = new int[count];
    int valueBytes = (bitWidth + 7) / 8;
    int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
    int n = 0;
    while (n < count) {
      if (at >= end) {
        throw new ParquetDecodingException("The encoded values ended after " + n + " of " + count);
      }
      int header = 0;
      int shift = 0;
      byte next;
      do {
        next = bytes.get(at++);
        header |= (next & 0x7f) << shift;
        shift += 7;
      } while ((next & 0x80) != 0);
      if ((header & 1) == 0) {
        int value = 0;
        for (int i = 0; i < valueBytes; i++) {
          value |= (bytes.get(at++) & 0xff) << (8 * i);
        }
        int run = Math.min(header >>> 1, count - n);
        Arrays.fill(out, n, n + run, value);
        n += run;
      } else {
        int packed = (header >>> 1) * 8;
        long buffered = 0;
        int bits = 0;
        for (int i = 0; i < packed; i++) {
          while (bits < bitWidth) {
            buffered |= (long) (bytes.get(at++) & 0xff) << bits;
            bits += 8;
          }
          if (n < count) {
            out[n++] = (int) (buffered & mask);
          }
          buffered >>>= bitWidth;
          bits -= bitWidth;
        }
      }
    }
    return out;
  }
}
