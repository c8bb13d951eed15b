package dev.larder.engine;

import static dev.larder.engine.StoreTestSupport.put;
import static dev.larder.engine.StoreTestSupport.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.engine.StoreTestSupport.Recorder;
import dev.larder.expiry.FakeTicker;
import dev.larder.policy.PolicyKind;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

class ConcurrentStoreTest {

  private static Store<Integer, Integer> lru(int maximum, Recorder<Integer, Integer> recorder) {
    return StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.LRU).maximumSize(maximum).executor(Runnable::run).listener(recorder).build();
  }

  @Test
  void getReturnsTheValueComputeSet() {
    Store<String, String> store = StoreBuilder.<String, String>newBuilder().maximumSize(10).executor(Runnable::run).build();

    put(store, "a", "1");

    assertThat(store.get("a")).isEqualTo("1");
    assertThat(store.peek("a")).isEqualTo("1");
    assertThat(store.get("b")).isNull();
  }

  @Test
  void computeReturnsTheRemappingsResultAndSeesTheCurrentValue() {
    Store<String, Integer> store = StoreBuilder.<String, Integer>newBuilder().maximumSize(10).executor(Runnable::run).build();
    put(store, "a", 1);

    Integer previous = store.compute("a", (key, slot) -> {
      Integer old = slot.value();
      slot.set(old + 1, Long.MAX_VALUE);
      return old;
    });

    assertThat(previous).isEqualTo(1);
    assertThat(store.get("a")).isEqualTo(2);
  }

  @Test
  void replaceInPlaceUpdatesAPresentKeyAndCountsAsAnAccess() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(2, recorder);
    put(store, 1, 10);
    put(store, 2, 20);

    assertThat(store.replaceInPlace(1, 11)).isTrue();
    assertThat(store.replaceInPlace(3, 30)).as("absent: left to compute").isFalse();
    put(store, 3, 30);

    assertThat(store.get(1)).isEqualTo(11);
    assertThat(store.get(3)).isEqualTo(30);
    assertThat(store.get(2)).as("the least recently used once 1 was replaced").isNull();
    assertThat(recorder.keys).containsExactly(2);
  }

  @Test
  void replaceInPlaceLeavesEverythingElseToCompute() {
    FakeTicker ticker = new FakeTicker(0);
    Store<Integer, Integer> expiring = StoreBuilder.<Integer, Integer>newBuilder()
        .maximumSize(10).ticker(ticker).executor(Runnable::run).build();
    put(expiring, 1, 10, 1_000);
    put(expiring, 2, 20);
    Store<Integer, Integer> weighed = StoreBuilder.<Integer, Integer>newBuilder()
        .maximumWeight(100).weigher((key, value) -> value).executor(Runnable::run).build();
    put(weighed, 1, 10);
    Store<Integer, Integer> unbounded = StoreBuilder.<Integer, Integer>newBuilder().executor(Runnable::run).build();
    put(unbounded, 1, 10);

    assertThat(expiring.replaceInPlace(1, 11)).as("an entry with a deadline").isFalse();
    assertThat(expiring.replaceInPlace(2, 21)).as("an entry without one, beside it").isTrue();
    ticker.advance(Duration.ofNanos(1_000));
    assertThat(expiring.replaceInPlace(1, 12)).as("expired").isFalse();
    assertThat(weighed.replaceInPlace(1, 11)).as("a weight to recompute").isFalse();
    assertThat(unbounded.replaceInPlace(1, 11)).as("an unbounded store").isFalse();
    assertThat(weighed.get(1)).isEqualTo(10);
    assertThat(unbounded.get(1)).isEqualTo(10);
    assertThat(expiring.get(2)).isEqualTo(21);
    assertThatThrownBy(() -> expiring.replaceInPlace(2, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void replaceInPlaceKeepsEachKeysLastValueWhileMaintenanceEvictsOnAPool() throws Exception {
    int writers = 3;
    int keys = 3_000;
    int rounds = 40;
    ExecutorService maintenance = Executors.newSingleThreadExecutor();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .maximumSize(200).executor(maintenance).build();
    int[] last = new int[keys];
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
    List<Future<?>> writes = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int owner = w;
      writes.add(threads.submit(() -> {
        start.await();
        SplittableRandom random = new SplittableRandom(owner);
        for (int round = 1; round <= rounds; round++) {
          for (int i = 0; i < keys / writers; i++) {
            // Skewed toward a few keys, so most writes find their key present.
            int key = Math.min(keys / writers - 1, (int) Math.abs(random.nextGaussian() * 60)) * writers + owner;
            int value = round * keys + i;
            if (!store.replaceInPlace(key, value)) {
              put(store, key, value);
            }
            last[key] = value;
          }
        }
        return null;
      }));
    }
    Future<?> reads = threads.submit(() -> {
      start.await();
      SplittableRandom random = new SplittableRandom(99);
      while (writing.get()) {
        store.get(random.nextInt(keys));
      }
      return null;
    });
    start.countDown();
    for (Future<?> write : writes) {
      write.get();
    }
    writing.set(false);
    reads.get();
    threads.shutdown();
    maintenance.shutdown();
    assertThat(maintenance.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    store.cleanUp();

    int present = 0;
    for (int key = 0; key < keys; key++) {
      Integer value = store.peek(key);
      if (value != null) {
        present++;
        assertThat(value).as("key %d", key).isEqualTo(last[key]);
      }
    }
    assertThat(present).isPositive().isLessThanOrEqualTo(200);
    assertThat(store.estimatedSize()).isEqualTo(present);
  }

  @Test
  void slotRemoveRemovesTheEntryWithoutNotifying() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(10, recorder);
    put(store, 1, 1);

    remove(store, 1);

    assertThat(store.get(1)).isNull();
    assertThat(store.estimatedSize()).isZero();
    assertThat(store.weightedSize()).isZero();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void boundHoldsAfterEveryWriteWhenMaintenanceRunsOnTheCaller() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .maximumSize(50).executor(Runnable::run).listener(recorder).build();

    for (int i = 0; i < 1_000; i++) {
      put(store, i, i);
      assertThat(store.estimatedSize()).isLessThanOrEqualTo(50);
    }
    assertThat(store.weightedSize()).isEqualTo(50);
    assertThat(recorder.keys).hasSize(950);
  }

  @Test
  void evictedEntriesAreReportedWithCauseEvicted() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(2, recorder);

    put(store, 1, 10);
    put(store, 2, 20);
    put(store, 3, 30);

    assertThat(recorder.events).containsExactly("1=10:EVICTED");
  }

  @Test
  void readsAreRecordedButPeeksAreNot() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(2, recorder);
    put(store, 1, 1);
    put(store, 2, 2);

    store.peek(1);
    put(store, 3, 3);
    assertThat(recorder.keys).containsExactly(1);

    store.get(2);
    put(store, 4, 4);
    assertThat(recorder.keys).containsExactly(1, 3);
  }

  @Test
  void zeroMaximumKeepsNothing() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(0, recorder);

    put(store, 1, 1);

    assertThat(store.get(1)).isNull();
    assertThat(recorder.keys).containsExactly(1);
  }

  @Test
  void weightBoundHoldsAndFollowsUpdatedWeights() {
    Recorder<String, String> recorder = new Recorder<>();
    Store<String, String> store = StoreBuilder.<String, String>newBuilder()
        .maximumWeight(10).weigher((key, value) -> value.length()).policy(PolicyKind.LRU)
        .executor(Runnable::run).listener(recorder).build();

    put(store, "a", "xxxx");
    put(store, "b", "xxxx");
    assertThat(store.weightedSize()).isEqualTo(8);

    put(store, "a", "xxxxxx");
    assertThat(store.weightedSize()).isEqualTo(10);
    assertThat(recorder.keys).isEmpty();

    put(store, "c", "x");
    assertThat(recorder.keys).containsExactly("b");
    assertThat(store.weightedSize()).isEqualTo(7);
  }

  @Test
  void entryHeavierThanTheMaximumIsEvictedAtOnce() {
    Recorder<String, String> recorder = new Recorder<>();
    Store<String, String> store = StoreBuilder.<String, String>newBuilder()
        .maximumWeight(5).weigher((key, value) -> value.length()).executor(Runnable::run).listener(recorder).build();
    put(store, "small", "xx");

    put(store, "huge", "xxxxxxxxxx");

    assertThat(store.get("huge")).isNull();
    assertThat(store.get("small")).isEqualTo("xx");
    assertThat(recorder.keys).containsExactly("huge");
  }

  @Test
  void negativeWeightIsRejectedAndNothingIsStored() {
    Store<String, String> store = StoreBuilder.<String, String>newBuilder()
        .maximumWeight(5).weigher((key, value) -> -1).executor(Runnable::run).build();

    assertThatThrownBy(() -> put(store, "a", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative weight");
    assertThat(store.estimatedSize()).isZero();
  }

  @Test
  void settingANullValueIsRejected() {
    Store<String, String> store = StoreBuilder.<String, String>newBuilder().maximumSize(5).build();

    assertThatThrownBy(() -> put(store, "a", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("value");
  }

  @Test
  void maximumWeightWithoutAWeigherIsRejected() {
    assertThatThrownBy(() -> StoreBuilder.newBuilder().maximumWeight(5).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("weigher");
  }

  @Test
  void unboundedStoreHasNoPolicyAndKeepsEverything() {
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder().executor(Runnable::run).build();

    for (int i = 0; i < 10_000; i++) {
      put(store, i, i);
    }

    assertThat(store.policyName()).isEqualTo("none");
    assertThat(store.maximum()).isEqualTo(-1);
    assertThat(store.estimatedSize()).isEqualTo(10_000);
    assertThat(store.weightedSize()).isEqualTo(10_000);
  }

  @Test
  void boundedStoreReportsItsPolicyAndMaximum() {
    for (PolicyKind kind : PolicyKind.values()) {
      Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder().policy(kind).maximumSize(7).build();
      assertThat(store.maximum()).isEqualTo(7);
      assertThat(store.policyName()).isNotBlank().isNotEqualTo("none");
    }
    assertThat(StoreBuilder.newBuilder().maximumSize(1).build().policyName()).isEqualTo("W-TinyLFU");
  }

  @Test
  void everyPolicyKeepsTheBoundUnderMixedOperations() {
    for (PolicyKind kind : PolicyKind.values()) {
      Recorder<Integer, Integer> recorder = new Recorder<>();
      Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
          .policy(kind).maximumSize(20).executor(Runnable::run).listener(recorder).build();
      java.util.SplittableRandom random = new java.util.SplittableRandom(42);
      for (int i = 0; i < 5_000; i++) {
        int key = random.nextInt(100);
        if (random.nextInt(10) == 0) {
          remove(store, key);
        } else if (store.get(key) == null) {
          put(store, key, key);
        }
        assertThat(store.estimatedSize()).as(kind.name()).isLessThanOrEqualTo(20);
      }
      store.cleanUp();
      assertThat(store.weightedSize()).as(kind.name()).isEqualTo(store.estimatedSize());
      assertThat(recorder.keys).as(kind.name()).isNotEmpty();
    }
  }

  @Test
  void clearRemovesEverythingWithoutNotifying() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = lru(10, recorder);
    for (int i = 0; i < 5; i++) {
      put(store, i, i);
    }

    store.clear();

    assertThat(store.estimatedSize()).isZero();
    assertThat(store.weightedSize()).isZero();
    assertThat(store.keys().hasNext()).isFalse();
    assertThat(recorder.events).isEmpty();
    put(store, 1, 1);
    assertThat(store.get(1)).isEqualTo(1);
  }

  @Test
  void keysIteratesTheKeysAndCannotRemove() {
    Store<Integer, Integer> store = lru(10, new Recorder<>());
    put(store, 1, 1);
    put(store, 2, 2);

    List<Integer> keys = new ArrayList<>();
    Iterator<Integer> it = store.keys();
    it.forEachRemaining(keys::add);

    assertThat(keys).containsExactlyInAnyOrder(1, 2);
    Iterator<Integer> again = store.keys();
    again.next();
    assertThatThrownBy(again::remove).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void maintenanceRunsOnTheConfiguredExecutor() {
    ManualExecutor executor = new ManualExecutor();
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.FIFO).maximumSize(2).executor(executor).listener(recorder).build();

    put(store, 1, 1);
    put(store, 2, 2);
    put(store, 3, 3);
    assertThat(store.estimatedSize()).isEqualTo(3);
    assertThat(executor.pending()).isEqualTo(1);

    executor.runAll();

    assertThat(store.estimatedSize()).isEqualTo(2);
    assertThat(recorder.keys).containsExactly(1);
  }

  @Test
  void listenerMayWriteToTheStore() {
    List<Integer> seen = new ArrayList<>();
    Store<Integer, Integer>[] holder = new Store[1];
    holder[0] = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.FIFO).maximumSize(2).executor(Runnable::run)
        .listener((key, value, cause) -> {
          seen.add(key);
          if (key < 100) {
            put(holder[0], key + 100, value);
          }
        })
        .build();
    Store<Integer, Integer> store = holder[0];

    for (int i = 0; i < 5; i++) {
      put(store, i, i);
    }
    store.cleanUp();

    assertThat(store.estimatedSize()).isLessThanOrEqualTo(2);
    assertThat(seen).startsWith(0);
    assertThat(store.weightedSize()).isEqualTo(store.estimatedSize());
  }

  @Test
  void failingListenerDoesNotBreakMaintenance() {
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.FIFO).maximumSize(1).executor(Runnable::run)
        .listener((key, value, cause) -> {
          throw new IllegalStateException("listener failure");
        })
        .build();

    put(store, 1, 1);
    put(store, 2, 2);
    put(store, 3, 3);

    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.get(3)).isEqualTo(3);
  }

  @Test
  void writerDrainsAFullWriteBufferItself() {
    ManualExecutor executor = new ManualExecutor();
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.LRU).maximumSize(10).executor(executor).listener(recorder).build();

    for (int i = 0; i < 20_000; i++) {
      put(store, i, i);
    }

    assertThat(recorder.keys).as("evicted although the executor never ran").isNotEmpty();
    assertThat(store.estimatedSize()).isLessThan(5_000);
    executor.runAll();
    assertThat(store.estimatedSize()).isEqualTo(10);
    assertThat(recorder.keys).hasSize(20_000 - 10);
  }

  @Test
  void lfuLetsAFormerlyHotKeyLeave() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.LFU).maximumSize(10).executor(Runnable::run).listener(recorder).build();
    put(store, -1, -1);
    for (int i = 0; i < 200; i++) {
      store.get(-1);
    }
    // The workload moves on: a new set of ten keys, each read a few times, round after round.
    for (int round = 0; round < 200 && !recorder.keys.contains(-1); round++) {
      for (int key = 0; key < 10; key++) {
        if (store.get(key) == null) {
          put(store, key, key);
        }
        store.get(key);
        store.get(key);
      }
    }

    assertThat(recorder.keys).contains(-1);
  }

  @Test
  void randomPolicyEvictsOnlyResidentKeysAndNotAlwaysTheSame() {
    Recorder<Integer, Integer> recorder = new Recorder<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(PolicyKind.RANDOM).maximumSize(10).executor(Runnable::run).listener(recorder).build();
    for (int i = 0; i < 10; i++) {
      put(store, i, i);
    }
    for (int i = 10; i < 1_000; i++) {
      put(store, i, i);
      assertThat(store.estimatedSize()).isEqualTo(10);
    }

    assertThat(recorder.keys).hasSize(990).doesNotHaveDuplicates().allMatch(key -> key >= 0 && key < 999);
    assertThat(recorder.keys).as("not insertion order").isNotEqualTo(java.util.stream.IntStream.range(0, 990).boxed().toList());
  }

  @Test
  void hugeMaximumNeverEvicts() {
    for (PolicyKind kind : PolicyKind.values()) {
      Recorder<Integer, Integer> recorder = new Recorder<>();
      Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
          .policy(kind).maximumSize(Long.MAX_VALUE).executor(Runnable::run).listener(recorder).build();
      for (int i = 0; i < 2_000; i++) {
        put(store, i % 700, i);
        store.get(i % 300);
      }
      store.cleanUp();
      assertThat(recorder.keys).as(kind.name()).isEmpty();
      assertThat(store.estimatedSize()).as(kind.name()).isEqualTo(700);
    }
  }

  @Test
  void listenerMayWaitForAnotherThreadThatWritesToTheStore() throws Exception {
    List<Integer> written = java.util.Collections.synchronizedList(new ArrayList<>());
    Store<Integer, Integer>[] holder = new Store[1];
    java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      holder[0] = StoreBuilder.<Integer, Integer>newBuilder()
          .policy(PolicyKind.FIFO).maximumSize(2).executor(Runnable::run)
          .listener((key, value, cause) -> {
            if (key < 100) {
              java.util.concurrent.Future<?> write = other.submit(() -> {
                put(holder[0], key + 100, value);
                written.add(key + 100);
              });
              try {
                write.get(1, java.util.concurrent.TimeUnit.MINUTES);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          })
          .build();

      for (int i = 0; i < 4; i++) {
        put(holder[0], i, i);
      }
    } finally {
      other.shutdown();
    }

    assertThat(written).contains(100, 101);
    assertThat(holder[0].estimatedSize()).isLessThanOrEqualTo(2);
  }
}
