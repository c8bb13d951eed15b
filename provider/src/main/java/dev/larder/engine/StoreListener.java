package dev.larder.engine;

/**
 * Told of the entries that the engine removes on its own: expired entries that maintenance finds and
 * victims of the eviction policy.
 *
 * <p>Thread-safety: called on the thread that runs maintenance, after the removal and outside any
 * per-key lock; calls for one key come in the order the removals happened.
 */
@FunctionalInterface
public interface StoreListener<K, V> {

  /** Called once per removed entry. */
  void onRemoval(K key, V value, RemovalCause cause);
}
