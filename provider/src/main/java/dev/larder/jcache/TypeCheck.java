package dev.larder.jcache;

import java.util.Collection;
import java.util.Objects;

/**
 * The argument checks of one cache: nulls are refused with {@link NullPointerException}, keys and
 * values outside the configured runtime types with a {@link ClassCastException} naming both types.
 *
 * <p>Thread-safety: immutable.
 */
final class TypeCheck {

  private final String cacheName;
  private final Class<?> keyType;
  private final Class<?> valueType;

  TypeCheck(String cacheName, Class<?> keyType, Class<?> valueType) {
    this.cacheName = cacheName;
    this.keyType = keyType;
    this.valueType = valueType;
  }

  void key(Object key) {
    Objects.requireNonNull(key, "key");
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("Cache '" + cacheName + "' holds keys of type " + keyType.getName()
          + ", not " + key.getClass().getName());
    }
  }

  void keys(Collection<?> keys) {
    Objects.requireNonNull(keys, "keys");
    for (Object key : keys) {
      key(key);
    }
  }

  void entry(Object key, Object value) {
    key(key);
    Objects.requireNonNull(value, "value");
    value(key, value);
  }

  /** Checks a non-null value's type (also used on what loaders and entry processors produce). */
  void value(Object key, Object value) {
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("Cache '" + cacheName + "' holds values of type " + valueType.getName()
          + ", but key " + key + " was given a " + value.getClass().getName());
    }
  }
}
