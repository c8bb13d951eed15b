package dev.larder.engine;

/**
 * Computes the weight of an entry for caches bounded by total weight rather than entry count.
 *
 * <p>Thread-safety: called from any thread; must be stateless or thread-safe.
 */
@FunctionalInterface
public interface Weigher<K, V> {

  /** Returns the entry's weight, at least zero; it is computed once per write and not re-read. */
  int weigh(K key, V value);
}
