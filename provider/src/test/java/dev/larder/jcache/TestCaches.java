package dev.larder.jcache;

import dev.larder.jcache.spi.LarderCachingProvider;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;

/** Gives each test a cache manager of its own, so tests never share caches. */
final class TestCaches {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final LarderCachingProvider PROVIDER = new LarderCachingProvider();

  private TestCaches() {}

  static CacheManager newManager() {
    return PROVIDER.getCacheManager(URI.create("larder:test-" + SEQUENCE.incrementAndGet()),
        TestCaches.class.getClassLoader());
  }
}
