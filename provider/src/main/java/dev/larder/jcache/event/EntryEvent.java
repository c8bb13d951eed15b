package dev.larder.jcache.event;

import dev.larder.jcache.Unwrapping;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * The {@link CacheEntryEvent} handed to listeners: one entry's key, value and (when the registration
 * asked for it) old value.
 *
 * <p>For {@code REMOVED} and {@code EXPIRED} events {@link #getValue()} returns the old value, as JCache
 * 1.1 asks, and both are {@code null} when the registration does not require old values.
 *
 * <p>Thread-safety: immutable once built; safe to hand to any thread.
 */
final class EntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final transient V value;
  private final transient V oldValue;
  private final boolean oldValueAvailable;

  private EntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue,
      boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
  }

  /**
   * Builds the event one registration sees.
   *
   * @param newValue the value after the mutation ({@code CREATED}, {@code UPDATED}), else ignored
   * @param previous the value before the mutation ({@code UPDATED}, {@code REMOVED}, {@code EXPIRED})
   * @param oldValueRequired whether the registration asked for old values
   */
  static <K, V> EntryEvent<K, V> of(Cache<K, V> source, EventType type, K key, V newValue, V previous,
      boolean oldValueRequired) {
    switch (type) {
      case CREATED:
        return new EntryEvent<>(source, type, key, newValue, null, false);
      case UPDATED:
        return oldValueRequired
            ? new EntryEvent<>(source, type, key, newValue, previous, true)
            : new EntryEvent<>(source, type, key, newValue, null, false);
      case REMOVED:
      case EXPIRED:
        return oldValueRequired
            ? new EntryEvent<>(source, type, key, previous, previous, true)
            : new EntryEvent<>(source, type, key, null, null, false);
      default:
        throw new IllegalArgumentException("unsupported event type: " + type);
    }
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
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(this, clazz, "A cache entry event");
  }

  @Override
  public String toString() {
    return "EntryEvent[" + getEventType() + ", key=" + key + ", value=" + value
        + (oldValueAvailable ? ", oldValue=" + oldValue : "") + "]";
  }
}
