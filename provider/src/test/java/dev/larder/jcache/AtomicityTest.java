package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AtomicityTest {

  private static final int THREADS = 8;

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private Cache<String, Integer> cache() {
    return manager.createCache("atomic", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class));
  }

  /** Runs {@code work} on {@link #THREADS} threads released together, and waits for them. */
  private static void race(Runnable work) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        work.run();
      });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Test
  void putIfAbsentHasExactlyOneWinner() throws InterruptedException {
    Cache<String, Integer> cache = cache();
    AtomicInteger winners = new AtomicInteger();
    AtomicInteger ticket = new AtomicInteger();

    race(() -> {
      if (cache.putIfAbsent("k", ticket.incrementAndGet())) {
        winners.incrementAndGet();
      }
    });

    assertThat(winners).hasValue(1);
    assertThat(cache.get("k")).isBetween(1, THREADS);
  }

  @Test
  void compareAndReplaceLosesNoIncrement() throws InterruptedException {
    Cache<String, Integer> cache = cache();
    cache.put("counter", 0);
    int perThread = 500;

    race(() -> {
      for (int i = 0; i < perThread; i++) {
        while (true) {
          Integer current = cache.get("counter");
          if (cache.replace("counter", current, current + 1)) {
            break;
          }
        }
      }
    });

    assertThat(cache.get("counter")).isEqualTo(THREADS * perThread);
  }

  @Test
  void getAndRemoveHandsTheValueToExactlyOneCaller() throws InterruptedException {
    Cache<String, Integer> cache = cache();
    cache.put("k", 1);
    AtomicInteger receivers = new AtomicInteger();

    race(() -> {
      if (cache.getAndRemove("k") != null) {
        receivers.incrementAndGet();
      }
    });

    assertThat(receivers).hasValue(1);
    assertThat(cache.containsKey("k")).isFalse();
  }
}
