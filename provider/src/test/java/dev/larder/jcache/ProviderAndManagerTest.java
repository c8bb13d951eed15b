package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.spi.LarderCachingProvider;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

class ProviderAndManagerTest {

  private final LarderCachingProvider provider = new LarderCachingProvider();
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void providerIsFoundThroughTheServiceLoader() {
    CachingProvider found = Caching.getCachingProvider(LarderCachingProvider.class.getName());

    assertThat(found).isInstanceOf(LarderCachingProvider.class);
    assertThat(found.isSupported(OptionalFeature.STORE_BY_REFERENCE)).isTrue();
  }

  @Test
  void oneManagerPerUriAndClassLoaderUntilClosed() {
    URI uri = URI.create("larder:managers");
    CacheManager first = provider.getCacheManager(uri, loader);

    assertThat(provider.getCacheManager(uri, loader)).isSameAs(first);
    assertThat(provider.getCacheManager(URI.create("larder:other"), loader)).isNotSameAs(first);
    first.close();
    CacheManager second = provider.getCacheManager(uri, loader);
    assertThat(second).isNotSameAs(first);
    assertThat(second.isClosed()).isFalse();
    provider.close();
    assertThat(second.isClosed()).isTrue();
  }

  @Test
  void creatingACacheTwiceFails() {
    CacheManager manager = provider.getCacheManager(URI.create("larder:twice"), loader);
    manager.createCache("c", new MutableConfiguration<>());

    assertThatThrownBy(() -> manager.createCache("c", new MutableConfiguration<>()))
        .isInstanceOf(CacheException.class).hasMessageContaining("'c'");
    manager.close();
  }

  @Test
  void destroyedCacheIsClosedAndForgotten() {
    CacheManager manager = provider.getCacheManager(URI.create("larder:destroy"), loader);
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<>());
    cache.put("k", "v");

    manager.destroyCache("c");

    assertThat(cache.isClosed()).isTrue();
    assertThat(manager.getCache("c")).isNull();
    Cache<String, String> again = manager.createCache("c", new MutableConfiguration<>());
    assertThat(again.containsKey("k")).isFalse();
    manager.close();
  }

  @Test
  void typedLookupOfACacheWithOtherTypesFails() {
    CacheManager manager = provider.getCacheManager(URI.create("larder:types"), loader);
    manager.createCache("c", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));

    assertThat(manager.getCache("c", String.class, Integer.class)).isNotNull();
    assertThatThrownBy(() -> manager.getCache("c", String.class, String.class))
        .isInstanceOf(ClassCastException.class);
    manager.close();
  }

  @Test
  void enablingStatisticsShowsInTheConfiguration() {
    CacheManager manager = provider.getCacheManager(URI.create("larder:stats"), loader);
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<>());

    manager.enableStatistics("c", true);

    assertThat(cache.getConfiguration(MutableConfiguration.class).isStatisticsEnabled()).isTrue();
    cache.put("k", "v");
    cache.get("k");
    cache.get("missing");
    LarderCache<?, ?> larder = cache.unwrap(LarderCache.class);
    assertThat(larder.statistics().getCachePuts()).isEqualTo(1);
    assertThat(larder.statistics().getCacheHits()).isEqualTo(1);
    assertThat(larder.statistics().getCacheMisses()).isEqualTo(1);
    manager.close();
  }
}
