package dev.larder.jcache;

import java.util.Objects;

/**
 * The one {@code unwrap} rule of Larder's JCache objects (cache, manager, entries, events): an object
 * unwraps to any type it is an instance of, and otherwise refuses with an error naming what it is and
 * the type asked for.
 *
 * <p>Thread-safety: stateless.
 */
public final class Unwrapping {

  private Unwrapping() {}

  /** Returns {@code self} as a {@code type}, or throws {@link IllegalArgumentException} naming {@code what} it is. */
  public static <T> T unwrap(Object self, Class<T> type, String what) {
    Objects.requireNonNull(type, "type");
    if (type.isInstance(self)) {
      return type.cast(self);
    }
    throw new IllegalArgumentException(what + " cannot be unwrapped to " + type.getName());
  }
}
