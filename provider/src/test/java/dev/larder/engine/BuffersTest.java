package dev.larder.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BuffersTest {

  @Test
  void readBufferAsksForADrainWhenAStripeFillsAndThenDrops() {
    ReadBuffer<Integer> buffer = new ReadBuffer<>();
    for (int i = 0; i < ReadBuffer.STRIPE_CAPACITY - 1; i++) {
      assertThat(buffer.offer(i)).isFalse();
    }
    assertThat(buffer.offer(99)).as("the offer that fills the stripe").isTrue();
    assertThat(buffer.offer(100)).as("full: dropped, drain still wanted").isTrue();

    List<Integer> drained = new ArrayList<>();
    buffer.drainTo(drained::add);

    assertThat(drained).hasSize(ReadBuffer.STRIPE_CAPACITY).endsWith(99).doesNotContain(100);
    assertThat(buffer.offer(1)).isFalse();
  }

  @Test
  void readBufferCountsUnofferedReadsOncePerDrain() throws Exception {
    ReadBuffer<Integer> buffer = new ReadBuffer<>();
    for (int i = 0; i < 5; i++) {
      buffer.countUnrecorded();
    }
    buffer.offer(1);
    Thread other = new Thread(() -> {
      for (int i = 0; i < 7; i++) {
        buffer.countUnrecorded();
      }
    });
    other.start();
    other.join();

    List<Integer> drained = new ArrayList<>();
    assertThat(buffer.drainTo(drained::add)).as("counted by two threads, taken at once").isEqualTo(12);
    assertThat(drained).containsExactly(1);
    assertThat(buffer.drainTo(drained::add)).as("already taken").isZero();
    buffer.countUnrecorded();
    assertThat(buffer.drainTo(drained::add)).isEqualTo(1);
  }

  @Test
  void readBufferNeverDuplicatesOrInventsElementsUnderConcurrency() throws Exception {
    ReadBuffer<Long> buffer = new ReadBuffer<>();
    int producers = 3;
    int perProducer = 200_000;
    AtomicBoolean done = new AtomicBoolean();
    Set<Long> drained = new HashSet<>();
    List<Long> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      long base = (long) p << 32;
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perProducer; i++) {
          buffer.offer(base + i);
        }
        return null;
      }));
    }
    start.countDown();
    Thread consumer = new Thread(() -> {
      while (!done.get()) {
        buffer.drainTo(e -> {
          if (!drained.add(e)) {
            duplicates.add(e);
          }
        });
      }
    });
    consumer.start();
    for (Future<?> future : futures) {
      future.get(1, TimeUnit.MINUTES);
    }
    done.set(true);
    consumer.join();
    buffer.drainTo(drained::add);
    pool.shutdown();

    assertThat(duplicates).isEmpty();
    assertThat(drained).isNotEmpty().allMatch(e -> (e >>> 32) < producers && (e & 0xFFFF_FFFFL) < perProducer);
  }

  @Test
  void writeBufferRefusesWhenFullAndKeepsOrder() {
    WriteBuffer<Integer> buffer = new WriteBuffer<>(4);
    for (int i = 0; i < 4; i++) {
      assertThat(buffer.offer(i)).isTrue();
    }
    assertThat(buffer.offer(4)).isFalse();

    assertThat(buffer.poll()).isEqualTo(0);
    assertThat(buffer.offer(4)).isTrue();
    List<Integer> rest = new ArrayList<>();
    Integer e;
    while ((e = buffer.poll()) != null) {
      rest.add(e);
    }
    assertThat(rest).containsExactly(1, 2, 3, 4);
  }

  @Test
  void writeBufferDeliversEveryElementOnceInEachProducersOrder() throws Exception {
    WriteBuffer<long[]> buffer = new WriteBuffer<>(64);
    int producers = 3;
    int perProducer = 100_000;
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perProducer; i++) {
          long[] element = {producer, i};
          while (!buffer.offer(element)) {
            Thread.onSpinWait();
          }
        }
        return null;
      }));
    }
    start.countDown();
    long[] next = new long[producers];
    long received = 0;
    long total = (long) producers * perProducer;
    while (received < total) {
      long[] element = buffer.poll();
      if (element == null) {
        Thread.onSpinWait();
        continue;
      }
      assertThat(element[1]).as("order of producer %d", element[0]).isEqualTo(next[(int) element[0]]);
      next[(int) element[0]]++;
      received++;
    }
    for (Future<?> future : futures) {
      future.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(buffer.poll()).isNull();
    assertThat(next).containsOnly(perProducer);
  }
}
