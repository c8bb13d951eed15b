package dev.larder.jcache.integration;

import dev.larder.jcache.management.CacheStatistics;
import java.util.Map;
import java.util.Objects;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * A configured {@link CacheLoader} whose failures all reach the cache's caller as a {@link
 * CacheLoaderException}, as JCache requires, and whose every call is counted and timed in the cache's
 * {@link CacheStatistics} (as a success or a failure) while statistics are enabled; the clock is read
 * only then.
 *
 * <p>Thread-safety: as thread-safe as the wrapped loader (JCache requires loaders to be thread-safe).
 */
public final class Loader<K, V> {

  private final CacheLoader<K, V> loader;
  private final CacheStatistics statistics;

  Loader(CacheLoader<K, V> loader, CacheStatistics statistics) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
  }

  /** The wrapped loader, for closing it with the cache. */
  public CacheLoader<K, V> delegate() {
    return loader;
  }

  /** Loads one value; {@code null} when the system of record has none. */
  public V load(K key) {
    if (!statistics.isEnabled()) {
      return loadOne(key);
    }
    long start = System.nanoTime();
    boolean success = false;
    try {
      V value = loadOne(key);
      success = true;
      return value;
    } finally {
      statistics.recordLoad(System.nanoTime() - start, success);
    }
  }

  private V loadOne(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader failed to load key " + key + ": " + e, e);
    }
  }

  /** Loads many values in one loader call; the map may miss keys the system of record does not have. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    if (!statistics.isEnabled()) {
      return loadMany(keys);
    }
    long start = System.nanoTime();
    boolean success = false;
    try {
      Map<K, V> values = loadMany(keys);
      success = true;
      return values;
    } finally {
      statistics.recordLoad(System.nanoTime() - start, success);
    }
  }

  private Map<K, V> loadMany(Iterable<? extends K> keys) {
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
