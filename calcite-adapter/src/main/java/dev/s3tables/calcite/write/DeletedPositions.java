package dev.s3tables.calcite.write;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The rows a statement removes from the files it read: positions per data file, each once however
 * often the statement's input names it, in path order and ascending positions, as position delete
 * files must be sorted.
 */
final class DeletedPositions {
  private final Map<String, Roaring64Bitmap> byFile = new TreeMap<>();
  private long count;

  /** Records a row; false if it was already recorded. */
  boolean add(String path, long position) {
    Roaring64Bitmap positions = byFile.computeIfAbsent(path, p -> new Roaring64Bitmap());
    if (positions.contains(position)) {
      return false;
    }
    positions.addLong(position);
    count++;
    return true;
  }

  /** How many rows were recorded. */
  long count() {
    return count;
  }

  /** The data files with recorded rows, in path order. */
  Set<String> paths() {
    return byFile.keySet();
  }

  boolean contains(String path, long position) {
    Roaring64Bitmap positions = byFile.get(path);
    return positions != null && positions.contains(position);
  }

  /** The recorded positions of one file, ascending. */
  LongIterator positions(String path) {
    return byFile.get(path).getLongIterator();
  }
}
