package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.spi.LarderCachingProvider;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.integration.CacheLoader;
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

  /** A loader that opens another manager of the test's provider while it loads (set {@code provider} first). */
  public static final class ManagerOpeningLoader implements CacheLoader<Long, String> {
    static volatile LarderCachingProvider provider;

    @Override
    public String load(Long key) {
      CacheManager other = provider.getCacheManager(URI.create("larder:opened-by-a-loader"),
          ProviderAndManagerTest.class.getClassLoader());
      return "value " + key + " from " + other.getURI();
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      Map<Long, String> values = new HashMap<>();
      keys.forEach(key -> values.put(key, load(key)));
      return values;
    }
  }

  @Test
  void warmUpLoaderThatOpensAnotherManagerDoesNotDeadlockTheProvider() throws Exception {
    ManagerOpeningLoader.provider = provider;
    URI uri = URI.create("classpath:jcache/warm-up-opens-another-manager.conf");

    // On a thread of its own, so that a deadlock fails the test instead of hanging the build.
    CompletableFuture<CacheManager> opening = new CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        opening.complete(provider.getCacheManager(uri, loader));
      } catch (Throwable e) {
        opening.completeExceptionally(e);
      }
    });
    opener.setDaemon(true);
    opener.start();
    CacheManager manager = opening.get(60, TimeUnit.SECONDS);

    Cache<Long, String> warmed = manager.getCache("warmed", Long.class, String.class);
    assertThat(warmed.containsKey(1L)).isTrue();
    assertThat(warmed.get(2L)).isEqualTo("value 2 from larder:opened-by-a-loader");
    provider.close();
  }

  /** A loader that tells when it starts and waits for the test's gate. */
  public static final class GatedLoader implements CacheLoader<Long, String> {
    static volatile java.util.concurrent.CountDownLatch started;
    static volatile java.util.concurrent.CountDownLatch gate;

    @Override
    public String load(Long key) {
      started.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "warm " + key;
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      Map<Long, String> values = new HashMap<>();
      keys.forEach(key -> values.put(key, load(key)));
      return values;
    }
  }

  @Test
  void cacheWarmedBeforeFirstUseIsNotVisibleUntilWarm() throws Exception {
    GatedLoader.started = new java.util.concurrent.CountDownLatch(1);
    GatedLoader.gate = new java.util.concurrent.CountDownLatch(1);
    CacheManager manager = provider.getCacheManager(URI.create("larder:warming"), loader);
    dev.larder.jcache.configuration.LarderConfiguration<Long, String> configuration =
        new dev.larder.jcache.configuration.LarderConfiguration<>();
    configuration.setTypes(Long.class, String.class).setCacheLoaderFactory(GatedLoader::new);
    configuration.setWarmUpKeysFactory(() -> java.util.List.of(1L));
    configuration.setWarmUpMode(dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode.BEFORE_FIRST_USE);

    CompletableFuture<Cache<Long, String>> creating = CompletableFuture.supplyAsync(
        () -> manager.createCache("warming", configuration), runnable -> new Thread(runnable).start());
    assertThat(GatedLoader.started.await(60, TimeUnit.SECONDS)).isTrue();

    assertThat(manager.getCache("warming")).isNull();
    assertThatThrownBy(() -> manager.createCache("warming", configuration)).isInstanceOf(CacheException.class);
    GatedLoader.gate.countDown();
    Cache<Long, String> created = creating.get(60, TimeUnit.SECONDS);
    assertThat(manager.getCache("warming", Long.class, String.class)).isSameAs(created);
    assertThat(created.containsKey(1L)).isTrue();
    manager.close();
  }
}
