package dev.larder.jcache;

import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * The cache's iterator: walks the engine's weakly consistent key iterator and reads each key as it
 * goes, skipping keys that have gone or expired. Each entry returned counts as a hit and an access;
 * {@link #remove()} removes through the cache (writer, event, statistics).
 *
 * <p>Thread-safety: like every iterator, for one thread; it never throws on concurrent change.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private final LarderCache<K, V> cache;
  private final Iterator<K> keys;
  private Cache.Entry<K, V> next;
  private Cache.Entry<K, V> last;

  EntryIterator(LarderCache<K, V> cache, Iterator<K> keys) {
    this.cache = cache;
    this.keys = keys;
  }

  @Override
  public boolean hasNext() {
    while (next == null && keys.hasNext()) {
      next = cache.iterationEntry(keys.next());
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    last = next;
    next = null;
    return last;
  }

  @Override
  public void remove() {
    if (last == null) {
      throw new IllegalStateException("next() has not been called, or remove() was already called");
    }
    cache.iterationRemove(last.getKey());
    last = null;
  }
}
