package dev.larder.jcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.cache.event.CacheEntryListenerException;

/**
 * The events one thread published during one cache operation, held back until the operation hands them
 * out ({@link EventDispatcher#awaitSynchronous()}) or drops them ({@link EventDispatcher#discardPending()}).
 *
 * <p>Thread-safety: owned by the publishing thread; deliverers on other threads only read
 * {@link #isDiscarded()} and call {@link #fail}.
 *
 * <p>Implementation notes. Each queued delivery waits for its own {@code ready} future (and for the
 * previous delivery of its key); handing out completes them in publish order, so an uncontended caller
 * runs its synchronous listeners itself, in the order it published. {@code readies} and
 * {@code synchronousStages} are touched by the owner alone. {@code discarded} is written by the owner
 * before it completes any {@code ready}, so a delivery, which runs only after that, sees it.
 * {@code failure} is written by deliverers under this object's monitor and read by the owner after joining
 * every synchronous stage (the joins order the reads after the writes).
 */
final class Batch {

  private static final System.Logger LOG = System.getLogger(Batch.class.getName());

  private final List<CompletableFuture<Void>> readies = new ArrayList<>(4);
  private final List<CompletableFuture<Void>> synchronousStages = new ArrayList<>(4);
  private volatile boolean discarded;
  /** Set before release when nobody will wait for this batch: listener failures are then logged. */
  private volatile boolean unattended;
  private Throwable failure;

  /** Adds one delivery: {@code ready} releases it; {@code synchronousStage}, if not null, is waited for. */
  void add(CompletableFuture<Void> ready, CompletableFuture<Void> synchronousStage) {
    readies.add(ready);
    if (synchronousStage != null) {
      synchronousStages.add(synchronousStage);
    }
  }

  boolean isDiscarded() {
    return discarded;
  }

  synchronized void fail(Throwable cause) {
    if (unattended) {
      LOG.log(System.Logger.Level.WARNING, "a synchronous cache entry listener failed on an event no caller waits for",
          cause);
      return;
    }
    if (failure == null) {
      failure = cause;
    } else if (failure != cause) {
      failure.addSuppressed(cause);
    }
  }

  /** Releases every delivery, without waiting for any. */
  void release() {
    for (CompletableFuture<Void> ready : readies) {
      ready.complete(null);
    }
  }

  /** Releases the batch, waits for its synchronous deliveries, rethrows the first listener failure. */
  void handOut() {
    release();
    for (CompletableFuture<Void> stage : synchronousStages) {
      stage.join();
    }
    Throwable cause;
    synchronized (this) {
      cause = failure;
    }
    if (cause instanceof CacheEntryListenerException) {
      throw (CacheEntryListenerException) cause;
    }
    if (cause != null) {
      throw new CacheEntryListenerException("a synchronous cache entry listener failed: " + cause, cause);
    }
  }

  /** Releases every delivery without waiting; a listener failure is logged, as nobody will read it. */
  void releaseUnattended() {
    unattended = true;
    release();
  }

  /** Releases the batch with every delivery turned into a no-op. */
  void discard() {
    discarded = true;
    release();
  }
}
