package dev.larder.engine;

import static dev.larder.engine.StoreTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.policy.PolicyKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real threads released together write disjoint keys (and read each other's). The weighted size, which
 * the store publishes at the end of each maintenance cycle, is sampled after every write and in every
 * listener call and must never exceed the bound; at the end nothing is lost: every key inserted is
 * either still present or was reported evicted.
 */
class ConcurrentBoundTest {

  private static final int THREADS = 4;
  private static final int WRITES_PER_THREAD = 20_000;

  @ParameterizedTest
  @EnumSource(PolicyKind.class)
  void entryBoundHoldsAfterEveryMaintenanceWithConcurrentWriters(PolicyKind kind) throws Exception {
    runWriters(kind, false, true);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void weightBoundHoldsAfterEveryMaintenanceWithConcurrentWriters(boolean callerRuns) throws Exception {
    runWriters(PolicyKind.W_TINYLFU, true, callerRuns);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void entryBoundHoldsWithMaintenanceOnAPool(boolean weighted) throws Exception {
    runWriters(PolicyKind.LRU, weighted, false);
  }

  private static void runWriters(PolicyKind kind, boolean weighted, boolean callerRuns) throws Exception {
    long maximum = weighted ? 5_000 : 500;
    AtomicLong evicted = new AtomicLong();
    AtomicLong violations = new AtomicLong();
    AtomicLong maxSeen = new AtomicLong();
    Store<Integer, Integer>[] holder = new Store[1];
    ExecutorService maintenancePool = Executors.newSingleThreadExecutor();
    StoreBuilder<Integer, Integer> builder = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(kind)
        .executor(callerRuns ? Runnable::run : maintenancePool)
        .listener((key, value, cause) -> {
          evicted.incrementAndGet();
          long size = holder[0].weightedSize();
          maxSeen.accumulateAndGet(size, Math::max);
          if (size > maximum) {
            violations.incrementAndGet();
          }
        });
    if (weighted) {
      builder.maximumWeight(maximum).weigher((key, value) -> 1 + (key & 15));
    } else {
      builder.maximumSize(maximum);
    }
    Store<Integer, Integer> store = builder.build();
    holder[0] = store;

    ExecutorService writers = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(writers.submit(() -> {
          start.await();
          SplittableRandom random = new SplittableRandom(thread);
          for (int i = 0; i < WRITES_PER_THREAD; i++) {
            int key = i * THREADS + thread;
            put(store, key, key);
            store.get(random.nextInt(Math.max(1, key)));
            long size = store.weightedSize();
            maxSeen.accumulateAndGet(size, Math::max);
            if (size > maximum) {
              violations.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      writers.shutdown();
    }
    maintenancePool.shutdown();
    assertThat(maintenancePool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    store.cleanUp();

    assertThat(violations.get()).as("samples over the bound (max seen %d)", maxSeen.get()).isZero();
    assertThat(store.weightedSize()).isLessThanOrEqualTo(maximum);
    long remaining = 0;
    long remainingWeight = 0;
    for (Iterator<Integer> it = store.keys(); it.hasNext(); ) {
      int key = it.next();
      remaining++;
      remainingWeight += weighted ? 1 + (key & 15) : 1;
    }
    assertThat(remaining + evicted.get()).as("every insert is present or reported").isEqualTo((long) THREADS * WRITES_PER_THREAD);
    assertThat(store.weightedSize()).isEqualTo(remainingWeight);
    assertThat(store.estimatedSize()).isEqualTo(remaining);
  }
}
