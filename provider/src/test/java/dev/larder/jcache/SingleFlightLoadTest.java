package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightLoadTest {

  private static final int THREADS = 32;

  /** Released by the test once every caller has missed. */
  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static final AtomicInteger LOADS = new AtomicInteger();

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** A slow loader: it waits on the test's latch before answering. */
  static final class SlowLoader implements CacheLoader<String, String>, Serializable {
    @Override
    public String load(String key) {
      LOADS.incrementAndGet();
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return "value-of-" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  @Test
  void concurrentMissesOfOneKeyShareOneLoad() throws Exception {
    Cache<String, String> cache = manager.createCache("slow", new MutableConfiguration<String, String>()
        .setReadThrough(true)
        .setCacheLoaderFactory(SlowLoader::new));
    List<String> results = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread caller = new Thread(() -> results.add(cache.get("key")));
      callers.add(caller);
      caller.start();
    }
    // Release the loader only once every caller is parked: one inside the loader, the rest waiting.
    org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> callers.stream()
        .allMatch(caller -> caller.getState() == Thread.State.WAITING));
    RELEASE.countDown();
    for (Thread caller : callers) {
      caller.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertThat(results).hasSize(THREADS).containsOnly("value-of-key");
    assertThat(LOADS).hasValue(1);
    assertThat(cache.get("key")).isEqualTo("value-of-key");
  }
}
