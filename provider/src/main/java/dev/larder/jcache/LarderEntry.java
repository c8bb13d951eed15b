package dev.larder.jcache;

import java.util.Map;
import java.util.Objects;
import javax.cache.Cache;

/**
 * A key and its value: what the cache's iterator returns (the value as it was when read, a snapshot,
 * not a live view) and what a {@link javax.cache.integration.CacheWriter} is handed. {@link #unwrap}
 * gives the entry itself.
 *
 * <p>Thread-safety: immutable.
 */
public final class LarderEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  /** Creates the entry. */
  public LarderEntry(K key, V value) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
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
    return Unwrapping.unwrap(this, type, "A Larder cache entry");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cache.Entry<?, ?> other && key.equals(other.getKey()) && value.equals(other.getValue());
  }

  @Override
  public int hashCode() {
    return Map.entry(key, value).hashCode();
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
