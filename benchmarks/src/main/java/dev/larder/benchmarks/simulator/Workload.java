package dev.larder.benchmarks.simulator;

import java.util.function.IntFunction;

/**
 * A named access sequence replayed at several cache sizes: either a trace file (the same keys at
 * every size) or a synthetic generator (a loop workload depends on the cache size it is run at).
 *
 * <p>Thread-safety: {@link #prepare} is synchronized and memoizes size-independent sequences, so the
 * simulator's worker threads may share one instance; the arrays it returns must not be modified.
 */
final class Workload {

  /** A sequence ready to replay: the keys, the next-use index of each access (for OPT), and the distinct-key count. */
  record Prepared(long[] keys, int[] nextUse, int distinct) {}

  private final String name;
  private final String description;
  private final int[] sizes;
  private final long approximateAccesses;
  private final boolean dependsOnSize;
  private final IntFunction<long[]> generator;
  private final long expectedAccesses;
  private final long expectedDistinct;
  private Prepared shared;

  private Workload(String name, String description, int[] sizes, long approximateAccesses, boolean dependsOnSize,
      IntFunction<long[]> generator, long expectedAccesses, long expectedDistinct) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException(name + ": no cache sizes");
    }
    this.name = name;
    this.description = description;
    this.sizes = sizes.clone();
    this.approximateAccesses = approximateAccesses;
    this.dependsOnSize = dependsOnSize;
    this.generator = generator;
    this.expectedAccesses = expectedAccesses;
    this.expectedDistinct = expectedDistinct;
  }

  /**
   * A workload whose keys do not depend on the cache size; when {@code expectedAccesses} and
   * {@code expectedDistinct} are non-negative, {@link #prepare} fails unless the parsed keys match them.
   */
  static Workload fixed(String name, String description, int[] sizes, IntFunction<long[]> keys,
      long expectedAccesses, long expectedDistinct) {
    return new Workload(name, description, sizes, expectedAccesses, false, keys, expectedAccesses, expectedDistinct);
  }

  /** A generated workload whose keys do not depend on the cache size and have no published counts. */
  static Workload generated(String name, String description, int[] sizes, long approximateAccesses,
      IntFunction<long[]> keys) {
    return new Workload(name, description, sizes, approximateAccesses, false, keys, -1, -1);
  }

  /** A workload generated afresh for each cache size. */
  static Workload perSize(String name, String description, int[] sizes, long approximateAccesses,
      IntFunction<long[]> keysForSize) {
    return new Workload(name, description, sizes, approximateAccesses, true, keysForSize, -1, -1);
  }

  String name() {
    return name;
  }

  String description() {
    return description;
  }

  int[] sizes() {
    return sizes.clone();
  }

  /** The number of accesses, used to start the longest replays first. */
  long approximateAccesses() {
    return approximateAccesses;
  }

  /** Returns the keys for {@code cacheSize} with their next-use indexes; checks a trace's published counts. */
  synchronized Prepared prepare(int cacheSize) {
    if (!dependsOnSize && shared != null) {
      return shared;
    }
    long[] keys = generator.apply(cacheSize);
    int[] nextUse = new int[keys.length];
    int distinct = Belady.nextUses(keys, nextUse);
    if (expectedAccesses >= 0 && (keys.length != expectedAccesses || distinct != expectedDistinct)) {
      throw new IllegalStateException(name + ": parsed " + keys.length + " accesses to " + distinct
          + " distinct keys, but the traces README says " + expectedAccesses + " accesses to "
          + expectedDistinct + " distinct keys: the parser or the file is wrong");
    }
    Prepared prepared = new Prepared(keys, nextUse, distinct);
    if (!dependsOnSize) {
      shared = prepared;
    }
    return prepared;
  }

  /** Drops a memoized sequence once every replay of it is done, to free its memory. */
  synchronized void release() {
    shared = null;
  }
}
