package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.larder.expiry.FakeTicker;
import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.management.JmxRegistration;
import dev.larder.jcache.management.micrometer.LarderCacheMetrics;
import dev.larder.policy.PolicyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListenerFuture;
import javax.management.MBeanServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The facade feeds the spec's MXBeans, Larder's own MXBean and the Micrometer binder from a real cache:
 * each test runs a scripted workload and reads the figures back through the platform MBeanServer or a
 * Micrometer registry.
 */
class LiveMetricsTest {

  private final CacheManager manager = TestCaches.newManager();
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private static LarderConfiguration<Integer, String> managed() {
    LarderConfiguration<Integer, String> configuration = new LarderConfiguration<>();
    configuration.setTypes(Integer.class, String.class).setStatisticsEnabled(true).setManagementEnabled(true);
    return configuration;
  }

  private Object attribute(Cache<?, ?> cache, JmxRegistration.Kind kind, String name) throws Exception {
    return server.getAttribute(JmxRegistration.objectName(cache, kind), name);
  }

  /** Loads "v" + key, throws for key 13; safe to share between the test and the cache. */
  public static final class NumberLoader implements CacheLoader<Integer, String> {
    @Override
    public String load(Integer key) {
      if (key == 13) {
        throw new IllegalStateException("no value for 13");
      }
      return "v" + key;
    }

    @Override
    public Map<Integer, String> loadAll(Iterable<? extends Integer> keys) {
      Map<Integer, String> values = new java.util.HashMap<>();
      keys.forEach(key -> values.put(key, load(key)));
      return values;
    }
  }

