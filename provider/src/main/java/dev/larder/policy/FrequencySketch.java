package dev.larder.policy;

/**
 * An approximate, aging popularity counter for W-TinyLFU: a count-min sketch of 4-bit counters.
 *
 * <p>The table is a power-of-two array of longs, sixteen counters per long, in blocks of eight longs
 * (64 bytes, one cache line). A key's mixed hash picks one block, and within it one counter in each
 * of four rows (each row owns two longs of the block); its estimate is the smallest of the four.
 * Keeping a key's counters in one block makes an update touch one cache line, and on the traces we
 * replayed it also tracked popularity slightly better than rows spread over the whole table.
 * Counters saturate at 15. After {@code sampleSize} increments every counter is halved, so the
 * sketch forgets old popularity and follows a changing workload. The table may start small and grow
 * with the number of keys to track without losing counts (see {@link #ensureCapacity(long, long)}).
 *
 * <p>Thread-safety: not thread-safe; used under the engine's maintenance lock.
 */
final class FrequencySketch {

  static final int MAX_COUNT = 15;
  private static final long HALF_MASK = 0x7777_7777_7777_7777L;
  private static final long ONE_MASK = 0x1111_1111_1111_1111L;

  private long[] table;
  private int mask;
  private int sampleSize;
  private int size;
  private long halvings;

  /** Whether {@link #ensureCapacity} has sized the table; before that nothing is counted. */
  boolean isInitialized() {
    return table != null;
  }

  /** Sizes the sketch for about {@code maximum} distinct hot keys, aging every {@code 10 * maximum} increments. */
  void ensureCapacity(long maximum) {
    ensureCapacity(maximum, maximum);
  }

  /**
   * Grows the table for about {@code keys} distinct keys (the next power of two, 8 longs at least)
   * and makes the aging period ten times {@code agingKeys}; neither ever shrinks. Growing keeps every
   * estimate: the new table repeats the old one, and a key's block index only gains high bits, so
   * each key finds its old counters in the larger table (which stops sharing them with keys whose
   * new bit differs). A store can therefore count from its first entry with a table that follows the
   * entries it holds.
   */
  void ensureCapacity(long keys, long agingKeys) {
    int period = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(16, 10 * Math.max(1, agingKeys)));
    sampleSize = Math.max(sampleSize, period);
    int length = (int) Math.min(1 << 30, Math.max(8, Long.highestOneBit(Math.max(1, keys) - 1) << 1));
    if (table != null && table.length >= length) {
      return;
    }
    long[] grown = new long[length];
    if (table != null) {
      for (int i = 0; i < length; i += table.length) {
        System.arraycopy(table, 0, grown, i, table.length);
      }
    }
    table = grown;
    mask = length - 1;
  }

  int sampleSize() {
    return sampleSize;
  }

  /** Returns the estimated number of recent occurrences of {@code hash}, 0..15. */
  int frequency(int hash) {
    if (table == null) {
      return 0;
    }
    long h = mix(hash);
    int block = blockOf(h);
    int counters = (int) (h >>> 32);
    int min = MAX_COUNT;
    for (int row = 0; row < 4; row++) {
      int bits = counters >>> (row << 3);
      int slot = block + (row << 1) + ((bits >>> 4) & 1);
      min = Math.min(min, (int) ((table[slot] >>> ((bits & 15) << 2)) & 0xF));
    }
    return min;
  }

  /**
   * Counts one occurrence of {@code hash}, halving every counter when the sample is full, and returns
   * the key's estimate after the increment (before any halving it caused): {@link #MAX_COUNT} means
   * that further occurrences change nothing until the next halving.
   */
  int increment(int hash) {
    return increment(hash, true);
  }

  /** Counts {@code occurrences} toward the sample (halving when it is full) without raising any count. */
  void advance(long occurrences) {
    if (table == null) {
      return;
    }
    size = (int) Math.min(Integer.MAX_VALUE / 2, size + occurrences);
    if (size >= sampleSize) {
      halve();
    }
  }

  /**
   * As {@link #increment(int)}; when {@code counted} is false the occurrence raises the key's counters
   * but not the sample, because {@link #advance} already counted it.
   */
  int increment(int hash, boolean counted) {
    if (table == null) {
      return 0;
    }
    long h = mix(hash);
    int block = blockOf(h);
    int counters = (int) (h >>> 32);
    boolean added = false;
    int estimate = MAX_COUNT;
    for (int row = 0; row < 4; row++) {
      int bits = counters >>> (row << 3);
      int slot = block + (row << 1) + ((bits >>> 4) & 1);
      int shift = (bits & 15) << 2;
      int count = (int) ((table[slot] >>> shift) & 0xF);
      if (count < MAX_COUNT) {
        table[slot] += 1L << shift;
        added = true;
        count++;
      }
      estimate = Math.min(estimate, count);
    }
    if (added && counted && ++size >= sampleSize) {
      halve();
    }
    return estimate;
  }

  /** How many times every counter has been halved so far. */
  long halvings() {
    return halvings;
  }

  /** The first of the eight longs (one 64-byte block) that hold all four counters of a key. */
  private int blockOf(long h) {
    return ((int) h & mask) & ~7;
  }

  /** Halves every counter (the aging step). */
  void halve() {
    halvings++;
    int odd = 0;
    for (int i = 0; i < table.length; i++) {
      odd += Long.bitCount(table[i] & ONE_MASK);
      table[i] = (table[i] >>> 1) & HALF_MASK;
    }
    // Each key has four counters; the truncated halves amount to about odd / 4 lost occurrences.
    size = Math.max(0, (size - (odd >>> 2)) >>> 1);
  }

  /** The table's length in longs (for tests). */
  int tableLength() {
    return (table == null) ? 0 : table.length;
  }

  /** Occurrences counted since the last halving (for tests). */
  int size() {
    return size;
  }

  private static long mix(int hash) {
    long h = hash * 0x9E37_79B9_7F4A_7C15L;
    h ^= h >>> 31;
    h *= 0xBF58_476D_1CE4_E5B9L;
    h ^= h >>> 29;
    return h;
  }
}
