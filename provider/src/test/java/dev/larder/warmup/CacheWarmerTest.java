package dev.larder.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CompletionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the warmer against a minimal cache whose {@code loadAll} calls the loader either on
 * the caller's thread or on an executor (as a real cache may); the facade tests cover real caches.
 */
class CacheWarmerTest {

  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private final ExecutorService completions = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() throws InterruptedException {
    background.shutdownNow();
    completions.shutdownNow();
    assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(completions.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private static Factory<Iterable<Long>> keys(long count) {
    List<Long> keys = LongStream.range(0, count).boxed().toList();
    return () -> keys;
  }

  @Test
  void beforeFirstUseLoadsEveryKeyInBatchesBeforeReturning() {
    CountingLoader loader = new CountingLoader();
    FakeCache cache = new FakeCache("users", loader, Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(250), WarmUpMode.BEFORE_FIRST_USE, background, 100);

    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getFailure()).isNull();
    assertThat(progress.getKeysTotal()).isEqualTo(250);
    assertThat(progress.getKeysLoaded()).isEqualTo(250);
    assertThat(loader.batchSizes).containsExactly(100, 100, 50);
    assertThat(cache.data).hasSize(250).containsEntry(7L, "value-7");
  }

  @Test
  void beforeFirstUseWaitsForBatchesCompletedOnOtherThreads() {
    CountingLoader loader = new CountingLoader();
    FakeCache cache = new FakeCache("users", loader, completions);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(1000), WarmUpMode.BEFORE_FIRST_USE, background, 64);

    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getKeysLoaded()).isEqualTo(1000);
    assertThat(cache.data).hasSize(1000);
    assertThat(cache.mostBatchesAtOnce.get()).as("one batch at a time").isEqualTo(1);
  }

  @Test
  void backgroundWarmingReturnsAtOnceAndCompletesOnTheExecutor() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    CountingLoader loader = new CountingLoader(gate);
    FakeCache cache = new FakeCache("users", loader, Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(30), WarmUpMode.BACKGROUND, background, 10);

    assertThat(progress.isDone()).isFalse();
    assertThat(loader.keysLoaded.get()).isZero();
    gate.countDown();
    assertThat(progress.awaitDone(30, TimeUnit.SECONDS)).isTrue();
    assertThat(progress.getKeysLoaded()).isEqualTo(30);
    assertThat(progress.getKeysTotal()).isEqualTo(30);
    assertThat(loader.keysLoaded.get()).isEqualTo(30);
    assertThat(loader.threads).allMatch(name -> !name.equals(Thread.currentThread().getName()));
  }

  @Test
  void backgroundProgressIsVisibleWhileWarming() {
    CountDownLatch firstBatchDone = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    CountingLoader loader = new CountingLoader() {
      @Override
      public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
        if (batchSizes.size() == 1) {
          firstBatchDone.countDown();
          awaitGate(gate);
        }
        return super.loadAll(keys);
      }
    };
    FakeCache cache = new FakeCache("users", loader, Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(30), WarmUpMode.BACKGROUND, background, 10);

    await().atMost(30, TimeUnit.SECONDS).until(() -> progress.getKeysLoaded() == 10);
    assertThat(progress.isDone()).isFalse();
    gate.countDown();
    await().atMost(30, TimeUnit.SECONDS).until(progress::isDone);
    assertThat(progress.getKeysLoaded()).isEqualTo(30);
  }

  @Test
  void failedBatchStopsWarmingAndIsReported() {
    AtomicInteger calls = new AtomicInteger();
    CountingLoader loader = new CountingLoader() {
      @Override
      public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
        if (calls.incrementAndGet() == 2) {
          throw new javax.cache.integration.CacheLoaderException("database down");
        }
        return super.loadAll(keys);
      }
    };
    FakeCache cache = new FakeCache("users", loader, Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(30), WarmUpMode.BEFORE_FIRST_USE, background, 10);

    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getFailure()).contains("database down");
    assertThat(progress.getKeysLoaded()).isEqualTo(10);
    assertThat(calls.get()).as("no batch after the failed one").isEqualTo(2);
  }

  @Test
  void cacheWithoutALoaderIsReportedAndDone() {
    FakeCache cache = new FakeCache("users", null, Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(5), WarmUpMode.BEFORE_FIRST_USE, background, 10);

    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getFailure()).contains("no loader");
  }

  @Test
  void closedCacheStopsWarming() {
    CountingLoader loader = new CountingLoader();
    FakeCache cache = new FakeCache("users", loader, Runnable::run);
    cache.closed = true;

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), keys(5), WarmUpMode.BEFORE_FIRST_USE, background, 10);

    assertThat(progress.getFailure()).contains("closed");
    assertThat(loader.batchSizes).isEmpty();
  }

  @Test
  void noKeySourceMeansNothingToDo() {
    FakeCache cache = new FakeCache("users", new CountingLoader(), Runnable::run);

    WarmUpProgress progress = CacheWarmer.warm(cache.proxy(), null, WarmUpMode.BACKGROUND, background);

    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getKeysTotal()).isZero();
  }

  @Test
  void valuesAlreadyPresentAreNotReplaced() {
    CountingLoader loader = new CountingLoader();
    FakeCache cache = new FakeCache("users", loader, Runnable::run);

    CacheWarmer.warm(cache.proxy(), keys(3), WarmUpMode.BEFORE_FIRST_USE, background);

    assertThat(cache.replaceFlags).containsOnly(false);
  }

  @Test
  void nonPositiveBatchSizeIsRejected() {
    FakeCache cache = new FakeCache("users", new CountingLoader(), Runnable::run);

    assertThatThrownBy(() -> CacheWarmer.warm(cache.proxy(), keys(3), WarmUpMode.BACKGROUND, background, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize must be positive");
  }

  private static void awaitGate(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counts what it loads; optionally waits at a gate before each batch. */
  static class CountingLoader implements CacheLoader<Long, String> {
    final AtomicInteger keysLoaded = new AtomicInteger();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate;

    CountingLoader() {
      this(new CountDownLatch(0));
    }

    CountingLoader(CountDownLatch gate) {
      this.gate = gate;
    }

    @Override
    public String load(Long key) {
      return "value-" + key;
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      CacheWarmerTest.awaitGate(gate);
      threads.add(Thread.currentThread().getName());
      Map<Long, String> result = new HashMap<>();
      keys.forEach(k -> result.put(k, load(k)));
      batchSizes.add(result.size());
      keysLoaded.addAndGet(result.size());
      return result;
    }
  }

  /** Just enough of a Cache for the warmer: name, closed flag, configuration and loadAll. */
  static final class FakeCache {
    final Map<Long, String> data = new ConcurrentHashMap<>();
    final List<Boolean> replaceFlags = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostBatchesAtOnce = new AtomicInteger();
    volatile boolean closed;
    private final String name;
    private final CacheLoader<Long, String> loader;
    private final Executor completer;
    private final LarderConfiguration<Long, String> configuration = new LarderConfiguration<>();

    FakeCache(String name, CacheLoader<Long, String> loader, Executor completer) {
      this.name = name;
      this.loader = loader;
      this.completer = completer;
      if (loader != null) {
        configuration.setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader));
      }
    }

    @SuppressWarnings("unchecked")
    Cache<Long, String> proxy() {
      return (Cache<Long, String>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Cache.class},
          (self, method, args) -> switch (method.getName()) {
            case "getName" -> name;
            case "isClosed" -> closed;
            case "getConfiguration" -> configuration;
            case "loadAll" -> {
              loadAll((Set<Long>) args[0], (Boolean) args[1], (CompletionListener) args[2]);
              yield null;
            }
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    private void loadAll(Set<Long> keys, boolean replace, CompletionListener listener) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      replaceFlags.add(replace);
      mostBatchesAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      completer.execute(() -> {
        try {
          Map<Long, String> loaded = loader.loadAll(keys);
          loaded.forEach(replace ? data::put : data::putIfAbsent);
          running.decrementAndGet();
          listener.onCompletion();
        } catch (RuntimeException e) {
          running.decrementAndGet();
          listener.onException(e);
        }
      });
    }
  }
}
