package dev.larder.integration;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the delayed work of write-behind (flush rounds, retries after backoff, journal syncs). The
 * production one is a single daemon thread per writer, so flush rounds never overlap; tests substitute
 * one they advance by hand together with a fake {@link dev.larder.expiry.Ticker}.
 *
 * <p>Thread-safety: implementations accept {@link #schedule} from any thread.
 */
interface FlushScheduler extends AutoCloseable {

  /** Runs {@code task} once, {@code delayNanos} from now (at once when zero or negative). */
  void schedule(Runnable task, long delayNanos);

  /** Stops running tasks; scheduled ones that have not started are dropped. */
  @Override
  void close();

  /** A scheduler on one daemon thread named {@code name}. */
  static FlushScheduler singleThread(String name) {
    var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      var thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return new FlushScheduler() {
      @Override
      public void schedule(Runnable task, long delayNanos) {
        try {
          executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
          // Closed: the thread that closed the writer drains the queue itself.
        }
      }

      @Override
      public void close() {
        executor.shutdownNow();
      }
    };
  }
}
