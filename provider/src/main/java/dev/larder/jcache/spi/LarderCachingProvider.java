package dev.larder.jcache.spi;

import dev.larder.jcache.LarderCacheManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Larder's JCache {@link CachingProvider}, found through {@link java.util.ServiceLoader}. It keeps one
 * {@link LarderCacheManager} per (URI, class loader) until that manager is closed.
 *
 * <p>Thread-safety: thread-safe; the manager table is guarded by this provider's monitor (it changes
 * only when managers are created or closed). Class loaders are held weakly.
 */
public final class LarderCachingProvider implements CachingProvider {

  private static final URI DEFAULT_URI = URI.create("larder:default");

  private final Map<ClassLoader, Map<URI, LarderCacheManager>> managers = new WeakHashMap<>();

  /** Creates the provider; {@link javax.cache.Caching} does this through the service loader. */
  public LarderCachingProvider() {}

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? new Properties() : properties;
    synchronized (this) {
      return managers.computeIfAbsent(loader, any -> new HashMap<>())
          .computeIfAbsent(managerUri, any ->
              new LarderCacheManager(this, managerUri, loader, managerProperties, this::forget));
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

  private synchronized List<LarderCacheManager> snapshot(ClassLoader loader, URI uri) {
    List<LarderCacheManager> found = new ArrayList<>();
    for (Map.Entry<ClassLoader, Map<URI, LarderCacheManager>> byLoader : managers.entrySet()) {
      if (loader != null && byLoader.getKey() != loader) {
        continue;
      }
      for (Map.Entry<URI, LarderCacheManager> byUri : byLoader.getValue().entrySet()) {
        if (uri == null || byUri.getKey().equals(uri)) {
          found.add(byUri.getValue());
        }
      }
    }
    return found;
  }

  private synchronized void forget(LarderCacheManager manager) {
    Map<URI, LarderCacheManager> byUri = managers.get(manager.getClassLoader());
    if (byUri != null) {
      byUri.remove(manager.getURI(), manager);
      if (byUri.isEmpty()) {
        managers.remove(manager.getClassLoader());
      }
    }
  }
}
