package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.larder.expiry.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Write-behind against an embedded H2 table, with a fake ticker and a hand-driven scheduler. */
class WriteBehindWriterTest {

  private final FakeTicker ticker = new FakeTicker();
  private final ManualScheduler scheduler = new ManualScheduler(ticker);
  private DataSource db;
  private RecordingWriter<String, String> recorder;
  private final List<WriteBehindWriter<String, String>> opened = new ArrayList<>();
  private ExecutorService threads;

  @BeforeEach
  void setUp() {
    db = H2.newInMemory();
    recorder = new RecordingWriter<>(H2.stringStore(db));
  }

  @AfterEach
  void tearDown() {
    if (recorder.gate != null) {
      recorder.gate.countDown();
    }
    recorder.failing = false;
    if (threads != null) {
      threads.shutdownNow();
    }
    opened.forEach(WriteBehindWriter::close);
  }

  private WriteBehindSettings settings() {
    return new WriteBehindSettings()
        .setFlushDelay(Duration.ofMillis(100))
        .setBatchSize(50)
        .setRetryInitialBackoff(Duration.ofMillis(10))
        .setRetryMaxBackoff(Duration.ofMillis(80))
        .setCloseTimeout(Duration.ofSeconds(20));
  }

  private WriteBehindWriter<String, String> open(WriteBehindSettings settings) {
    var writer = WriteBehindWriter.<String, String>builder("orders", recorder)
        .settings(settings).ticker(ticker).scheduler(scheduler).build();
    opened.add(writer);
    return writer;
  }

