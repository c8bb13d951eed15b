package dev.larder.benchmarks.simulator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.engine.Remapping;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import dev.larder.policy.PolicyKind;

/**
 * One bounded cache driven by the simulator, one access at a time: look the key up, and on a miss
 * insert it. Both libraries are driven the same way Caffeine's own simulator drives Caffeine
 * (maintenance on the calling thread through a same-thread executor); after each insert the entry
 * count is checked and, if it is over the bound, {@code cleanUp()} runs so that no cache is measured
 * while it holds more than its share. {@link #overflows()} counts those catch-ups.
 *
 * <p>Thread-safety: not thread-safe; each replay owns its instance.
 */
interface CacheUnderTest {

  /** Replays one access; returns {@code true} on a hit. On a miss the key is inserted. */
  boolean access(long key);

  /** Runs pending maintenance and fails if the cache holds more entries than its bound. */
  void verifyBound();

  /** How many inserts left the cache over its bound until an explicit {@code cleanUp()}. */
  long overflows();

  /** A Larder {@link Store} with the given policy. */
  static CacheUnderTest larder(PolicyKind policy, int maximumSize) {
    return new LarderCache(policy, maximumSize);
  }

  /** Caffeine's bounded cache (W-TinyLFU). */
  static CacheUnderTest caffeine(int maximumSize) {
    return new CaffeineCache(maximumSize);
  }

  /** Returns whether {@link StoreBuilder} builds a bounded store yet (before the engine lands, it does not). */
  static boolean larderIsBounded() {
    return StoreBuilder.<Long, Long>newBuilder().maximumSize(1).executor(Runnable::run).build().maximum() >= 0;
  }

  /** Drives a Larder store. */
  final class LarderCache implements CacheUnderTest {
    private static final Remapping<Long, Long, Void> INSERT = (key, slot) -> {
      slot.set(key, Long.MAX_VALUE);
      return null;
    };

    private final Store<Long, Long> store;
    private final long maximumSize;
    private long overflows;

    LarderCache(PolicyKind policy, int maximumSize) {
      this.store = StoreBuilder.<Long, Long>newBuilder()
          .policy(policy)
          .maximumSize(maximumSize)
          .executor(Runnable::run)
          .build();
      if (store.maximum() != maximumSize) {
        throw new IllegalStateException("the Larder store is not bounded to " + maximumSize
            + " (maximum() = " + store.maximum() + "): is the bounded engine on this branch?");
      }
      this.maximumSize = maximumSize;
    }

    @Override
    public boolean access(long key) {
      Long boxed = key;
      if (store.get(boxed) != null) {
        return true;
      }
      store.compute(boxed, INSERT);
      if (store.estimatedSize() > maximumSize) {
        overflows++;
        store.cleanUp();
      }
      return false;
    }

    @Override
    public void verifyBound() {
      store.cleanUp();
      if (store.estimatedSize() > maximumSize) {
        throw new IllegalStateException("Larder " + store.policyName() + " holds " + store.estimatedSize()
            + " entries after cleanUp(), bound " + maximumSize);
      }
    }

    @Override
    public long overflows() {
      return overflows;
    }
  }

  /** Drives Caffeine. */
  final class CaffeineCache implements CacheUnderTest {
    private final Cache<Long, Long> cache;
    private final long maximumSize;
    private long overflows;

    CaffeineCache(int maximumSize) {
      this.cache = Caffeine.newBuilder()
          .initialCapacity(maximumSize)
          .maximumSize(maximumSize)
          .executor(Runnable::run)
          .build();
      this.maximumSize = maximumSize;
    }

    @Override
    public boolean access(long key) {
      Long boxed = key;
      if (cache.getIfPresent(boxed) != null) {
        return true;
      }
      cache.put(boxed, boxed);
      if (cache.estimatedSize() > maximumSize) {
        overflows++;
        cache.cleanUp();
      }
      return false;
    }

    @Override
    public void verifyBound() {
      cache.cleanUp();
      if (cache.estimatedSize() > maximumSize) {
        throw new IllegalStateException("Caffeine holds " + cache.estimatedSize() + " entries, bound " + maximumSize);
      }
    }

    @Override
    public long overflows() {
      return overflows;
    }
  }
}
