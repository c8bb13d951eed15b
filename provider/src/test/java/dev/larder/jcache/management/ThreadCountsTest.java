package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCountsTest {

  private final ThreadCounts counts = new ThreadCounts(2, 1);

  private static Thread start(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  @Test
  void countsOfManyThreadsAddUpWithoutLoss() throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(start(() -> {
        ThreadCounts.Cell cell = counts.register();
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 10_000; i++) {
          cell.add(0, 1);
          cell.add(1, 2);
        }
      }));
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(counts.sum(0)).isEqualTo(40_000);
    assertThat(counts.sum(1)).isEqualTo(80_000);
  }

  @Test
  void countsOfThreadsThatEndedAreKeptAfterTheirCellsAreFolded() throws InterruptedException {
    for (int t = 0; t < 20; t++) {
      Thread thread = start(() -> counts.register().add(0, 5));
      thread.join();
    }
    counts.register().add(1, 1);

    assertThat(counts.sum(0)).isEqualTo(100);
    assertThat(counts.sum(0)).isEqualTo(100);
    assertThat(counts.sum(1)).isEqualTo(1);
  }

  @Test
  void resetMakesEveryCounterReadZeroAndCountingGoesOn() throws InterruptedException {
    ThreadCounts.Cell mine = counts.register();
    mine.add(0, 3);
    start(() -> counts.register().add(1, 4)).join();

    counts.reset();
    assertThat(counts.sum(0)).isZero();
    assertThat(counts.sum(1)).isZero();

    mine.add(0, 2);
    assertThat(counts.sum(0)).isEqualTo(2);
  }

  @Test
  void anOwnerSlotIsNotACounterAndLeavesTheSumsAlone() {
    ThreadCounts.Cell cell = counts.register();
    cell.set(2, 99);
    cell.add(1, 7);

    assertThat(cell.get(2)).isEqualTo(99);
    assertThat(counts.sum(0)).isZero();
    assertThat(counts.sum(1)).isEqualTo(7);
  }

  @Test
  void eachCellKeepsItsSlotsAwayFromNeighbouringObjects() {
    ThreadCounts.Cell cell = counts.register();

    assertThat(cell.slots).hasSize(ThreadCounts.PAD + 3 + ThreadCounts.PAD);
  }
}
