package dev.larder.engine;

import dev.larder.expiry.Ticker;
import dev.larder.policy.Policy;
import dev.larder.policy.PolicyKind;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Builds a {@link Store}: unbounded, or bounded by entry count or weight under a chosen policy.
 *
 * <p>Thread-safety: a builder is used by one thread; the stores it builds are thread-safe.
 */
public final class StoreBuilder<K, V> {

  long maximumSize = -1;
  long maximumWeight = -1;
  Weigher<? super K, ? super V> weigher;
  PolicyKind policy = PolicyKind.W_TINYLFU;
  Ticker ticker = Ticker.SYSTEM;
  Executor executor = ForkJoinPool.commonPool();
  StoreListener<K, V> listener = (key, value, cause) -> { };
  Class<?> keyType = Object.class;

  private StoreBuilder() {}

  /** Starts a builder for an unbounded store with no listener, the system ticker and the common pool. */
  public static <K, V> StoreBuilder<K, V> newBuilder() {
    return new StoreBuilder<>();
  }

  /** Bounds the store to {@code maximumSize} entries. */
  public StoreBuilder<K, V> maximumSize(long maximumSize) {
    if (maximumSize < 0) {
      throw new IllegalArgumentException("maximumSize must be >= 0, was " + maximumSize);
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /** Bounds the store to a total weight, as computed by {@link #weigher}. */
  public StoreBuilder<K, V> maximumWeight(long maximumWeight) {
    if (maximumWeight < 0) {
      throw new IllegalArgumentException("maximumWeight must be >= 0, was " + maximumWeight);
    }
    this.maximumWeight = maximumWeight;
    return this;
  }

  /** Sets the weigher used with {@link #maximumWeight}; without a weight bound it is not called. */
  public StoreBuilder<K, V> weigher(Weigher<? super K, ? super V> weigher) {
    this.weigher = Objects.requireNonNull(weigher, "weigher");
    return this;
  }

  /** Chooses the eviction policy of a bounded store. */
  public StoreBuilder<K, V> policy(PolicyKind policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Sets the time source for deadlines. */
  public StoreBuilder<K, V> ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /** Sets where maintenance runs; {@code Runnable::run} runs it on the caller, as tests want. */
  public StoreBuilder<K, V> executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Sets the listener told of expirations and evictions. */
  public StoreBuilder<K, V> listener(StoreListener<K, V> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Declares the class of every key, when the caller knows it (a JCache configuration's key type).
   * Keys of {@code Integer}, {@code Short}, {@code Character} or {@code Byte}, final JDK types whose
   * hash code is the value itself, are then told apart by hash code alone in a bounded store: a lookup
   * does not read the key object of the node it compares with, which is one cache miss less on a large
   * cache. Such a store refuses a key of any other class with a {@link ClassCastException}.
   */
  public StoreBuilder<K, V> keyType(Class<?> keyType) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    return this;
  }

  /**
   * Builds the store: with a bound, one that evicts under the chosen policy; without one, a plain
   * concurrent map whose only extra work is the timer wheel for entries that have a deadline.
   */
  public Store<K, V> build() {
    if (maximumWeight >= 0 && weigher == null) {
      throw new IllegalStateException("maximumWeight requires a weigher");
    }
    if (maximumSize >= 0 && maximumWeight >= 0) {
      throw new IllegalStateException("maximumSize and maximumWeight cannot both be set");
    }
    if (maximumSize < 0 && maximumWeight < 0) {
      return new ConcurrentStore<>(this, null, -1, false);
    }
    boolean weighted = maximumWeight >= 0;
    long maximum = weighted ? maximumWeight : maximumSize;
    return new ConcurrentStore<>(this, Policy.create(policy, maximum, weighted), maximum, weighted);
  }
}