  private static Cache.Entry<String, String> entry(String key, String value) {
    return new Cache.Entry<>() {
      @Override
      public String getKey() {
        return key;
      }

      @Override
      public String getValue() {
        return value;
      }

      @Override
      public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException();
      }
    };
  }

  @Test
  void writeReturnsBeforeTheWriterIsCalledAndTheBatchLeavesAfterTheFlushDelay() {
    var writer = open(settings());
    writer.write(entry("a", "1"));
    writer.write(entry("b", "2"));

    scheduler.advanceAndRun(Duration.ofMillis(99));
    assertThat(recorder.batches).isEmpty();
    assertThat(H2.rows(db)).isEmpty();

    scheduler.advanceAndRun(Duration.ofMillis(1));
    assertThat(recorder.batches).containsExactly(List.of("put a=1", "put b=2"));
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(writer.getBacklogSize()).isZero();
    assertThat(writer.getFlushCount()).isEqualTo(1);
    assertThat(writer.getWrittenCount()).isEqualTo(2);
  }

  @Test
  void aFullBatchLeavesBeforeTheFlushDelay() {
    var writer = open(settings().setBatchSize(3));
    writer.write(entry("a", "1"));
    writer.write(entry("b", "2"));
    scheduler.runDue();
    assertThat(recorder.batches).isEmpty();

    writer.write(entry("c", "3"));
    scheduler.runDue();
    assertThat(recorder.batches).containsExactly(List.of("put a=1", "put b=2", "put c=3"));
  }

  @Test
  void thousandWritesToTenKeysBecomeOneBatchWithTheLastValues() {
    var writer = open(settings());
    for (int i = 0; i < 1_000; i++) {
      writer.write(entry("k" + (i % 10), "v" + i));
    }
    assertThat(writer.getBacklogSize()).isEqualTo(10);

    scheduler.advanceAndRun(Duration.ofMillis(100));

    assertThat(recorder.batches).hasSize(1);
    assertThat(recorder.batches.get(0)).hasSize(10);
    Map<String, String> rows = H2.rows(db);
    for (int k = 0; k < 10; k++) {
      assertThat(rows).containsEntry("k" + k, "v" + (990 + k));
    }
  }

  @Test
  void putsAndDeletesOfDifferentKeysGoInOneRoundAsWriteAllAndDeleteAll() {
    H2.stringStore(db).write(entry("gone", "x"));
    var writer = open(settings());
    writer.write(entry("a", "1"));
    writer.delete("gone");
    scheduler.advanceAndRun(Duration.ofMillis(100));
    assertThat(recorder.batches).containsExactly(List.of("put a=1"), List.of("delete gone"));
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aDeleteAfterAPutOfTheSameKeyReplacesItInTheQueue() {
    var writer = open(settings());
    writer.write(entry("a", "1"));
    writer.delete("a");
    scheduler.advanceAndRun(Duration.ofMillis(100));
    assertThat(recorder.operations()).containsExactly("delete a");
    assertThat(H2.rows(db)).isEmpty();
  }

  @Test
  void coalescingKeepsTheFirstWritesDeadlineSoAHotKeyIsNotStarved() {
    var writer = open(settings());
    writer.write(entry("hot", "1"));
    for (int i = 2; i <= 10; i++) {
      scheduler.advanceAndRun(Duration.ofMillis(10));
      writer.write(entry("hot", String.valueOf(i)));
    }
    assertThat(recorder.batches).isEmpty();
    scheduler.advanceAndRun(Duration.ofMillis(10));
    assertThat(recorder.operations()).containsExactly("put hot=10");
  }

  @Test
  void lookupPendingReportsAQueuedPutAndAQueuedDelete() {
    var writer = open(settings());
    writer.write(entry("a", "1"));
    writer.delete("b");

    assertThat(writer.lookupPending("a").isDelete()).isFalse();
    assertThat(writer.lookupPending("a").value()).isEqualTo("1");
    assertThat(writer.lookupPending("b").isDelete()).isTrue();
    assertThat(writer.lookupPending("c")).isNull();

    scheduler.advanceAndRun(Duration.ofMillis(100));
    assertThat(writer.lookupPending("a")).isNull();
    assertThat(writer.lookupPending("b")).isNull();
  }

  @Test
  void lookupPendingReportsAWriteWhileTheWriterIsHandlingIt() throws Exception {
    var writer = open(settings().setFlushDelay(Duration.ZERO));
    recorder.gate = new CountDownLatch(1);
    threads = Executors.newSingleThreadExecutor();
    writer.write(entry("a", "1"));
    Future<?> flusher = threads.submit(scheduler::runDue);
    recorder.entered.await();

    assertThat(writer.lookupPending("a").value()).isEqualTo("1");

    recorder.gate.countDown();
    flusher.get();
    assertThat(writer.lookupPending("a")).isNull();
  }

  @Test
  void aWriteToAKeyInFlightWaitsForItAndReachesTheWriterAfterIt() throws Exception {
    var writer = open(settings().setFlushDelay(Duration.ZERO));
    recorder.gate = new CountDownLatch(1);
    threads = Executors.newSingleThreadExecutor();
    writer.write(entry("a", "1"));
    Future<?> flusher = threads.submit(scheduler::runDue);
    recorder.entered.await();

    writer.write(entry("a", "2"));
    writer.delete("a");
    writer.write(entry("a", "3"));
    assertThat(writer.lookupPending("a").value()).isEqualTo("3");

    recorder.gate.countDown();
    flusher.get();
    scheduler.runDue();
    assertThat(recorder.operations()).containsExactly("put a=1", "put a=3");
    assertThat(recorder.maxConcurrentCalls.get()).isEqualTo(1);
    assertThat(H2.rows(db)).containsEntry("a", "3");
  }

  @Test
  void aRemoveAfterAPutInFlightReachesTheWriterAfterThePutEvenWhenThePutFails() throws Exception {
    var writer = open(settings().setFlushDelay(Duration.ZERO));
    recorder.gate = new CountDownLatch(1);
    recorder.failuresToInject.set(1);
    threads = Executors.newSingleThreadExecutor();
    H2.stringStore(db).write(entry("a", "0"));
    writer.write(entry("a", "1"));
    Future<?> flusher = threads.submit(scheduler::runDue);
    recorder.entered.await();
    writer.delete("a");
    recorder.gate.countDown();
    flusher.get();

    scheduler.advanceAndRun(Duration.ofMillis(10));
    assertThat(recorder.operations()).containsExactly("put a=1", "delete a");
    assertThat(H2.rows(db)).isEmpty();
  }

  @Test
  void aFailedBatchIsRetriedWithExponentialBackoffAndNothingIsLost() {
    var writer = open(settings());
    recorder.failuresToInject.set(3);
    writer.write(entry("a", "1"));

    scheduler.advanceAndRun(Duration.ofMillis(100));
    assertThat(recorder.batches).hasSize(1);
    scheduler.advanceAndRun(Duration.ofMillis(9));
    assertThat(recorder.batches).hasSize(1);
    scheduler.advanceAndRun(Duration.ofMillis(1)); // first backoff: 10 ms
    assertThat(recorder.batches).hasSize(2);
    scheduler.advanceAndRun(Duration.ofMillis(19));
    assertThat(recorder.batches).hasSize(2);
    scheduler.advanceAndRun(Duration.ofMillis(1)); // doubled: 20 ms
    assertThat(recorder.batches).hasSize(3);
    scheduler.advanceAndRun(Duration.ofMillis(40)); // doubled: 40 ms; now it works
    assertThat(recorder.batches).hasSize(4);

    assertThat(H2.rows(db)).containsEntry("a", "1");
    assertThat(writer.getFailureCount()).isEqualTo(3);
    assertThat(writer.getRetryCount()).isEqualTo(3);
    assertThat(writer.getBacklogSize()).isZero();
  }

  @Test
  void backoffStopsGrowingAtTheMaximum() {
    open(settings()).write(entry("a", "1"));
    recorder.failing = true;
    scheduler.advanceAndRun(Duration.ofMillis(100));
    for (int i = 0; i < 6; i++) {
      scheduler.advanceAndRun(Duration.ofMillis(80));
    }
    // Each 80 ms step brings exactly one retry only if the backoff never grows past 80 ms.
    assertThat(recorder.batches).hasSize(7);
  }

  @Test
  void onPartialFailureOnlyTheEntriesLeftInTheCollectionAreRetried() {
    var writer = open(settings());
    recorder.failuresToInject.set(1);
    recorder.beforeFailure = batch -> { // pretend the first entry was written
      var it = batch.iterator();
      it.next();
      it.remove();
    };
    writer.write(entry("a", "1"));
    writer.write(entry("b", "2"));
    scheduler.advanceAndRun(Duration.ofMillis(100));
    scheduler.advanceAndRun(Duration.ofMillis(10));
    assertThat(recorder.batches).containsExactly(List.of("put a=1", "put b=2"), List.of("put b=2"));
    assertThat(writer.getBacklogSize()).isZero();
  }

  @Test
  void aNewerWriteSupersedesAFailedInFlightOne() throws Exception {
    var writer = open(settings().setFlushDelay(Duration.ZERO));
    recorder.gate = new CountDownLatch(1);
    recorder.failuresToInject.set(1);
    threads = Executors.newSingleThreadExecutor();
    writer.write(entry("a", "1"));
    Future<?> flusher = threads.submit(scheduler::runDue);
    recorder.entered.await();
    writer.write(entry("a", "2"));
    recorder.gate.countDown();
    flusher.get();

    scheduler.advanceAndRun(Duration.ofMillis(10));
    assertThat(recorder.operations()).containsExactly("put a=1", "put a=2");
    assertThat(H2.rows(db)).containsEntry("a", "2");
    assertThat(writer.getBacklogSize()).isZero();
  }

  @Test
  void aFullBacklogMakesTheCallerWaitUntilRoomIsFreed() throws Exception {
    var writer = open(settings().setMaxBacklog(2).setFlushDelay(Duration.ZERO).setBacklogWaitTimeout(Duration.ofMinutes(5)));
    recorder.gate = new CountDownLatch(1);
    threads = Executors.newFixedThreadPool(2);
    writer.write(entry("a", "1"));
    writer.write(entry("b", "2"));
    Future<?> flusher = threads.submit(scheduler::runDue);
    recorder.entered.await();
    writer.write(entry("a", "1b")); // a key already in the backlog never waits

    var caller = new java.util.concurrent.atomic.AtomicReference<Thread>();
    Future<?> third = threads.submit(() -> {
      caller.set(Thread.currentThread());
      writer.write(entry("c", "3"));
    });
    await().until(() -> caller.get() != null && caller.get().getState() == Thread.State.TIMED_WAITING);
    assertThat(third).isNotDone();

    recorder.gate.countDown();
    flusher.get();
    third.get();
    scheduler.runDue();
    writer.close();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1b", "b", "2", "c", "3"));
  }

  @Test
  void aFullBacklogFailsTheCallerWithAClearExceptionAfterTheWaitAndKeepsTheQueue() {
    var writer = open(settings().setMaxBacklog(2).setBacklogWaitTimeout(Duration.ofMillis(20)));
    recorder.failing = true;
    writer.write(entry("a", "1"));
    writer.write(entry("b", "2"));
    scheduler.advanceAndRun(Duration.ofMillis(100));

    assertThatThrownBy(() -> writer.write(entry("c", "3")))
        .isInstanceOf(CacheWriterException.class)
        .hasMessageContaining("write-behind backlog of cache 'orders' is full")
        .hasMessageContaining("2 distinct keys")
        .hasMessageContaining("injected failure");

    recorder.failing = false;
    scheduler.advanceAndRun(Duration.ofMillis(10));
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(writer.lookupPending("c")).isNull();
  }

  @Test
  void writeAllLeavesTheEntriesItCouldNotQueueInTheCollection() {
    var writer = open(settings().setMaxBacklog(1).setBacklogWaitTimeout(Duration.ZERO));
    List<Cache.Entry<? extends String, ? extends String>> entries =
        new ArrayList<>(List.of(entry("a", "1"), entry("b", "2"), entry("c", "3")));
    assertThatThrownBy(() -> writer.writeAll(entries)).isInstanceOf(CacheWriterException.class);
    List<String> left = new ArrayList<>();
    entries.forEach(e -> left.add(e.getKey()));
    assertThat(left).containsExactly("b", "c");
  }

  @Test
  void closeFlushesEverythingQueued() {
    var writer = open(settings().setFlushDelay(Duration.ofHours(1)));
    writer.write(entry("a", "1"));
    writer.delete("b");
    writer.close();
    assertThat(recorder.operations()).containsExactlyInAnyOrder("put a=1", "delete b");
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
    assertThatThrownBy(() -> writer.write(entry("c", "3")))
        .isInstanceOf(CacheWriterException.class).hasMessageContaining("closed");
  }

  @Test
  void closeRetriesAFailingWriterUntilItRecovers() throws Exception {
    var writer = open(settings().setFlushDelay(Duration.ofHours(1)));
    writer.write(entry("a", "1"));
    recorder.failuresToInject.set(2);
    writer.close();
    assertThat(recorder.batches).hasSize(3);
    assertThat(H2.rows(db)).containsEntry("a", "1");
  }
}
