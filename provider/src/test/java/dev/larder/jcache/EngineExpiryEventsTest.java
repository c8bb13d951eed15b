package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.expiry.FakeTicker;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events for entries the engine expires during maintenance, which may run on a caller's thread. */
class EngineExpiryEventsTest {

  private final FakeTicker ticker = new FakeTicker();
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private LarderCache<String, Integer> cache(MutableCacheEntryListenerConfiguration<String, Integer> listener) {
    LarderConfiguration<String, Integer> configuration = new LarderConfiguration<>();
    configuration.setTypes(String.class, Integer.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 1)))
        .addCacheEntryListenerConfiguration(listener);
    configuration.setTickerFactory(() -> ticker);
    configuration.setExecutorFactory(() -> Runnable::run);
    return manager.createCache("expiring", configuration).unwrap(LarderCache.class);
  }

  /** A synchronous listener that fails on the creation of key "b". */
  static final class FailsOnB implements CacheEntryCreatedListener<String, Integer>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      for (CacheEntryEvent<? extends String, ? extends Integer> event : events) {
        if (event.getKey().equals("b")) {
          throw new IllegalStateException("listener refuses b");
        }
      }
    }
  }

  @Test
  void callersListenerFailureReachesItEvenWhenItsThreadRunsMaintenanceThatExpiresEntries() {
    LarderCache<String, Integer> cache = cache(new MutableCacheEntryListenerConfiguration<>(
        FailsOnB::new, null, false, true));
    cache.put("a", 1);
    ticker.advance(java.time.Duration.ofSeconds(2));

    assertThatThrownBy(() -> cache.put("b", 2)).isInstanceOf(CacheEntryListenerException.class)
        .hasRootCauseMessage("listener refuses b");
    assertThat(cache.containsKey("a")).isFalse();
  }

  /** Records every event as (type, key, value), value being the old value for removals and expiries. */
  static final class Recorder implements CacheEntryCreatedListener<String, Integer>,
      CacheEntryUpdatedListener<String, Integer>, CacheEntryRemovedListener<String, Integer>,
      CacheEntryExpiredListener<String, Integer>, Serializable {
    final Map<String, List<String>> byKey = new ConcurrentHashMap<>();

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      for (CacheEntryEvent<? extends String, ? extends Integer> event : events) {
        Integer value = switch (event.getEventType()) {
          case REMOVED, EXPIRED -> event.getOldValue();
          default -> event.getValue();
        };
        byKey.computeIfAbsent(event.getKey(), any -> new CopyOnWriteArrayList<>())
            .add(event.getEventType() + " " + value);
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }
  }

  /**
   * Replays one key's events and returns the first that ends a value other than the live one while a
   * newer value is live (an {@code EXPIRED} of an old value after the {@code CREATED} of a newer one
   * that was never removed), or {@code null} when the sequence is valid.
   */
  private static String firstOutOfOrder(List<String> events) {
    String live = null;
    for (String event : events) {
      String[] parts = event.split(" ");
      switch (parts[0]) {
        case "CREATED", "UPDATED" -> live = parts[1];
        default -> {
          if (live != null && !live.equals(parts[1])) {
            return event + " while " + live + " is live, in " + events;
          }
          live = null;
        }
      }
    }
    return null;
  }

  @Test
  void maintenanceExpiryIsNeverPublishedAfterTheCreationOfANewerValue() throws InterruptedException {
    Recorder recorder = new Recorder();
    LarderCache<String, Integer> cache = cache(new MutableCacheEntryListenerConfiguration<>(
        () -> recorder, null, true, true));
    List<String> keys = List.of("k0", "k1", "k2", "k3");
    AtomicInteger values = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      threads.add(new Thread(() -> {
        awaitQuietly(start);
        while (!stop.get()) {
          for (String key : keys) {
            cache.put(key, values.incrementAndGet());
          }
        }
      }));
    }
    Thread maintenance = new Thread(() -> {
      awaitQuietly(start);
      int seen = values.get();
      for (int round = 0; round < 1_000; round++) {
        // Each round waits for the writers to have put something since the last one, so the rounds
        // interleave with writes however the two cores schedule the threads.
        while (values.get() == seen) {
          Thread.onSpinWait();
        }
        seen = values.get();
        ticker.advance(java.time.Duration.ofMillis(700));
        cache.cleanUp();
      }
      stop.set(true);
    });
    threads.add(maintenance);
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
    }

    assertThat(stop).isTrue();
    assertThat(recorder.byKey.values().stream().mapToLong(
        events -> events.stream().filter(e -> e.startsWith("EXPIRED")).count()).sum()).isPositive();
    for (List<String> events : recorder.byKey.values()) {
      assertThat(firstOutOfOrder(events)).isNull();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
