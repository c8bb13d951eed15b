package dev.larder.jcache.integration;

import java.util.Map;
import java.util.Objects;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * A configured {@link CacheLoader} whose failures all reach the cache's caller as a {@link
 * CacheLoaderException}, as JCache requires.
 *
 * <p>Thread-safety: as thread-safe as the wrapped loader (JCache requires loaders to be thread-safe).
 */
public final class Loader<K, V> {

  private final CacheLoader<K, V> loader;

  Loader(CacheLoader<K, V> loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The wrapped loader, for closing it with the cache. */
  public CacheLoader<K, V> delegate() {
    return loader;
  }

  /** Loads one value; {@code null} when the system of record has none. */
  public V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader failed to load key " + key + ": " + e, e);
    }
  }

  /** Loads many values; the map may miss keys the system of record does not have. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader failed to load keys: " + e, e);
    }
  }
}
