package dev.larder.integration;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Collapses concurrent loads of one key into a single call: the first caller to miss a key runs the
 * load, every caller that misses the same key while it runs waits for that load and receives its
 * value or the very same exception. Once a load finishes, the next miss starts a new one.
 *
 * <p>Thread-safety: safe for any number of threads. Loads of different keys run in parallel; no lock is
 * held while a load runs.
 *
 * <p>Implementation notes: {@code inFlight} maps a key to the future of the load now running for it.
 * Only the thread that installed a future (the leader) completes it and then removes exactly that
 * future ({@code remove(key, future)}), so a later load of the key can never be removed by an earlier
 * leader. Followers only read the future. A leader completes its future in a {@code finally}, so a
 * follower never waits on a load that has ended.
 */
public final class SingleFlight<K, V> {

  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /** Creates an empty single-flight group. */
  public SingleFlight() {}

  /**
   * Returns the result of {@code load.apply(key)}, sharing one call among all concurrent callers for
   * the same key. A runtime exception or error thrown by the load is rethrown, unchanged, to every
   * caller that shared it. Waiting for another caller's load is not interruptible: it ends when that
   * load ends.
   *
   * @throws NullPointerException if {@code key} or {@code load} is null
   */
  public V load(K key, Function<? super K, ? extends V> load) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(load, "load");
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running);
    }
    try {
      V value = load.apply(key);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error failure) {
      mine.completeExceptionally(failure);
      throw failure;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** Returns the number of loads running now; for tests and monitoring. */
  public int inFlight() {
    return inFlight.size();
  }

  private static <V> V await(CompletableFuture<V> running) {
    try {
      return running.join();
    } catch (CompletionException wrapped) {
      Throwable cause = wrapped.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw wrapped;
    }
  }
}
