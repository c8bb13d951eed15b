package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenerOrderingTest {

  private static final int THREADS = 4;
  private static final int UPDATES_PER_THREAD = 250;

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /** Records the new value of every created or updated event, in arrival order. */
  static final class Recorder implements CacheEntryCreatedListener<String, Integer>,
      CacheEntryUpdatedListener<String, Integer>, Serializable {
    final List<Integer> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(event -> seen.add(event.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(event -> seen.add(event.getValue()));
    }
  }

  @Test
  void updatesOfOneKeyReachSyncAndAsyncListenersInMutationOrder() throws InterruptedException {
    Cache<String, Integer> cache = manager.createCache("ordered", new MutableConfiguration<String, Integer>());
    Recorder sync = new Recorder();
    Recorder async = new Recorder();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> sync, null, false, true));
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> async, null, false, false));

    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread writer = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < UPDATES_PER_THREAD; i++) {
          // Each step reads and increments atomically, so the values written are 1, 2, 3... in order.
          cache.invoke("counter", (entry, args) -> {
            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
            return null;
          });
        }
      });
      writers.add(writer);
      writer.start();
    }
    start.countDown();
    for (Thread writer : writers) {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    }

    List<Integer> expected = IntStream.rangeClosed(1, THREADS * UPDATES_PER_THREAD).boxed().toList();
    assertThat(sync.seen).containsExactlyElementsOf(expected);
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> async.seen.size() == expected.size());
    assertThat(async.seen).containsExactlyElementsOf(expected);
  }
}
