package dev.larder.jcache.integration;

/**
 * The hook a cache consults on a miss before it asks the loader: a write strategy that holds values
 * not yet in the system of record (write-behind) answers from there, so a read never sees older data
 * than the cache's own last write.
 *
 * <p>Thread-safety: implementations are called from any thread.
 */
@FunctionalInterface
public interface PendingValues<K, V> {

  /** Returns the value written for {@code key} but not yet sent to the writer, or {@code null}. */
  V pendingValue(K key);

  /** The hook of caches with nothing pending: always {@code null}. */
  static <K, V> PendingValues<K, V> none() {
    return key -> null;
  }
}
