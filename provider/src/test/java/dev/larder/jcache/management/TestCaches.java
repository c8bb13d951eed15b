package dev.larder.jcache.management;

import java.lang.reflect.Proxy;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;

/**
 * Builds stand-in caches that answer {@code getName()}, {@code getCacheManager().getURI()} and
 * {@code getConfiguration(..)}, which is all the management classes read.
 */
final class TestCaches {

  private TestCaches() {
  }

  static Cache<?, ?> cache(URI managerUri, String name, CompleteConfiguration<?, ?> configuration) {
    CacheManager manager = (CacheManager) Proxy.newProxyInstance(TestCaches.class.getClassLoader(),
        new Class<?>[] {CacheManager.class}, (proxy, method, args) -> {
          if (method.getName().equals("getURI")) {
            return managerUri;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return (Cache<?, ?>) Proxy.newProxyInstance(TestCaches.class.getClassLoader(), new Class<?>[] {Cache.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getName":
              return name;
            case "getCacheManager":
              return manager;
            case "getConfiguration":
              Class<?> wanted = (Class<?>) args[0];
              if (wanted.isInstance(configuration) && Configuration.class.isAssignableFrom(wanted)) {
                return configuration;
              }
              throw new IllegalArgumentException(wanted.getName());
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
