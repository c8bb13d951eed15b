package dev.larder.jcache.processor;

import dev.larder.jcache.Unwrapping;
import java.util.Objects;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * The {@link MutableEntry} an {@link javax.cache.processor.EntryProcessor} works on. It records what
 * the processor did as an {@link Action}; the cache applies that action to the store afterwards, in
 * the same atomic step, so the processor's changes are all-or-nothing.
 *
 * <p>Semantics: {@code getValue} on an absent key loads it when the cache is read-through; {@code
 * exists} never loads; {@code setValue} creates or updates; {@code remove} deletes (and undoes a
 * create or load made earlier in the same invocation).
 *
 * <p>Thread-safety: confined to the invoking thread, inside the key's atomic step.
 */
public final class EntryProcessorEntry<K, V> implements MutableEntry<K, V> {

  /** What the processor's calls add up to. */
  public enum Action {
    /** Nothing observable: no read, no change. */
    NONE,
    /** The existing value was read. */
    READ,
    /** An absent value was loaded through the loader. */
    LOADED,
    /** A value was set on an absent key. */
    CREATED,
    /** A value was set on an existing key. */
    UPDATED,
    /** The entry is to be removed (the writer deletes the key even if it was absent). */
    DELETED
  }

  private final K key;
  private final boolean existed;
  private final Function<K, V> loader;
  private V value;
  private Action action = Action.NONE;

  /**
   * Creates the entry for {@code key} whose current value is {@code value} ({@code null}: absent);
   * {@code loader} loads an absent value for {@code getValue}, or is {@code null} without read-through.
   */
  public EntryProcessorEntry(K key, V value, Function<K, V> loader) {
    this.key = key;
    this.value = value;
    this.existed = value != null;
    this.loader = loader;
  }

  /** The processor's net action. */
  public Action action() {
    return action;
  }

  /** The value as the processor left it ({@code null} if removed or absent). */
  public V value() {
    return value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    if (action == Action.NONE) {
      if (value == null && loader != null) {
        value = loader.apply(key);
        if (value != null) {
          action = Action.LOADED;
        }
      } else if (value != null) {
        action = Action.READ;
      }
    }
    return value;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public void remove() {
    value = null;
    action = (action == Action.CREATED || action == Action.LOADED) ? Action.NONE : Action.DELETED;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(newValue, "an entry processor cannot set a null value; use remove()");
    value = newValue;
    action = existed ? Action.UPDATED : Action.CREATED;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return Unwrapping.unwrap(this, type, "A mutable entry");
  }
}
