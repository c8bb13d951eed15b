package dev.larder.benchmarks.workload;

import java.util.SplittableRandom;

/**
 * The access pattern shared by the JMH benchmarks: {@link #LENGTH} keys drawn from Zipf(0.99) over
 * {@link #KEY_SPACE} keys (scrambled so hot keys spread over hash space), and a matching read/write
 * pattern with a given share of reads. Threads walk the sequence from different offsets.
 *
 * <p>Thread-safety: immutable after construction; safe to share between benchmark threads.
 */
public final class KeySequence {

  /** The number of distinct keys the Zipf distribution ranges over (2^20). */
  public static final int KEY_SPACE = 1 << 20;
  /** The sequence length (a power of two, so an index wraps with {@link #MASK}). */
  public static final int LENGTH = 1 << 20;
  /** {@code index & MASK} wraps an ever-growing index into the sequence. */
  public static final int MASK = LENGTH - 1;
  /** The skew of the key distribution. */
  public static final double EXPONENT = 0.99;

  private final Integer[] keys;
  private final boolean[] writes;

  /** Draws the sequence; {@code readPercent} of the operations are reads, the rest writes. */
  public KeySequence(int readPercent, long seed) {
    if (readPercent < 0 || readPercent > 100) {
      throw new IllegalArgumentException("readPercent must be within 0..100, was " + readPercent);
    }
    int[] ranks = new Zipf(KEY_SPACE, EXPONENT).samples(LENGTH, seed);
    keys = new Integer[LENGTH];
    writes = new boolean[LENGTH];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < LENGTH; i++) {
      keys[i] = Zipf.scramble(ranks[i]);
      writes[i] = random.nextInt(100) >= readPercent;
    }
  }

  /** The key of the {@code index}-th operation (wrapped). */
  public Integer key(int index) {
    return keys[index & MASK];
  }

  /** Whether the {@code index}-th operation (wrapped) is a write. */
  public boolean isWrite(int index) {
    return writes[index & MASK];
  }

  /** The key of popularity rank {@code rank} (0 the hottest), for pre-filling a cache with its hottest keys. */
  public static Integer keyOfRank(int rank) {
    return Zipf.scramble(rank);
  }
}
