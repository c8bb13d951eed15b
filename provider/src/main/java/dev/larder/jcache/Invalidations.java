package dev.larder.jcache;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Guards read-through against resurrecting old data. A load reads the system of record without any
 * lock; if, while it runs, the key is removed or written around the cache (the writer changed the
 * system of record but the cache holds nothing for the key), the loaded value may be older than the
 * system of record and must not be cached. Every such change bumps a counter for the key's stripe; a
 * load takes the stripe's stamp before it starts and stores its value only if the stamp is unchanged.
 *
 * <p>Thread-safety: lock-free. Bumps happen inside the key's atomic step and the stamp is compared
 * inside the atomic step that would store the loaded value, so for one key the two are ordered by the
 * store. Keys that share a stripe can only cause a load not to be cached, never a stale value.
 */
final class Invalidations {

  private static final int STRIPES = 256;
  /** Counters sit 8 longs (a 64-byte cache line) apart, so bumps of different stripes do not contend. */
  private static final int SPACING = 8;

  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES * SPACING);

  /** The current stamp of {@code key}'s stripe; take it before loading. */
  long stamp(Object key) {
    return stripes.get(index(key));
  }

  /** Returns {@code true} when nothing invalidated {@code key}'s stripe since {@code stamp}. */
  boolean unchangedSince(Object key, long stamp) {
    return stripes.get(index(key)) == stamp;
  }

  /** Records that the system of record changed for {@code key} while the cache holds nothing for it. */
  void bump(Object key) {
    stripes.incrementAndGet(index(key));
  }

  private static int index(Object key) {
    int h = key.hashCode();
    return ((h ^ (h >>> 16)) & (STRIPES - 1)) * SPACING;
  }
}
