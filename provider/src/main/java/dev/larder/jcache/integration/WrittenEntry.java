package dev.larder.jcache.integration;

import javax.cache.Cache;

/**
 * The entry handed to a {@link javax.cache.integration.CacheWriter}: an immutable key/value pair.
 *
 * <p>Thread-safety: immutable.
 */
public final class WrittenEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  /** Creates the entry. */
  public WrittenEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("A written entry cannot be unwrapped to " + type.getName());
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
