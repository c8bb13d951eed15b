package dev.larder.engine;

import java.util.Iterator;

/**
 * The engine beneath the JCache facade: a concurrent map from keys to values that may be bounded (by
 * entry count or by weight) and whose entries may carry deadlines. It knows nothing of JCache.
 *
 * <p>Thread-safety: every method may be called from any thread. Reads take no lock; each
 * {@link #compute} is atomic for its key; eviction and expiry happen during maintenance, which runs
 * on the configured executor or, with {@link #cleanUp()}, on the caller.
 */
public interface Store<K, V> {

  /**
   * Returns the live value of {@code key}, or {@code null}; records the read for the eviction policy.
   * An entry whose deadline has passed is never returned, even before maintenance removes it.
   */
  V get(K key);

  /** Like {@link #get} but not recorded as an access: for {@code containsKey}, iteration and peeks. */
  V peek(K key);

  /** Runs {@code remapping} atomically for {@code key} and returns its result. */
  <R> R compute(K key, Remapping<K, V, R> remapping);

  /**
   * Replaces the value of {@code key} in place when it maps to a live entry without a deadline in a
   * store bounded by entry count: the cheap path of a plain update, which runs no remapping, allocates
   * nothing and tells the policy of an access, as {@link #compute} does for such a change. Returns
   * {@code false}, changing nothing, when that does not apply (the key is absent or expired, its entry
   * has a deadline, the store is unbounded or bounded by weight); the caller then uses
   * {@link #compute}.
   */
  boolean replaceInPlace(K key, V value);

  /** Returns a weakly consistent iterator over the keys; it never throws on concurrent change. */
  Iterator<K> keys();

  /** Removes every entry without telling the listener. */
  void clear();

  /** Runs pending maintenance now on the calling thread: expiry, buffered policy updates, eviction. */
  void cleanUp();

  /** Returns the number of entries, counting expired ones that maintenance has not yet removed. */
  long estimatedSize();

  /** Returns the total weight of the entries, or the entry count when there is no weigher. */
  long weightedSize();

  /** Returns the bound (entries, or weight with a weigher), or {@code -1} when unbounded. */
  long maximum();

  /** Returns the name of the eviction policy, or {@code "none"} when unbounded. */
  String policyName();
}
