package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  private final SingleFlight<String, String> flight = new SingleFlight<>();

  /** Starts {@code n} threads that each call {@code flight.load(key, load)} and record what they got. */
  private List<Thread> callers(int n, String key, java.util.function.Function<String, String> load,
      List<Object> outcomes) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread thread = new Thread(() -> {
        try {
          outcomes.add(flight.load(key, load));
        } catch (RuntimeException e) {
          outcomes.add(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    return threads;
  }

  private static void awaitAllParked(List<Thread> threads) {
    Awaitility.await().atMost(30, TimeUnit.SECONDS)
        .until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Test
  void concurrentCallersForOneKeyShareOneLoad() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    List<Object> outcomes = new CopyOnWriteArrayList<>();
    List<Thread> threads = callers(16, "k", key -> {
      calls.incrementAndGet();
      await(release);
      return "v";
    }, outcomes);

    awaitAllParked(threads);
    release.countDown();
    joinAll(threads);

    assertThat(calls).hasValue(1);
    assertThat(outcomes).hasSize(16).containsOnly("v");
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void everyWaiterGetsTheSameFailure() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    IllegalStateException failure = new IllegalStateException("down");
    List<Object> outcomes = new CopyOnWriteArrayList<>();
    List<Thread> threads = callers(8, "k", key -> {
      await(release);
      throw failure;
    }, outcomes);

    awaitAllParked(threads);
    release.countDown();
    joinAll(threads);

    assertThat(outcomes).hasSize(8).allSatisfy(outcome -> assertThat(outcome).isSameAs(failure));
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void aLoadAfterTheLastOneEndedRunsAgain() {
    AtomicInteger calls = new AtomicInteger();

    assertThat(flight.load("k", key -> "v" + calls.incrementAndGet())).isEqualTo("v1");
    assertThat(flight.load("k", key -> "v" + calls.incrementAndGet())).isEqualTo("v2");
    assertThatThrownBy(() -> flight.load("k", key -> {
      throw new IllegalArgumentException("bad");
    })).hasMessage("bad");
    assertThat(flight.load("k", key -> "v" + calls.incrementAndGet())).isEqualTo("v3");
  }

  @Test
  void loadsOfDifferentKeysDoNotWaitForEachOther() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<Object> outcomes = new CopyOnWriteArrayList<>();
    List<Thread> blocked = callers(1, "slow", key -> {
      await(release);
      return "slow";
    }, outcomes);
    awaitAllParked(blocked);

    assertThat(flight.load("fast", key -> "fast")).isEqualTo("fast");

    release.countDown();
    joinAll(blocked);
    assertThat(outcomes).containsExactly("slow");
  }

  @Test
  void nullKeyOrLoadIsRejected() {
    assertThatThrownBy(() -> flight.load(null, key -> "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> flight.load("k", null)).isInstanceOf(NullPointerException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
