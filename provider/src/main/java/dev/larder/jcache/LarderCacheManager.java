package dev.larder.jcache;

import dev.larder.config.ConfigFile;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * Larder's {@link CacheManager}: the named caches of one (URI, class loader) pair of a provider.
 *
 * <p>Thread-safety: all methods are thread-safe.
 *
 * <p>Implementation notes: caches live in a {@link ConcurrentHashMap}. {@code createCache} first
 * reserves the name in {@code creating} (so two concurrent calls for one name build one cache, and
 * register its MXBeans once, while the other call fails), then builds and warms the cache outside any
 * lock, and only then puts it in {@code caches}: until its {@code BEFORE_FIRST_USE} warm-up is done,
 * {@code getCache} of that name returns {@code null} (as for a cache that does not exist yet) rather
 * than a cold cache, and a second {@code createCache} fails as for an existing one. A cache that closes
 * itself is removed with {@code remove(name, cache)}, so it never removes a newer cache of the same
 * name. {@code closed} is volatile and only ever goes from false to true (under this object's monitor).
 */
public final class LarderCacheManager implements CacheManager {

  private static final Logger LOG = Logger.getLogger(LarderCacheManager.class.getName());

  private final CachingProvider provider;
  private final Consumer<LarderCacheManager> onClose;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader;
  private final Properties properties;
  private final ConcurrentHashMap<String, LarderCache<?, ?>> caches = new ConcurrentHashMap<>();
  /** Names whose cache is being built and warmed, not yet in {@code caches}. */
  private final ConcurrentHashMap<String, Boolean> creating = new ConcurrentHashMap<>();
  private final ConfigFile config;
  private volatile boolean closed;

  /**
   * Creates a manager; {@code onClose} is told when it closes, so the provider can forget it. Used by
   * {@link dev.larder.jcache.spi.LarderCachingProvider}.
   */
  public LarderCacheManager(CachingProvider provider, URI uri, ClassLoader classLoader,
      Properties properties, Consumer<LarderCacheManager> onClose) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.classLoader = new WeakReference<>(Objects.requireNonNull(classLoader, "classLoader"));
    this.properties = properties == null ? new Properties() : properties;
    this.onClose = onClose;
    this.config = ConfigFile.forManager(uri, provider.getDefaultURI(), classLoader);
    openConfiguredCaches();
  }

  /**
   * Creates the caches the configuration file names. If one fails, the ones already created are closed
   * and the error propagates, so no half-configured manager is ever handed out.
   */
  private void openConfiguredCaches() {
    try {
      config.namedCaches().forEach(this::createCache);
    } catch (RuntimeException e) {
      closed = true;
      for (LarderCache<?, ?> cache : new ArrayList<>(caches.values())) {
        try {
          cache.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      caches.clear();
      throw e;
    }
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    LarderConfiguration<K, V> copy = config.resolve(cacheName, configuration);
    validate(cacheName, copy);
    if (caches.containsKey(cacheName) || creating.putIfAbsent(cacheName, Boolean.TRUE) != null) {
      throw new CacheException("A cache named '" + cacheName + "' already exists in " + uri);
    }
    LarderCache<K, V> created;
    try {
      created = new LarderCache<>(this, cacheName, copy);
      try {
        created.warmUp();
      } catch (RuntimeException | Error e) {
        created.shutdown();
        throw e;
      }
      // Published only now, warm: another thread's getCache sees no cache until then, never a cold one.
      caches.put(cacheName, created);
    } finally {
      creating.remove(cacheName);
    }
    if (closed) {
      // The manager closed while the cache was being built: its close may have missed this cache.
      created.close();
      requireOpen();
    }
    return created;
  }

  private static void validate(String cacheName, CompleteConfiguration<?, ?> configuration) {
    if (configuration.isReadThrough() && configuration.getCacheLoaderFactory() == null) {
      throw new IllegalArgumentException("Cache '" + cacheName + "' is read-through but has no CacheLoader factory");
    }
    if (configuration.isWriteThrough() && configuration.getCacheWriterFactory() == null) {
      throw new IllegalArgumentException("Cache '" + cacheName + "' is write-through but has no CacheWriter factory");
    }
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    LarderCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    Configuration<?, ?> configuration = cache.configurationSnapshot();
    if (!configuration.getKeyType().equals(keyType)) {
      throw new ClassCastException("Cache '" + cacheName + "' has key type "
          + configuration.getKeyType().getName() + ", not " + keyType.getName());
    }
    if (!configuration.getValueType().equals(valueType)) {
      throw new ClassCastException("Cache '" + cacheName + "' has value type "
          + configuration.getValueType().getName() + ", not " + valueType.getName());
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
    return cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    LarderCache<?, ?> cache = caches.remove(cacheName);
    if (cache != null) {
      cache.destroy();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    LarderCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    LarderCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  /** Forgets a cache that closed itself. */
  void release(LarderCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (onClose != null) {
      onClose.accept(this);
    }
    for (LarderCache<?, ?> cache : new ArrayList<>(caches.values())) {
      try {
        cache.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Failed to close cache '" + cache.getName() + "'", e);
      }
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return Unwrapping.unwrap(this, type, "A Larder cache manager");
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The cache manager for " + uri + " is closed");
    }
  }

  @Override
  public String toString() {
    return "LarderCacheManager[" + uri + "]";
  }
}
