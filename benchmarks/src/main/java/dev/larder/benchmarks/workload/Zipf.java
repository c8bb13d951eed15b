package dev.larder.benchmarks.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded Zipf distribution over ranks {@code 0..n-1} (rank 0 the most popular), sampled by
 * inverting a precomputed cumulative distribution with a binary search, and a bijective scramble
 * that turns ranks into keys so that popular keys are not neighbours in hash space.
 *
 * <p>Thread-safety: immutable after construction; {@link #sample} takes the caller's random source,
 * so one instance may be shared by threads that each own a {@link SplittableRandom}.
 */
public final class Zipf {

  private final double[] cumulative;

  /**
   * Builds the distribution {@code P(rank k) ∝ 1 / (k + 1)^exponent}.
   *
   * @throws IllegalArgumentException if {@code n < 1} or {@code exponent} is negative or not finite
   */
  public Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    if (!(exponent >= 0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("exponent must be a finite number >= 0, was " + exponent);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / Math.pow(k + 1, exponent);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
    cumulative[n - 1] = 1.0;
  }

  /** Returns the number of ranks. */
  public int size() {
    return cumulative.length;
  }

  /** Draws a rank in {@code [0, size())}. */
  public int sample(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return index >= 0 ? index : Math.min(-index - 1, cumulative.length - 1);
  }

  /** Draws {@code count} ranks from a random source seeded with {@code seed}. */
  public int[] samples(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] ranks = new int[count];
    for (int i = 0; i < count; i++) {
      ranks[i] = sample(random);
    }
    return ranks;
  }

  /**
   * Maps a rank to a key one-to-one (the MurmurHash3 64-bit finaliser, which is a bijection), so that
   * distinct ranks stay distinct keys while hot keys spread over the hash space.
   */
  public static long scramble(long rank) {
    long h = rank;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The 32-bit counterpart of {@link #scramble(long)} (also a bijection), for {@code Integer} keys. */
  public static int scramble(int rank) {
    int h = rank;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
