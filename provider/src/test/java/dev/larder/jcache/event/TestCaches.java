package dev.larder.jcache.event;

import java.lang.reflect.Proxy;
import javax.cache.Cache;

/** Builds a stand-in {@link Cache} that answers only {@code getName()}, enough to be an event's source. */
final class TestCaches {

  private TestCaches() {
  }

  @SuppressWarnings("unchecked")
  static <K, V> Cache<K, V> named(String name) {
    return (Cache<K, V>) Proxy.newProxyInstance(TestCaches.class.getClassLoader(), new Class<?>[] {Cache.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getName":
              return name;
            case "toString":
              return "TestCache[" + name + "]";
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
