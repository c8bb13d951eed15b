package dev.larder.integration;

import dev.larder.expiry.FakeTicker;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link FlushScheduler} that runs nothing by itself: {@link #runDue()} runs, on the calling thread,
 * every task whose time on the {@link FakeTicker} has come (including tasks those tasks schedule).
 * Thread-safe for scheduling; run it from one test thread.
 */
final class ManualScheduler implements FlushScheduler {
  private record Task(long due, long order, Runnable runnable) {}

  private final FakeTicker ticker;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
  private long order;
  private boolean closed;

  ManualScheduler(FakeTicker ticker) {
    this.ticker = ticker;
  }

  @Override
  public synchronized void schedule(Runnable task, long delayNanos) {
    if (!closed) {
      tasks.add(new Task(ticker.read() + Math.max(0, delayNanos), order++, task));
    }
  }

  /** Runs every due task; returns how many ran. */
  int runDue() {
    int ran = 0;
    for (;;) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > ticker.read()) {
          return ran;
        }
        tasks.poll();
      }
      next.runnable.run();
      ran++;
    }
  }

  /** Moves the ticker by {@code duration} and runs what became due. */
  int advanceAndRun(Duration duration) {
    ticker.advance(duration);
    return runDue();
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }
}
