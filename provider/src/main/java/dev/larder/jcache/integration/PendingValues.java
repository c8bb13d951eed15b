package dev.larder.jcache.integration;

/**
 * The hook a cache consults on a miss before it asks the loader: a write strategy that holds writes
 * not yet in the system of record (write-behind) answers from there, so a read never sees older data
 * than the cache's own last write, and a key whose delete is still queued is not loaded back.
 *
 * <p>Thread-safety: implementations are called from any thread.
 */
@FunctionalInterface
public interface PendingValues<K, V> {

  /**
   * A write waiting for the system of record: {@code value} is the value to be written, or {@code null}
   * when the waiting write is a delete.
   */
  record Pending<V>(V value) {}

  /** Returns the write waiting for {@code key}, or {@code null} when none is. */
  Pending<V> pending(K key);

  /** The hook of caches with nothing pending. */
  static <K, V> PendingValues<K, V> none() {
    return key -> null;
  }
}
