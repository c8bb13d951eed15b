package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.expiry.FakeTicker;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.management.CacheStatistics;
import dev.larder.policy.PolicyKind;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineRemovalTest {

  private final FakeTicker ticker = new FakeTicker();
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** Records removed and expired events as "TYPE key". */
  static final class Recorder implements CacheEntryRemovedListener<Integer, Integer>,
      CacheEntryExpiredListener<Integer, Integer>, Serializable {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> batch) {
      batch.forEach(event -> events.add("REMOVED " + event.getKey()));
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> batch) {
      batch.forEach(event -> events.add("EXPIRED " + event.getKey()));
    }
  }

  private LarderCache<Integer, Integer> cache(LarderConfiguration<Integer, Integer> configuration, Recorder recorder) {
    configuration.setTypes(Integer.class, Integer.class)
        .setStatisticsEnabled(true)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            () -> recorder, null, true, true));
    configuration.setTickerFactory(() -> ticker);
    configuration.setExecutorFactory(() -> Runnable::run);
    return manager.createCache("engine", configuration).unwrap(LarderCache.class);
  }

  @Test
  void evictionsAreCountedButFireNoEvent() {
    Recorder recorder = new Recorder();
    LarderCache<Integer, Integer> cache = cache(new LarderConfiguration<Integer, Integer>()
        .setMaximumSize(10).setPolicy(PolicyKind.LRU), recorder);

    for (int i = 0; i < 100; i++) {
      cache.put(i, i);
    }
    cache.cleanUp();

    CacheStatistics statistics = cache.statistics();
    assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10);
    assertThat(statistics.getCacheEvictions()).isEqualTo(100 - cache.estimatedSize());
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void entriesTheEngineExpiresFireExpiredEvents() {
    Recorder recorder = new Recorder();
    LarderConfiguration<Integer, Integer> configuration = new LarderConfiguration<>();
    configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 5)));
    LarderCache<Integer, Integer> cache = cache(configuration, recorder);
    cache.put(1, 1);
    cache.put(2, 2);

    ticker.advance(java.time.Duration.ofSeconds(6));
    cache.cleanUp();

    assertThat(recorder.events).containsExactlyInAnyOrder("EXPIRED 1", "EXPIRED 2");
    assertThat(cache.estimatedSize()).isZero();
  }

  @Test
  void unwrappedCacheReportsTheEngineFigures() {
    LarderCache<Integer, Integer> cache = cache(new LarderConfiguration<Integer, Integer>()
        .setMaximumSize(50).setPolicy(PolicyKind.SIEVE), new Recorder());
    cache.put(1, 1);
    cache.put(2, 2);
    cache.cleanUp();

    assertThat(cache.maximum()).isEqualTo(50);
    assertThat(cache.estimatedSize()).isEqualTo(2);
    assertThat(cache.weightedSize()).isEqualTo(2);
    assertThat(cache.policyName()).containsIgnoringCase("sieve");
  }
}
