package dev.larder.engine;

import java.util.Iterator;
import java.util.function.BiFunction;

/**
 * The key-to-entry map under a {@link ConcurrentStore}: a {@link MapTable} (a plain
 * {@code ConcurrentHashMap}, which may hold bare values) for stores without a bound, a
 * {@link NodeTable} (whose entries are the nodes themselves) for bounded stores. The methods mean
 * what they mean on {@code ConcurrentHashMap}.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; reads take no lock.
 */
interface EntryTable<K> {

  /** Returns the entry of {@code key}, or {@code null}. */
  Object get(Object key);

  /**
   * Replaces the entry of {@code key} by what {@code remapping} returns for it (or for {@code null}
   * when absent): {@code null} removes it. Atomic per key.
   */
  Object compute(K key, BiFunction<? super K, ? super Object, ? extends Object> remapping);

  /** Removes the entry of {@code key} if it is {@code entry}; returns whether it did. */
  boolean remove(Object key, Object entry);

  /** Returns the number of entries (an estimate while writers run). */
  long mappingCount();

  /** Returns the keys, weakly consistent: each key present throughout is returned once. */
  Iterator<K> keyIterator();
}
