package dev.larder.jcache.management.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.larder.jcache.management.CacheMetricsSource;
import dev.larder.jcache.management.CacheStatistics;
import dev.larder.jcache.management.LarderCacheMonitor;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LarderCacheMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheStatistics statistics = new CacheStatistics();
  private final MapSource source = new MapSource();
  private final LarderCacheMonitor monitor = new LarderCacheMonitor(source, statistics);

  @BeforeEach
  void bind() {
    statistics.setEnabled(true);
    LarderCacheMetrics.monitor(registry, cache(URI.create("larder://metrics"), "books"), monitor, "app", "shop");
  }

  /**
   * A scripted workload over a map-backed stand-in: every get is a hit or a miss by whether the key is
   * present, every miss loads, and the statistics are fed the way the facade feeds them.
   */
  private void runWorkload() {
    put(1, "a");
    put(2, "b");
    put(3, "c");
    get(1);
    get(2);
    get(1);
    get(4);
    get(5);
    remove(3);
    statistics.recordEvictions(1);
    statistics.recordExpiredOnAccess(1);
    statistics.recordExpiredByMaintenance(2);
    source.backlog = 4;
    source.flushes = 1;
    source.retries = 1;
  }

  private void put(int key, String value) {
    source.entries.put(key, value);
    statistics.recordPuts(1);
  }

  private void get(int key) {
    if (source.entries.containsKey(key)) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
      statistics.recordLoad(TimeUnit.MILLISECONDS.toNanos(key), key != 5);
    }
  }

  private void remove(int key) {
    source.entries.remove(key);
    statistics.recordRemovals(1);
  }

  @Test
  void getsArePublishedAsHitsAndMisses() {
    runWorkload();

    assertThat(registry.get("cache.gets").tag("result", "hit").functionCounter().count()).isEqualTo(3.0);
    assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count()).isEqualTo(2.0);
  }

  @Test
  void putsRemovalsEvictionsAndSizeArePublished() {
    runWorkload();

    assertThat(registry.get("cache.puts").functionCounter().count()).isEqualTo(3.0);
    assertThat(registry.get("cache.removals").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.evictions").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.size").gauge().value()).isEqualTo(2.0);
    assertThat(registry.get("cache.weight").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void loadsArePublishedByResultWithTheirDuration() {
    runWorkload();

    assertThat(registry.get("cache.load").tag("result", "success").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.load").tag("result", "failure").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.load.duration").timeGauge().value(TimeUnit.MILLISECONDS))
        .isCloseTo(9.0, within(1e-9));
  }

  @Test
  void expirationsArePublishedByCause() {
    runWorkload();

    assertThat(registry.get("cache.expirations").tag("cause", "access").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.expirations").tag("cause", "maintenance").functionCounter().count())
        .isEqualTo(2.0);
  }

  @Test
  void writeBehindIsPublished() {
    runWorkload();

    assertThat(registry.get("cache.writebehind.backlog").gauge().value()).isEqualTo(4.0);
    assertThat(registry.get("cache.writebehind.flushes").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.writebehind.retries").functionCounter().count()).isEqualTo(1.0);
  }

  @Test
  void maximumIsTaggedWithThePolicy() {
    assertThat(registry.get("cache.maximum").tag("policy", "LRU").gauge().value()).isEqualTo(100.0);
  }

  @Test
  void everyMeterIsTaggedWithCacheManagerAndExtraTags() {
    assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> assertThat(meter.getId().getTags())
        .containsAll(Tags.of("cache", "books", "cacheManager", "larder://metrics", "app", "shop")));
    assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).contains(
        "cache.gets", "cache.puts", "cache.evictions", "cache.size", "cache.removals", "cache.load",
        "cache.load.duration");
  }

  @Test
  void countersFollowTheStatisticsAfterClear() {
    runWorkload();
    statistics.clear();

    assertThat(registry.get("cache.gets").tag("result", "hit").functionCounter().count()).isZero();
    assertThat(registry.get("cache.load.duration").timeGauge().value(TimeUnit.NANOSECONDS)).isZero();
  }

  private static Cache<?, ?> cache(URI managerUri, String name) {
    CacheManager manager = (CacheManager) Proxy.newProxyInstance(LarderCacheMetricsTest.class.getClassLoader(),
        new Class<?>[] {CacheManager.class}, (proxy, method, args) -> {
          if (method.getName().equals("getURI")) {
            return managerUri;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return (Cache<?, ?>) Proxy.newProxyInstance(LarderCacheMetricsTest.class.getClassLoader(),
        new Class<?>[] {Cache.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getName":
              return name;
            case "getCacheManager":
              return manager;
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  /** A metrics source over a plain map standing in for the cache's contents; bounded at 100 under LRU. */
  private static final class MapSource implements CacheMetricsSource {
    final Map<Integer, String> entries = new HashMap<>();
    volatile long backlog;
    volatile long flushes;
    volatile long retries;

    @Override
    public long estimatedSize() {
      return entries.size();
    }

    @Override
    public long weightedSize() {
      return entries.size();
    }

    @Override
    public long maximum() {
      return 100;
    }

    @Override
    public String policyName() {
      return "LRU";
    }

    @Override
    public long writeBehindBacklog() {
      return backlog;
    }

    @Override
    public long writeBehindFlushes() {
      return flushes;
    }

    @Override
    public long writeBehindRetries() {
      return retries;
    }
  }
}
