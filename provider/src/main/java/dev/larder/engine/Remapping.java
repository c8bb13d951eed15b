package dev.larder.engine;

/**
 * One atomic read-modify-write of a key, run by {@link Store#compute} while the key is held.
 *
 * <p>Thread-safety: runs under the key's lock; it must not touch the same store again and should be
 * short (no I/O other than what JCache requires inside the atomic step).
 */
@FunctionalInterface
public interface Remapping<K, V, R> {

  /** Reads and changes {@code slot}; whatever it returns is returned by {@code compute}. */
  R remap(K key, Slot<V> slot);
}
