package dev.larder.config;

import java.util.List;
import javax.cache.configuration.Factory;

/**
 * The factory of a {@code warm-up.keys} list: the keys the file lists, already converted to the
 * cache's key type.
 *
 * <p>Thread-safety: immutable.
 */
record KeyListFactory<K>(List<K> keys) implements Factory<Iterable<K>> {

  private static final long serialVersionUID = 1L;

  KeyListFactory {
    keys = List.copyOf(keys);
  }

  @Override
  public Iterable<K> create() {
    return keys;
  }
}