  @Test
  void statisticsMXBeanCountsHitsMissesPutsAndRemovalsOfAWorkload() throws Exception {
    Cache<Integer, String> cache = manager.createCache("spec", managed());
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(3, "c");
    cache.get(1);
    cache.get(2);
    cache.get(9);
    cache.remove(3);
    cache.remove(42);

    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheHits")).isEqualTo(2L);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheMisses")).isEqualTo(1L);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheGets")).isEqualTo(3L);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CachePuts")).isEqualTo(3L);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheRemovals")).isEqualTo(1L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "HitRatio")).isEqualTo(2.0 / 3);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "Size")).isEqualTo(2L);
  }

  @Test
  void configurationMXBeanShowsTheLiveCachesSettings() throws Exception {
    Cache<Integer, String> cache = manager.createCache("config", managed().setStoreByValue(false));

    assertThat(attribute(cache, JmxRegistration.Kind.CONFIGURATION, "KeyType")).isEqualTo("java.lang.Integer");
    assertThat(attribute(cache, JmxRegistration.Kind.CONFIGURATION, "StoreByValue")).isEqualTo(false);
    assertThat(attribute(cache, JmxRegistration.Kind.CONFIGURATION, "StatisticsEnabled")).isEqualTo(true);
  }

  @Test
  void larderMXBeanShowsTheBoundPolicyAndEvictionsOfABoundedCache() throws Exception {
    LarderConfiguration<Integer, String> configuration = managed().setMaximumSize(10).setPolicy(PolicyKind.LRU);
    configuration.setExecutorFactory(() -> Runnable::run);
    LarderCache<Integer, String> cache = manager.createCache("bounded", configuration).unwrap(LarderCache.class);
    for (int i = 0; i < 100; i++) {
      cache.put(i, "v" + i);
    }
    cache.cleanUp();

    long evicted = 100 - cache.estimatedSize();
    assertThat(evicted).isGreaterThanOrEqualTo(90);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "Evictions")).isEqualTo(evicted);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheEvictions")).isEqualTo(evicted);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "Maximum")).isEqualTo(10L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "Policy")).isEqualTo(cache.policyName());
  }

  @Test
  void larderMXBeanCountsExpirationsOnAccessAndByMaintenanceApart() throws Exception {
    FakeTicker ticker = new FakeTicker();
    ConcurrentLinkedQueue<Runnable> maintenance = new ConcurrentLinkedQueue<>();
    LarderConfiguration<Integer, String> configuration = managed();
    configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 5)));
    configuration.setTickerFactory(() -> ticker);
    configuration.setExecutorFactory(() -> maintenance::add);
    LarderCache<Integer, String> cache = manager.createCache("expiring", configuration).unwrap(LarderCache.class);
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(3, "c");
    cache.cleanUp(); // maintenance has taken in the three writes before their deadline passes
    ticker.advance(java.time.Duration.ofSeconds(10));

    assertThat(cache.get(1)).isNull();
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "ExpirationsOnAccess")).isEqualTo(1L);
    cache.cleanUp();

    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "ExpirationsByMaintenance")).isEqualTo(2L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "ExpirationsOnAccess")).isEqualTo(1L);
    assertThat(attribute(cache, JmxRegistration.Kind.STATISTICS, "CacheMisses")).isEqualTo(1L);
  }

  @Test
  void larderMXBeanCountsEveryLoaderCallAndItsFailures() throws Exception {
    LarderConfiguration<Integer, String> configuration = managed();
    configuration.setCacheLoaderFactory(FactoryBuilder.factoryOf(NumberLoader.class)).setReadThrough(true);
    configuration.setExecutorFactory(() -> Runnable::run);
    Cache<Integer, String> cache = manager.createCache("loading", configuration);

    assertThat(cache.get(1)).isEqualTo("v1");
    assertThat(cache.get(1)).isEqualTo("v1");
    assertThatThrownBy(() -> cache.get(13)).isInstanceOf(CacheLoaderException.class);
    assertThat(cache.getAll(Set.of(1, 2, 3))).hasSize(3);
    CompletionListenerFuture done = new CompletionListenerFuture();
    cache.loadAll(Set.of(4, 5), false, done);
    done.get(10, TimeUnit.SECONDS);
    String processed = cache.invoke(6, (entry, args) -> entry.getValue());
    assertThat(processed).isEqualTo("v6");

    // get(1), getAll's one batch for 2 and 3, loadAll's batch, invoke's load; get(13) failed.
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "LoadSuccesses")).isEqualTo(4L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "LoadFailures")).isEqualTo(1L);
    assertThat((double) attribute(cache, JmxRegistration.Kind.LARDER, "AverageLoadMillis")).isPositive();
  }

  @Test
  void larderMXBeanShowsWarmUpProgress() throws Exception {
    LarderConfiguration<Integer, String> configuration = managed();
    configuration.setCacheLoaderFactory(FactoryBuilder.factoryOf(NumberLoader.class));
    configuration.setWarmUpKeysFactory(() -> IntStream.rangeClosed(1, 5).boxed().toList());
    configuration.setWarmUpMode(LarderConfiguration.WarmUpMode.BEFORE_FIRST_USE);
    Cache<Integer, String> cache = manager.createCache("warm", configuration);

    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "WarmUpKeysLoaded")).isEqualTo(5L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "WarmUpKeysTotal")).isEqualTo(5L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "WarmUpDone")).isEqualTo(true);
  }

  @Test
  void larderMXBeanFollowsManagementAndGoesWithTheCache() {
    Cache<Integer, String> cache = manager.createCache("lifecycle", managed());
    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER))).isTrue();

    manager.enableManagement("lifecycle", false);
    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER))).isFalse();

    manager.enableManagement("lifecycle", true);
    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER))).isTrue();

    cache.close();
    assertThat(server.isRegistered(JmxRegistration.objectName(cache, JmxRegistration.Kind.LARDER))).isFalse();
  }

  /** Blocks in writeAll until released; counts deleteAll/writeAll calls. Shared through static fields. */
  public static final class HeldWriter implements CacheWriter<Integer, String> {
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @Override
    public void write(Cache.Entry<? extends Integer, ? extends String> entry) {
      writeAll(new ArrayList<>(List.of(entry)));
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends Integer, ? extends String>> entries) {
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          FAILED.set(true);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        FAILED.set(true);
      }
      entries.clear();
    }

    @Override
    public void delete(Object key) {
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }
  }

  @Test
  void writeBehindBacklogIsVisibleInTheMXBeanWhileTheWriterIsHeld() throws Exception {
    HeldWriter.entered = new CountDownLatch(1);
    HeldWriter.release = new CountDownLatch(1);
    LarderConfiguration<Integer, String> configuration = managed();
    configuration.setCacheWriterFactory(FactoryBuilder.factoryOf(HeldWriter.class)).setWriteThrough(true);
    configuration.setWriteMode(WriteMode.BEHIND);
    configuration.setWriteBehind(new WriteBehindSettings().setFlushDelay(java.time.Duration.ofMillis(1)));
    Cache<Integer, String> cache = manager.createCache("behind", configuration);
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(3, "c");

    assertThat(HeldWriter.entered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "WriteBehindBacklog")).isEqualTo(3L);
    assertThat(attribute(cache, JmxRegistration.Kind.LARDER, "WriteBehindFlushes")).isEqualTo(0L);

    HeldWriter.release.countDown();
    await().atMost(30, TimeUnit.SECONDS).until(
        () -> (long) attribute(cache, JmxRegistration.Kind.LARDER, "WriteBehindBacklog") == 0L);
    assertThat((long) attribute(cache, JmxRegistration.Kind.LARDER, "WriteBehindFlushes")).isPositive();
    assertThat(HeldWriter.FAILED).isFalse();
  }

  @Test
  void micrometerReadsHitsMissesPutsAndSizeOfALiveCache() {
    Cache<Integer, String> cache = manager.createCache("metered", managed());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LarderCacheMetrics.monitor(registry, cache, "app", "shop");
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(3, "c");
    cache.get(1);
    cache.get(2);
    cache.get(7);
    cache.get(8);
    cache.get(9);

    assertThat(registry.get("cache.gets").tag("result", "hit").tag("app", "shop").functionCounter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count()).isEqualTo(3.0);
    assertThat(registry.get("cache.puts").tag("cache", "metered").functionCounter().count()).isEqualTo(3.0);
    assertThat(registry.get("cache.size").gauge().value()).isEqualTo(3.0);
  }
}
