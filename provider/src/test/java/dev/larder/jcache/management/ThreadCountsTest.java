package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCountsTest {

  private final ThreadCounts counts = new ThreadCounts();

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
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 10_000; i++) {
          counts.add(true, 1);
          counts.add(false, 2);
        }
      }));
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(counts.first()).isEqualTo(40_000);
    assertThat(counts.second()).isEqualTo(80_000);
  }

  @Test
  void countsOfThreadsThatEndedAreKeptAfterTheirCellsAreFolded() throws InterruptedException {
    for (int t = 0; t < 20; t++) {
      Thread thread = start(() -> counts.add(true, 5));
      thread.join();
    }
    counts.add(false, 1);

    assertThat(counts.first()).isEqualTo(100);
    assertThat(counts.first()).isEqualTo(100);
    assertThat(counts.second()).isEqualTo(1);
  }

  @Test
  void resetMakesBothCountersReadZeroAndCountingGoesOn() throws InterruptedException {
    counts.add(true, 3);
    start(() -> counts.add(false, 4)).join();

    counts.reset();
    assertThat(counts.first()).isZero();
    assertThat(counts.second()).isZero();

    counts.add(true, 2);
    assertThat(counts.first()).isEqualTo(2);
  }
}
