package dev.larder.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CacheStatisticsTest {

  private final CacheStatistics statistics = enabled();

  private static CacheStatistics enabled() {
    CacheStatistics statistics = new CacheStatistics();
    statistics.setEnabled(true);
    return statistics;
  }

  @Test
  void newStatisticsAreDisabledAndAllZero() {
    CacheStatistics fresh = new CacheStatistics();

    assertThat(fresh.isEnabled()).isFalse();
    assertAllZero(fresh);
  }

  @Test
  void getsAreHitsPlusMisses() {
    statistics.recordHits(3);
    statistics.recordMisses(1);

    assertThat(statistics.getCacheHits()).isEqualTo(3);
    assertThat(statistics.getCacheMisses()).isEqualTo(1);
    assertThat(statistics.getCacheGets()).isEqualTo(4);
  }

  @Test
  void hitAndMissPercentagesShareOutTheGets() {
    statistics.recordHits(3);
    statistics.recordMisses(1);

    assertThat(statistics.getCacheHitPercentage()).isEqualTo(75f);
    assertThat(statistics.getCacheMissPercentage()).isEqualTo(25f);
  }

  @Test
  void percentagesAreZeroWithoutGets() {
    statistics.recordPuts(5);

    assertThat(statistics.getCacheHitPercentage()).isZero();
    assertThat(statistics.getCacheMissPercentage()).isZero();
  }

  @Test
  void averageGetTimeIsMicrosecondsPerGet() {
    statistics.recordHits(2);
    statistics.recordMisses(1);
    statistics.recordGetTime(1_000);
    statistics.recordGetTime(2_000);
    statistics.recordGetTime(3_000);

    assertThat(statistics.getAverageGetTime()).isCloseTo(2.0f, within(1e-6f));
  }

  /** Starts and finishes {@code count} timed gets, each lasting until the clock has moved; returns how many were timed. */
  private static int timeGets(CacheStatistics statistics, int count) {
    int timed = 0;
    for (int i = 0; i < count; i++) {
      StatisticsRecorder recorder = statistics.recorder();
      long token = recorder.startGet();
      if (token != 0) {
        timed++;
        long start = System.nanoTime();
        while (System.nanoTime() == start) {
          Thread.onSpinWait();
        }
      }
      recorder.finishGet(token, true);
    }
    return timed;
  }

  @Test
  void theFirstGetsAreTimedOneByOne() {
    assertThat(timeGets(statistics, CacheStatistics.EXACT_TIMINGS)).isEqualTo(CacheStatistics.EXACT_TIMINGS);
    statistics.recordHits(CacheStatistics.EXACT_TIMINGS);

    assertThat(statistics.getAverageGetTime()).isPositive();
  }

  @Test
  void thenAboutOneGetInTheSampleIsTimedAndStandsForTheSample() {
    timeGets(statistics, CacheStatistics.EXACT_TIMINGS);
    long exactNanos = statistics.getNanos();
    int timed = timeGets(statistics, 1_000 * CacheStatistics.TIMING_SAMPLE);

    // Gaps drawn uniformly from 1 to 127 (mean 64, standard deviation about 37): about 1000 timed,
    // with a standard deviation of about 18.
    assertThat(timed).isBetween(900, 1_100);
    long sampledNanos = statistics.getNanos() - exactNanos;
    assertThat(sampledNanos).isPositive();
    assertThat(sampledNanos % CacheStatistics.TIMING_SAMPLE).as("each sampled time is weighted").isZero();
  }

  @Test
  void clearTimesOneByOneAgain() {
    timeGets(statistics, 2 * CacheStatistics.EXACT_TIMINGS);
    statistics.clear();

    assertThat(timeGets(statistics, 10)).isEqualTo(10);
  }

  @Test
  void noGetIsTimedWhileDisabled() {
    CacheStatistics disabled = new CacheStatistics();

    assertThat(timeGets(disabled, 2_000)).isZero();
    assertThat(disabled.getNanos()).isZero();
  }

  @Test
  void averagePutAndRemoveTimesAreMicrosecondsPerOperation() {
    statistics.recordPuts(4);
    statistics.recordPutTime(10_000);
    statistics.recordRemovals(2);
    statistics.recordRemoveTime(3_000);

    assertThat(statistics.getAveragePutTime()).isCloseTo(2.5f, within(1e-6f));
    assertThat(statistics.getAverageRemoveTime()).isCloseTo(1.5f, within(1e-6f));
  }

  @Test
  void averagesAreZeroWithoutOperations() {
    assertThat(statistics.getAverageGetTime()).isZero();
    assertThat(statistics.getAveragePutTime()).isZero();
    assertThat(statistics.getAverageRemoveTime()).isZero();
  }

  @Test
  void putsRemovalsAndEvictionsAreCounted() {
    statistics.recordPuts(2);
    statistics.recordRemovals(3);
    statistics.recordEvictions(4);

    assertThat(statistics.getCachePuts()).isEqualTo(2);
    assertThat(statistics.getCacheRemovals()).isEqualTo(3);
    assertThat(statistics.getCacheEvictions()).isEqualTo(4);
  }

  @Test
  void disabledStatisticsRecordNothing() {
    statistics.setEnabled(false);
    statistics.recordHits(1);
    statistics.recordMisses(1);
    statistics.recordPuts(1);
    statistics.recordRemovals(1);
    statistics.recordEvictions(1);
    statistics.recordGetTime(1);
    statistics.recordPutTime(1);
    statistics.recordRemoveTime(1);

    assertAllZero(statistics);
  }

  @Test
  void disablingKeepsTheCountsGatheredSoFar() {
    statistics.recordHits(2);
    statistics.setEnabled(false);

    assertThat(statistics.getCacheHits()).isEqualTo(2);
  }

  @Test
  void clearResetsEveryCounter() {
    statistics.recordHits(1);
    statistics.recordMisses(1);
    statistics.recordPuts(1);
    statistics.recordRemovals(1);
    statistics.recordEvictions(1);
    statistics.recordGetTime(5);
    statistics.recordPutTime(5);
    statistics.recordRemoveTime(5);

    statistics.clear();

    assertAllZero(statistics);
    assertThat(statistics.isEnabled()).isTrue();
  }

  @Test
  void loadsAreCountedBySuccessWithTheirTime() {
    statistics.recordLoad(1_000, true);
    statistics.recordLoad(2_000, false);
    statistics.recordLoad(3_000, true);

    assertThat(statistics.getLoadSuccesses()).isEqualTo(2);
    assertThat(statistics.getLoadFailures()).isEqualTo(1);
    assertThat(statistics.getTotalLoadTimeNanos()).isEqualTo(6_000);
  }

  @Test
  void disabledStatisticsRecordNoLarderCounters() {
    statistics.setEnabled(false);
    statistics.recordExpiredOnAccess(1);
    statistics.recordExpiredByMaintenance(1);
    statistics.recordLoad(10, true);

    assertLarderCountersZero(statistics);
  }

  @Test
  void clearResetsLarderCounters() {
    statistics.recordExpiredOnAccess(1);
    statistics.recordExpiredByMaintenance(1);
    statistics.recordLoad(10, false);

    statistics.clear();

    assertLarderCountersZero(statistics);
  }

  @Test
  void negativeLoadTimeIsRejected() {
    assertThatThrownBy(() -> statistics.recordLoad(-5, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("load time")
        .hasMessageContaining("-5");
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> statistics.recordHits(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hits")
        .hasMessageContaining("-1");
  }

  @Test
  void theRecorderCountsWhatEachOperationDid() {
    StatisticsRecorder recorder = statistics.recorder();
    recorder.finishGet(recorder.startGet(), true);
    recorder.finishGet(recorder.startGet(), false);
    long put = recorder.startPut();
    recorder.countGet(true);
    recorder.countPut();
    recorder.finishPut(put);
    long remove = recorder.startRemove();
    recorder.countRemoval();
    recorder.finishRemove(remove);

    assertThat(statistics.getCacheHits()).isEqualTo(2);
    assertThat(statistics.getCacheMisses()).isEqualTo(1);
    assertThat(statistics.getCachePuts()).isEqualTo(1);
    assertThat(statistics.getCacheRemovals()).isEqualTo(1);
  }

  @Test
  void aRecorderObtainedWhileDisabledRecordsNothing() {
    statistics.setEnabled(false);
    StatisticsRecorder recorder = statistics.recorder();
    statistics.setEnabled(true);

    assertThat(recorder.startGet()).isZero();
    recorder.finishGet(0L, true);
    recorder.countGet(false);
    recorder.countPut();
    recorder.countRemoval();
    assertAllZero(statistics);
  }

  @Test
  void countsOfEveryThreadAddUpWhileAnotherThreadCountsEvictionsExpirationsAndLoads() throws Exception {
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        work.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            StatisticsRecorder recorder = statistics.recorder();
            recorder.finishGet(recorder.startGet(), (i & 1) == 0);
            recorder.countPut();
          }
        }));
      }
      work.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          statistics.recordEvictions(1);
          statistics.recordExpiredByMaintenance(1);
          statistics.recordLoad(10, (i & 1) == 0);
        }
      }));
      for (Future<?> future : work) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(statistics.getCacheHits()).isEqualTo(perThread);
    assertThat(statistics.getCacheMisses()).isEqualTo(perThread);
    assertThat(statistics.getCachePuts()).isEqualTo(2L * perThread);
    assertThat(statistics.getCacheEvictions()).isEqualTo(perThread);
    assertThat(statistics.getExpiredByMaintenance()).isEqualTo(perThread);
    assertThat(statistics.getLoadSuccesses()).isEqualTo(perThread / 2);
    assertThat(statistics.getLoadFailures()).isEqualTo(perThread / 2);
    assertThat(statistics.getTotalLoadTimeNanos()).isEqualTo(10L * perThread);
    assertThat(statistics.getAverageGetTime()).isPositive();
  }

  @Test
  void statisticsNobodyReferencesAreCollectedEvenAfterThisThreadRecordedIntoThem() {
    WeakReference<CacheStatistics> forgotten = recordOnceAndForget();
    for (int i = 0; i < 10 && forgotten.get() != null; i++) {
      System.gc();
    }

    assertThat(forgotten.get()).as("kept alive through this thread's ThreadLocal map").isNull();
  }

  private static WeakReference<CacheStatistics> recordOnceAndForget() {
    CacheStatistics statistics = enabled();
    StatisticsRecorder recorder = statistics.recorder();
    recorder.finishGet(recorder.startGet(), true);
    statistics.recordEvictions(1);
    return new WeakReference<>(statistics);
  }

  @Test
  void concurrentRecordingLosesNoCount() throws InterruptedException {
    int threads = 4;
    int perThread = 50_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          statistics.recordHits(1);
          statistics.recordMisses(1);
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(statistics.getCacheGets()).isEqualTo(2L * threads * perThread);
  }

  private static void assertLarderCountersZero(CacheStatistics s) {
    assertThat(s.getExpiredOnAccess()).isZero();
    assertThat(s.getExpiredByMaintenance()).isZero();
    assertThat(s.getLoadSuccesses()).isZero();
    assertThat(s.getLoadFailures()).isZero();
    assertThat(s.getTotalLoadTimeNanos()).isZero();
  }

  private static void assertAllZero(CacheStatistics s) {
    assertThat(s.getCacheHits()).isZero();
    assertThat(s.getCacheMisses()).isZero();
    assertThat(s.getCacheGets()).isZero();
    assertThat(s.getCachePuts()).isZero();
    assertThat(s.getCacheRemovals()).isZero();
    assertThat(s.getCacheEvictions()).isZero();
    assertThat(s.getCacheHitPercentage()).isZero();
    assertThat(s.getCacheMissPercentage()).isZero();
    assertThat(s.getAverageGetTime()).isZero();
    assertThat(s.getAveragePutTime()).isZero();
    assertThat(s.getAverageRemoveTime()).isZero();
  }
}
