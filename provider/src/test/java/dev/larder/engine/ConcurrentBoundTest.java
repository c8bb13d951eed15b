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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real threads released together write disjoint keys (and read each other's). The weighted size, which
 * the store publishes at the end of each maintenance cycle, is sampled after every write and in every
 * listener call and must never exceed the bound; at the end nothing is lost: every key inserted is
 * either still present or was reported evicted. With hot readers, 50 more keys are stored first and
 * two more threads read them over and over, from before the writers start until they finish, so
 * W-TinyLFU marks them quiet and readers mark them read while maintenance demotes and evicts around
 * them.
 */
class ConcurrentBoundTest {

  private static final int THREADS = 4;
  private static final int WRITES_PER_THREAD = 20_000;
  private static final int HOT_KEYS = 50;
  /** Rounds over the hot keys each reader makes before the writers start: enough to saturate them. */
  private static final int WARM_ROUNDS = 100;

  @ParameterizedTest
  @EnumSource(PolicyKind.class)
  void entryBoundHoldsAfterEveryMaintenanceWithConcurrentWriters(PolicyKind kind) throws Exception {
    runWriters(kind, false, true, false, 500);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void boundAndAccountingHoldWhileHotReadersMarkQuietEntries(boolean weighted) throws Exception {
    runWriters(PolicyKind.W_TINYLFU, weighted, false, true, weighted ? 5_000 : 500);
  }

  /** A store this large tallies protected reads in the nodes' states instead of replaying them. */
  @Test
  void boundAndAccountingHoldWhileHotReadersTallyReadsInALargeStore() throws Exception {
    runWriters(PolicyKind.W_TINYLFU, false, false, true, 10_000);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void weightBoundHoldsAfterEveryMaintenanceWithConcurrentWriters(boolean callerRuns) throws Exception {
    runWriters(PolicyKind.W_TINYLFU, true, callerRuns, false, 5_000);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void entryBoundHoldsWithMaintenanceOnAPool(boolean weighted) throws Exception {
    runWriters(PolicyKind.LRU, weighted, false, false, weighted ? 5_000 : 500);
  }

  private static void runWriters(PolicyKind kind, boolean weighted, boolean callerRuns, boolean hotReaders,
      long maximum) throws Exception {
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

    int readers = hotReaders ? 2 : 0;
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong hotRounds = new AtomicLong();
    for (int key = -HOT_KEYS; hotReaders && key < 0; key++) {
      put(store, key, key);
    }
    ExecutorService writers = Executors.newFixedThreadPool(THREADS + readers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> readFutures = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        readFutures.add(writers.submit(() -> {
          start.await();
          while (writing.get()) {
            for (int key = -HOT_KEYS; key < 0; key++) {
              store.get(key);
            }
            hotRounds.incrementAndGet();
          }
          return null;
        }));
      }
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(writers.submit(() -> {
          start.await();
          while (hotRounds.get() < readers * WARM_ROUNDS) {
            Thread.onSpinWait();
          }
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
      writing.set(false);
      for (Future<?> future : readFutures) {
        future.get(1, TimeUnit.MINUTES);
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
    long inserts = (long) THREADS * WRITES_PER_THREAD + (hotReaders ? HOT_KEYS : 0);
    assertThat(remaining + evicted.get()).as("every insert is present or reported").isEqualTo(inserts);
    assertThat(store.weightedSize()).isEqualTo(remainingWeight);
    assertThat(store.estimatedSize()).isEqualTo(remaining);
  }
}
