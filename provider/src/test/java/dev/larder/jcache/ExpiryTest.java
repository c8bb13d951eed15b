package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.expiry.FakeTicker;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {

  private final FakeTicker ticker = new FakeTicker();
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** A policy with fixed creation, access and update durations ({@code null}: unchanged). */
  record Policy(Duration creation, Duration access, Duration update) implements ExpiryPolicy, Serializable {
    @Override
    public Duration getExpiryForCreation() {
      return creation;
    }

    @Override
    public Duration getExpiryForAccess() {
      return access;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return update;
    }
  }

  private Cache<String, String> cache(Policy policy) {
    LarderConfiguration<String, String> configuration = new LarderConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setExpiryPolicyFactory(() -> policy);
    configuration.setTickerFactory(() -> ticker);
    configuration.setExecutorFactory(() -> Runnable::run);
    return manager.createCache("expiry", configuration);
  }

  private static Duration seconds(long n) {
    return new Duration(TimeUnit.SECONDS, n);
  }

  @Test
  void entryExpiresAfterItsCreationDuration() {
    Cache<String, String> cache = cache(new Policy(seconds(10), null, null));
    cache.put("k", "v");

    ticker.advance(java.time.Duration.ofSeconds(9));
    assertThat(cache.get("k")).isEqualTo("v");
    ticker.advance(java.time.Duration.ofSeconds(1));
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void accessDurationRestartsTheClockOnEachRead() {
    Cache<String, String> cache = cache(new Policy(seconds(10), seconds(5), null));
    cache.put("k", "v");

    ticker.advance(java.time.Duration.ofSeconds(8));
    assertThat(cache.get("k")).isEqualTo("v");
    ticker.advance(java.time.Duration.ofSeconds(4));
    assertThat(cache.get("k")).as("read at 8s moved the deadline to 13s").isEqualTo("v");
    ticker.advance(java.time.Duration.ofSeconds(5));
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void updateDurationReplacesTheDeadlineOnWrite() {
    Cache<String, String> cache = cache(new Policy(seconds(10), null, seconds(30)));
    cache.put("k", "v1");
    ticker.advance(java.time.Duration.ofSeconds(9));
    cache.put("k", "v2");

    ticker.advance(java.time.Duration.ofSeconds(20));
    assertThat(cache.get("k")).isEqualTo("v2");
    ticker.advance(java.time.Duration.ofSeconds(10));
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void nullUpdateDurationLeavesTheDeadlineUnchanged() {
    Cache<String, String> cache = cache(new Policy(seconds(10), null, null));
    cache.put("k", "v1");
    ticker.advance(java.time.Duration.ofSeconds(9));
    cache.put("k", "v2");

    ticker.advance(java.time.Duration.ofSeconds(1));
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void zeroCreationDurationStoresNothing() {
    Cache<String, String> cache = cache(new Policy(Duration.ZERO, null, null));
    cache.put("k", "v");

    assertThat(cache.get("k")).isNull();
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void zeroAccessDurationExpiresTheEntryAfterTheRead() {
    Cache<String, String> cache = cache(new Policy(Duration.ETERNAL, Duration.ZERO, null));
    cache.put("k", "v");

    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void expiredEntryIsNeverReturned() {
    Cache<String, String> cache = cache(new Policy(seconds(1), null, null));
    cache.put("k", "v");
    ticker.advance(java.time.Duration.ofSeconds(1));

    assertThat(cache.get("k")).isNull();
    assertThat(cache.containsKey("k")).isFalse();
    assertThat(cache.getAll(java.util.Set.of("k"))).isEmpty();
    assertThat(cache.iterator().hasNext()).isFalse();
    assertThat(cache.getAndPut("k", "w")).as("the expired value is not the previous one").isNull();
  }

  /** Collects expired events. */
  static final class ExpiredListener implements CacheEntryExpiredListener<String, String>, Serializable {
    final List<String> expired = new CopyOnWriteArrayList<>();

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        expired.add(event.getKey() + "=" + event.getOldValue());
      }
    }
  }

  @Test
  void expiredEntryFiresAnExpiredEvent() {
    Cache<String, String> cache = cache(new Policy(seconds(1), null, null));
    ExpiredListener listener = new ExpiredListener();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        () -> listener, null, true, true));
    cache.put("k", "v");
    ticker.advance(java.time.Duration.ofSeconds(2));

    assertThat(cache.get("k")).isNull();
    assertThat(listener.expired).containsExactly("k=v");
  }
}
