package dev.larder.jcache.spi;

import dev.larder.jcache.LarderCacheManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Larder's JCache {@link CachingProvider}, found through {@link java.util.ServiceLoader}. It keeps one
 * {@link LarderCacheManager} per (URI, class loader) until that manager is closed.
 *
 * <p>Thread-safety: thread-safe. Implementation notes: the manager table is guarded by this provider's
 * monitor, which is held only to look up or change the table, never while a manager is built: a manager
 * opens the caches of its configuration file and may wait for their warm-up, whose loaders may ask this
 * provider for other managers. The table holds, per (class loader, URI), a future that the first caller
 * completes with the manager it builds; later callers for that pair wait on the future, callers for other
 * pairs do not wait at all. A failed build is removed from the table, so the next caller tries again.
 * Class loaders are held weakly (the managers and their caches reach them only through weak references).
 */
public final class LarderCachingProvider implements CachingProvider {

  private static final URI DEFAULT_URI = URI.create("larder:default");

  private final Map<ClassLoader, Map<URI, CompletableFuture<LarderCacheManager>>> managers = new WeakHashMap<>();

  /** Creates the provider; {@link javax.cache.Caching} does this through the service loader. */
  public LarderCachingProvider() {}

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? new Properties() : properties;
    CompletableFuture<LarderCacheManager> placeholder = new CompletableFuture<>();
    CompletableFuture<LarderCacheManager> existing;
    synchronized (this) {
      existing = managers.computeIfAbsent(loader, any -> new HashMap<>()).putIfAbsent(managerUri, placeholder);
    }
    if (existing != null) {
      return await(existing, managerUri);
    }
    // Built outside the provider's lock: opening the configured caches may warm them, and a warm-up
    // loader may itself ask this provider for another manager.
    try {
      LarderCacheManager manager = new LarderCacheManager(this, managerUri, loader, managerProperties, this::forget);
      placeholder.complete(manager);
      return manager;
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        Map<URI, CompletableFuture<LarderCacheManager>> byUri = managers.get(loader);
        if (byUri != null && byUri.remove(managerUri, placeholder) && byUri.isEmpty()) {
          managers.remove(loader);
        }
      }
      placeholder.completeExceptionally(e);
      throw e;
    }
  }

  /** Waits for a manager another thread is building; its failure is this caller's failure too. */
  private static LarderCacheManager await(CompletableFuture<LarderCacheManager> building, URI uri) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return building.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new CacheException("Creating the cache manager for " + uri + " failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LarderCachingProvider.class.getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    for (LarderCacheManager manager : snapshot(null, null)) {
      manager.close();
    }
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    for (LarderCacheManager manager : snapshot(loader, null)) {
      manager.close();
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    for (LarderCacheManager manager : snapshot(loader, managerUri)) {
      manager.close();
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    return feature == OptionalFeature.STORE_BY_REFERENCE;
  }

  /** The managers built (not being built) for {@code loader} and {@code uri}, {@code null} meaning any. */
  private synchronized List<LarderCacheManager> snapshot(ClassLoader loader, URI uri) {
    List<LarderCacheManager> found = new ArrayList<>();
    for (Map.Entry<ClassLoader, Map<URI, CompletableFuture<LarderCacheManager>>> byLoader : managers.entrySet()) {
      if (loader != null && byLoader.getKey() != loader) {
        continue;
      }
      for (Map.Entry<URI, CompletableFuture<LarderCacheManager>> byUri : byLoader.getValue().entrySet()) {
        CompletableFuture<LarderCacheManager> built = byUri.getValue();
        if ((uri == null || byUri.getKey().equals(uri)) && built.isDone() && !built.isCompletedExceptionally()) {
          found.add(built.join());
        }
      }
    }
    return found;
  }

  private synchronized void forget(LarderCacheManager manager) {
    ClassLoader loader = manager.getClassLoader();
    Map<URI, CompletableFuture<LarderCacheManager>> byUri = loader == null ? null : managers.get(loader);
    if (byUri == null) {
      return;
    }
    CompletableFuture<LarderCacheManager> current = byUri.get(manager.getURI());
    if (current != null && current.getNow(null) == manager) {
      byUri.remove(manager.getURI());
      if (byUri.isEmpty()) {
        managers.remove(loader);
      }
    }
  }
}
