package dev.larder.engine;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link EntryTable} of a store without a bound: a {@link ConcurrentHashMap} that holds an entry
 * without a deadline as its bare value, so such a store costs what the map costs.
 *
 * <p>Thread-safety: that of {@link ConcurrentHashMap}.
 */
final class MapTable<K> extends ConcurrentHashMap<K, Object> implements EntryTable<K> {

  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<K> keyIterator() {
    Iterator<K> keys = keySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return keys.hasNext();
      }

      @Override
      public K next() {
        return keys.next();
      }
    };
  }
}
