package dev.larder.warmup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one cache's warm-up, written by the warming thread and read by anyone (the MXBean,
 * a test, an application that wants to wait for a warm cache).
 *
 * <p>Thread-safety: thread-safe. Implementation notes: only the warmer writes; {@code total} is set
 * once before the first batch, {@code loaded} only grows, {@code failure} is set at most once before
 * {@code done} is released, so a reader that sees {@link #isDone()} also sees the final counts.
 */
public final class WarmUpProgress implements WarmUpProgressMXBean {

  private final String cacheName;
  private final AtomicLong loaded = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long total = -1;
  private volatile String failure;

  WarmUpProgress(String cacheName) {
    this.cacheName = cacheName;
  }

  /** The cache being warmed. */
  public String getCacheName() {
    return cacheName;
  }

  @Override
  public long getKeysLoaded() {
    return loaded.get();
  }

  @Override
  public long getKeysTotal() {
    return total;
  }

  @Override
  public boolean isDone() {
    return done.getCount() == 0;
  }

  @Override
  public String getFailure() {
    return failure;
  }

  /**
   * Waits until warming is done.
   *
   * @return whether it finished within the timeout
   */
  public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  void total(long keys) {
    total = keys;
  }

  void loaded(long keys) {
    loaded.addAndGet(keys);
  }

  void fail(String why) {
    failure = why;
    finish();
  }

  void finish() {
    done.countDown();
  }

  @Override
  public String toString() {
    return "WarmUpProgress[" + cacheName + ": " + loaded.get() + "/" + total
        + (isDone() ? ", done" : "") + (failure != null ? ", failed: " + failure : "") + "]";
  }
}
