package dev.larder.policy;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * A queue of the key hashes of recently evicted entries, oldest first, with membership tests: what
 * ARC and S3-FIFO remember about entries that are no longer cached. Only hashes are kept, never keys
 * or values; two keys with the same hash share one ghost.
 *
 * <p>Thread-safety: not thread-safe; used under the engine's maintenance lock.
 */
final class GhostList {

  private final LinkedHashSet<Integer> hashes = new LinkedHashSet<>();

  boolean contains(int hash) {
    return hashes.contains(hash);
  }

  /** Appends {@code hash} as the newest ghost (moving it there if present). */
  void addNewest(int hash) {
    hashes.remove(hash);
    hashes.add(hash);
  }

  boolean remove(int hash) {
    return hashes.remove(hash);
  }

  /** Forgets the oldest ghost; does nothing when empty. */
  void removeOldest() {
    Iterator<Integer> it = hashes.iterator();
    if (it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  int size() {
    return hashes.size();
  }
}
