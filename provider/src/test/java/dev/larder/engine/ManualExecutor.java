package dev.larder.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Queues tasks until the test runs them, so maintenance happens only when the test says. */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable command) {
    tasks.add(command);
  }

  synchronized int pending() {
    return tasks.size();
  }

  void runAll() {
    Runnable task;
    while ((task = poll()) != null) {
      task.run();
    }
  }

  private synchronized Runnable poll() {
    return tasks.poll();
  }
}
