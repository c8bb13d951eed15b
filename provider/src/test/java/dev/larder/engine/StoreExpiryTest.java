package dev.larder.engine;

import static dev.larder.engine.StoreTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.engine.StoreTestSupport.Recorder;
import dev.larder.expiry.FakeTicker;
import dev.larder.policy.PolicyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class StoreExpiryTest {

  private final FakeTicker ticker = new FakeTicker(-Duration.ofDays(1).toNanos());
  private final Recorder<String, String> recorder = new Recorder<>();

  private Store<String, String> store(Executor executor, long maximum) {
    StoreBuilder<String, String> builder = StoreBuilder.<String, String>newBuilder()
        .ticker(ticker).executor(executor).listener(recorder);
    if (maximum >= 0) {
      builder.maximumSize(maximum).policy(PolicyKind.LRU);
    }
    return builder.build();
  }

  @Test
  void expiredEntryIsNeverReturnedEvenBeforeMaintenance() {
    ManualExecutor executor = new ManualExecutor();
    Store<String, String> store = store(executor, 100);
    put(store, "a", "1", ticker.plus(Duration.ofMinutes(5)));
    executor.runAll();

    ticker.advance(Duration.ofMinutes(5));

    assertThat(store.get("a")).isNull();
    assertThat(store.peek("a")).isNull();
    assertThat(store.estimatedSize()).as("still held until maintenance").isEqualTo(1);
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void entryWhoseDeadlinePassedBeforeItsWriteWasReplayedLeavesInThatCycle() {
    ManualExecutor executor = new ManualExecutor();
    Store<String, String> store = store(executor, 100);
    put(store, "old", "0", ticker.plus(Duration.ofSeconds(1)));
    executor.runAll();
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(30)));

    ticker.advance(Duration.ofMinutes(1));
    store.cleanUp();

    assertThat(recorder.events).containsExactlyInAnyOrder("old=0:EXPIRED", "a=1:EXPIRED");
    assertThat(store.estimatedSize()).isZero();
    assertThat(store.weightedSize()).isZero();
  }

  @Test
  void writerOfAKeyWhoseExpiryIsNotYetReportedTakesItOverSoItIsReportedOnceAndFirst() {
    List<String> reported = new ArrayList<>();
    List<String> seenByWriter = new ArrayList<>();
    Store<String, String>[] holder = new Store[1];
    StoreListener<String, String> listener = (key, value, cause) -> {
      reported.add(key + "=" + value + ":" + cause);
      // While the first expiry is delivered, the other key (expired in the same cycle, its report
      // still queued) is written: the writer must see the old value as expired.
      String other = key.equals("a") ? "b" : "a";
      holder[0].compute(other, (k, slot) -> {
        seenByWriter.add(k + " expired " + slot.expiredValue() + ", value " + slot.value());
        slot.set("new", Long.MAX_VALUE);
        return null;
      });
    };
    Store<String, String> store = StoreBuilder.<String, String>newBuilder()
        .ticker(ticker).executor(Runnable::run).listener(listener)
        .maximumSize(100).policy(PolicyKind.LRU).build();
    holder[0] = store;
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(30)));
    put(store, "b", "2", ticker.plus(Duration.ofSeconds(30)));

    ticker.advance(Duration.ofMinutes(1));
    store.cleanUp();

    assertThat(reported).hasSize(1);
    String first = reported.get(0).substring(0, 1);
    String other = first.equals("a") ? "b" : "a";
    String otherOld = other.equals("a") ? "1" : "2";
    assertThat(seenByWriter).containsExactly(other + " expired " + otherOld + ", value null");
    assertThat(store.get(other)).isEqualTo("new");
  }

  @Test
  void entryIsReturnedUntilItsDeadline() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "1", ticker.plus(Duration.ofMinutes(5)));

    ticker.advance(Duration.ofMinutes(5).minusNanos(1));

    assertThat(store.get("a")).isEqualTo("1");
  }

  @Test
  void maintenanceRemovesExpiredEntriesAndReportsThemAsExpired() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(30)));
    put(store, "b", "2", ticker.plus(Duration.ofHours(2)));
    put(store, "c", "3");

    ticker.advance(Duration.ofMinutes(1));
    store.cleanUp();
    assertThat(recorder.events).containsExactly("a=1:EXPIRED");

    ticker.advance(Duration.ofHours(2));
    store.cleanUp();
    assertThat(recorder.events).containsExactly("a=1:EXPIRED", "b=2:EXPIRED");
    assertThat(store.estimatedSize()).isEqualTo(1);
    assertThat(store.weightedSize()).isEqualTo(1);
    assertThat(store.get("c")).isEqualTo("3");
  }

  @Test
  void farFutureDeadlinesExpireOnTime() {
    Store<String, String> store = store(Runnable::run, -1);
    put(store, "day", "d", ticker.plus(Duration.ofDays(1)));
    put(store, "month", "m", ticker.plus(Duration.ofDays(30)));
    put(store, "decade", "y", ticker.plus(Duration.ofDays(3650)));

    ticker.advance(Duration.ofDays(1).minusSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).isEmpty();
    ticker.advance(Duration.ofSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).containsExactly("day=d:EXPIRED");

    ticker.advance(Duration.ofDays(29).minusSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).hasSize(1);
    ticker.advance(Duration.ofSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).containsExactly("day=d:EXPIRED", "month=m:EXPIRED");

    ticker.advance(Duration.ofDays(3620).minusSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).hasSize(2);
    ticker.advance(Duration.ofSeconds(1));
    store.cleanUp();
    assertThat(recorder.events).endsWith("decade=y:EXPIRED");
    assertThat(store.estimatedSize()).isZero();
  }

  @Test
  void remappingSeesTheExpiredValueAndTheEngineDropsIt() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "old", ticker.plus(Duration.ofSeconds(10)));
    ticker.advance(Duration.ofSeconds(10));

    String[] seen = new String[2];
    store.compute("a", (key, slot) -> {
      seen[0] = slot.value();
      seen[1] = slot.expiredValue();
      return null;
    });

    assertThat(seen).containsExactly(null, "old");
    assertThat(store.estimatedSize()).isZero();
    store.cleanUp();
    assertThat(recorder.events).as("the caller reports this expiry, not the listener").isEmpty();
  }

  @Test
  void remappingMayReplaceAnExpiredEntry() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "old", ticker.plus(Duration.ofSeconds(10)));
    ticker.advance(Duration.ofSeconds(10));

    store.compute("a", (key, slot) -> {
      slot.set("new", Long.MAX_VALUE);
      return null;
    });
    ticker.advance(Duration.ofDays(1));
    store.cleanUp();

    assertThat(store.get("a")).isEqualTo("new");
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void setExpiresAtMovesTheDeadline() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(10)));

    long[] deadline = new long[1];
    store.compute("a", (key, slot) -> {
      slot.setExpiresAt(ticker.plus(Duration.ofMinutes(10)));
      deadline[0] = slot.expiresAt();
      return null;
    });
    ticker.advance(Duration.ofMinutes(1));
    store.cleanUp();

    assertThat(deadline[0]).isEqualTo(ticker.plus(Duration.ofMinutes(9)));
    assertThat(store.get("a")).isEqualTo("1");
    assertThat(recorder.events).isEmpty();
    ticker.advance(Duration.ofMinutes(9));
    store.cleanUp();
    assertThat(recorder.events).containsExactly("a=1:EXPIRED");
  }

  @Test
  void entryWithoutDeadlineCanBeGivenOne() {
    Store<String, String> store = store(Runnable::run, 100);
    put(store, "a", "1");
    store.compute("a", (key, slot) -> {
      assertThat(slot.expiresAt()).isEqualTo(Long.MAX_VALUE);
      slot.setExpiresAt(ticker.plus(Duration.ofSeconds(5)));
      return null;
    });

    ticker.advance(Duration.ofSeconds(5));
    store.cleanUp();

    assertThat(store.get("a")).isNull();
    assertThat(recorder.events).containsExactly("a=1:EXPIRED");
    assertThat(store.weightedSize()).isZero();
  }

  @Test
  void unboundedStoreExpiresEntriesThroughItsWheel() {
    Store<String, String> store = store(Runnable::run, -1);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(5)));
    put(store, "b", "2");

    ticker.advance(Duration.ofSeconds(6));
    store.cleanUp();

    assertThat(recorder.events).containsExactly("a=1:EXPIRED");
    assertThat(store.estimatedSize()).isEqualTo(1);
  }

  @Test
  void readOfAnExpiredEntrySchedulesMaintenance() {
    ManualExecutor executor = new ManualExecutor();
    Store<String, String> store = store(executor, -1);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(5)));
    executor.runAll();
    ticker.advance(Duration.ofSeconds(5));

    assertThat(store.get("a")).isNull();
    executor.runAll();

    assertThat(recorder.events).containsExactly("a=1:EXPIRED");
  }

  @Test
  void unboundedEntryThatLosesItsDeadlineNeverExpires() {
    Store<String, String> store = store(Runnable::run, -1);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(5)));
    store.compute("a", (key, slot) -> {
      slot.setExpiresAt(Long.MAX_VALUE);
      return null;
    });

    ticker.advance(Duration.ofDays(1));
    store.cleanUp();

    assertThat(store.get("a")).isEqualTo("1");
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void unboundedEntryWithoutDeadlineCanBeGivenOne() {
    Store<String, String> store = store(Runnable::run, -1);
    put(store, "a", "1");
    put(store, "b", "2");
    store.compute("a", (key, slot) -> {
      slot.set("one", ticker.plus(Duration.ofSeconds(5)));
      return null;
    });

    ticker.advance(Duration.ofSeconds(5));
    store.cleanUp();

    assertThat(store.get("a")).isNull();
    assertThat(store.get("b")).isEqualTo("2");
    assertThat(recorder.events).containsExactly("a=one:EXPIRED");
  }

  @Test
  void clearForgetsScheduledEntries() {
    Store<String, String> store = store(Runnable::run, -1);
    put(store, "a", "1", ticker.plus(Duration.ofSeconds(5)));
    put(store, "b", "2");

    store.clear();
    ticker.advance(Duration.ofSeconds(10));
    store.cleanUp();

    assertThat(store.estimatedSize()).isZero();
    assertThat(recorder.events).isEmpty();
  }
}
