package dev.larder.jcache.event;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

  private final Cache<Integer, String> source = TestCaches.named("events");
  private final ExecutorService executor = Executors.newFixedThreadPool(3);
  private final EventDispatcher<Integer, String> dispatcher = new EventDispatcher<>(executor);

  @AfterEach
  void shutDown() throws InterruptedException {
    dispatcher.close();
    executor.shutdown();
    assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
  }

  private static <K, V> MutableCacheEntryListenerConfiguration<K, V> configuration(
      CacheEntryListener<? super K, ? super V> listener, CacheEntryEventFilter<? super K, ? super V> filter,
      boolean oldValueRequired, boolean synchronous) {
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        filter == null ? null : new FactoryBuilder.SingletonFactory<>(filter);
    return new MutableCacheEntryListenerConfiguration<>(new FactoryBuilder.SingletonFactory<>(listener),
        filterFactory, oldValueRequired, synchronous);
  }

  @Test
  void isEmptyUntilAListenerIsRegistered() {
    assertThat(dispatcher.isEmpty()).isTrue();
    dispatcher.register(source, configuration(new RecordingListener<>(), null, false, true));
    assertThat(dispatcher.isEmpty()).isFalse();
  }

  @Test
  void publishingWithoutListenersLeavesNothingPending() {
    dispatcher.publishCreated(1, "one");
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, true));
    dispatcher.awaitSynchronous();

    assertThat(listener.events).isEmpty();
  }

  @Test
  void eventsCarryTypeKeyValuesAndSource() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, true, true));

    dispatcher.publishCreated(1, "a");
    dispatcher.publishUpdated(1, "a", "b");
    dispatcher.publishRemoved(1, "b");
    dispatcher.publishExpired(2, "z");
    dispatcher.awaitSynchronous();

    assertThat(listener.events)
        .extracting(CacheEntryEvent::getEventType, CacheEntryEvent::getKey, CacheEntryEvent::getValue,
            CacheEntryEvent::getOldValue, CacheEntryEvent::isOldValueAvailable)
        .containsExactly(
            tuple(EventType.CREATED, 1, "a", null, false),
            tuple(EventType.UPDATED, 1, "b", "a", true),
            tuple(EventType.REMOVED, 1, "b", "b", true),
            tuple(EventType.EXPIRED, 2, "z", "z", true));
    assertThat(listener.events).allSatisfy(event -> assertThat((Object) event.getSource()).isSameAs(source));
  }

  @Test
  void oldValueIsOmittedWhenNotRequired() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, true));

    dispatcher.publishUpdated(1, "a", "b");
    dispatcher.publishRemoved(1, "b");
    dispatcher.publishExpired(2, "z");
    dispatcher.awaitSynchronous();

    assertThat(listener.events)
        .extracting(CacheEntryEvent::getEventType, CacheEntryEvent::getValue, CacheEntryEvent::getOldValue,
            CacheEntryEvent::isOldValueAvailable)
        .containsExactly(
            tuple(EventType.UPDATED, "b", null, false),
            tuple(EventType.REMOVED, null, null, false),
            tuple(EventType.EXPIRED, null, null, false));
  }

  @Test
  void eventsReachOnlyListenersOfTheirType() {
    List<String> created = new ArrayList<>();
    CacheEntryCreatedListener<Integer, String> createdOnly = events -> events.forEach(e -> created.add(e.getValue()));
    dispatcher.register(source, configuration(createdOnly, null, false, true));

    dispatcher.publishCreated(1, "a");
    dispatcher.publishUpdated(1, "a", "b");
    dispatcher.publishRemoved(1, "b");
    dispatcher.publishExpired(1, "b");
    dispatcher.awaitSynchronous();

    assertThat(created).containsExactly("a");
  }

  @Test
  void filterDropsTheEventsItRejects() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    CacheEntryEventFilter<Integer, String> evenKeys = event -> event.getKey() % 2 == 0;
    dispatcher.register(source, configuration(listener, evenKeys, false, true));

    for (int key = 1; key <= 6; key++) {
      dispatcher.publishCreated(key, "v" + key);
    }
    dispatcher.awaitSynchronous();

    assertThat(listener.events).extracting(e -> (Object) e.getKey()).containsExactly(2, 4, 6);
  }

  @Test
  void eventsAreHeldUntilHandedOut() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, true));

    dispatcher.publishCreated(1, "a");
    assertThat(listener.events).isEmpty();

    dispatcher.awaitSynchronous();
    assertThat(listener.events).hasSize(1);
  }

  @Test
  void uncontendedSynchronousListenerRunsOnTheCallingThread() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, true));

    dispatcher.publishCreated(1, "a");
    dispatcher.awaitSynchronous();

    assertThat(listener.threads).containsExactly(Thread.currentThread());
  }

  @Test
  void synchronousListenerExceptionReachesTheCallerWrapped() {
    CacheEntryCreatedListener<Integer, String> broken = events -> {
      throw new IllegalStateException("listener broke");
    };
    dispatcher.register(source, configuration(broken, null, false, true));

    dispatcher.publishCreated(1, "a");

    assertThatThrownBy(dispatcher::awaitSynchronous)
        .isInstanceOf(CacheEntryListenerException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("listener broke");
  }

  @Test
  void synchronousListenerExceptionOfTheSpecTypeReachesTheCallerAsIs() {
    CacheEntryListenerException thrown = new CacheEntryListenerException("listener broke");
    CacheEntryCreatedListener<Integer, String> broken = events -> {
      throw thrown;
    };
    dispatcher.register(source, configuration(broken, null, false, true));

    dispatcher.publishCreated(1, "a");

    assertThatThrownBy(dispatcher::awaitSynchronous).isSameAs(thrown);
  }

  @Test
  void failingListenerDoesNotStopLaterEventsForTheKey() {
    AtomicInteger calls = new AtomicInteger();
    CacheEntryCreatedListener<Integer, String> failsOnce = events -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("first call fails");
      }
    };
    dispatcher.register(source, configuration(failsOnce, null, false, true));

    dispatcher.publishCreated(1, "a");
    assertThatThrownBy(dispatcher::awaitSynchronous).isInstanceOf(CacheEntryListenerException.class);
    dispatcher.publishCreated(1, "b");
    dispatcher.awaitSynchronous();

    assertThat(calls).hasValue(2);
  }

  @Test
  void failingAsynchronousListenerDoesNotStopLaterEventsNorReachTheWriter() throws InterruptedException {
    CountDownLatch second = new CountDownLatch(1);
    CacheEntryCreatedListener<Integer, String> failsFirst = events -> {
      for (CacheEntryEvent<? extends Integer, ? extends String> event : events) {
        if (event.getValue().equals("first")) {
          throw new IllegalStateException("first event fails");
        }
        second.countDown();
      }
    };
    dispatcher.register(source, configuration(failsFirst, null, false, false));

    dispatcher.publishCreated(1, "first");
    dispatcher.awaitSynchronous();
    dispatcher.publishCreated(1, "second");
    dispatcher.awaitSynchronous();

    assertThat(second.await(30, SECONDS)).isTrue();
  }

  @Test
  void eventsRejectedByTheExecutorRunOnTheReleasingThread() {
    EventDispatcher<Integer, String> rejecting = new EventDispatcher<>(task -> {
      throw new RejectedExecutionException("saturated");
    });
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    rejecting.register(source, configuration(listener, null, false, false));

    rejecting.publishCreated(1, "a");
    rejecting.awaitSynchronous();

    assertThat(listener.threads).containsExactly(Thread.currentThread());
    rejecting.close();
  }

  @Test
  void discardedEventsAreNeverDelivered() throws InterruptedException {
    RecordingListener<Integer, String> listener = new RecordingListener<>(1);
    dispatcher.register(source, configuration(listener, null, false, false));

    dispatcher.publishCreated(1, "dropped");
    dispatcher.discardPending();
    dispatcher.publishCreated(1, "kept");
    dispatcher.awaitSynchronous();

    assertThat(listener.received.await(30, SECONDS)).isTrue();
    dispatcher.close();
    assertThat(listener.events).extracting(e -> (Object) e.getValue()).containsExactly("kept");
  }

  @Test
  void asynchronousListenerDoesNotBlockTheWriter() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    CacheEntryCreatedListener<Integer, String> blocking = events -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    dispatcher.register(source, configuration(blocking, null, false, false));

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      dispatcher.publishCreated(1, "a");
      dispatcher.awaitSynchronous();
      assertThat(entered.await(30, SECONDS)).isTrue();
      dispatcher.publishCreated(1, "b");
      dispatcher.awaitSynchronous();
    });
    release.countDown();
  }

  @Test
  void deregisterStopsDelivery() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    MutableCacheEntryListenerConfiguration<Integer, String> configuration = configuration(listener, null, false, true);
    dispatcher.register(source, configuration);
    dispatcher.publishCreated(1, "a");
    dispatcher.awaitSynchronous();

    dispatcher.deregister(configuration);
    dispatcher.publishCreated(2, "b");
    dispatcher.awaitSynchronous();

    assertThat(listener.events).extracting(e -> (Object) e.getKey()).containsExactly(1);
    assertThat(dispatcher.isEmpty()).isTrue();
    assertThat(listener.closed).isTrue();
  }

  @Test
  void deregisterDropsEventsAlreadyQueued() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    MutableCacheEntryListenerConfiguration<Integer, String> configuration = configuration(listener, null, false, true);
    dispatcher.register(source, configuration);

    dispatcher.publishCreated(1, "a");
    dispatcher.deregister(configuration);
    dispatcher.awaitSynchronous();

    assertThat(listener.events).isEmpty();
  }

  @Test
  void registeringAnEqualConfigurationTwiceKeepsOneListener() {
    AtomicInteger built = new AtomicInteger();
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    Factory<CacheEntryListener<? super Integer, ? super String>> countingFactory = () -> {
      built.incrementAndGet();
      return listener;
    };
    MutableCacheEntryListenerConfiguration<Integer, String> configuration =
        new MutableCacheEntryListenerConfiguration<>(countingFactory, null, false, true);

    dispatcher.register(source, configuration);
    dispatcher.register(source, configuration);
    dispatcher.publishCreated(1, "a");
    dispatcher.awaitSynchronous();

    assertThat(built).hasValue(1);
    assertThat(listener.events).hasSize(1);
  }

  @Test
  void registrationWithoutListenerFactoryIsRejected() {
    MutableCacheEntryListenerConfiguration<Integer, String> configuration =
        new MutableCacheEntryListenerConfiguration<>(null, null, false, true);

    assertThatThrownBy(() -> dispatcher.register(source, configuration))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no listener factory");
  }

  @Test
  void closeClosesCloseableListenersAndFilters() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    ClosingFilter filter = new ClosingFilter();
    dispatcher.register(source, configuration(listener, filter, false, false));

    dispatcher.close();

    assertThat(listener.closed).isTrue();
    assertThat(filter.closed).isTrue();
    assertThat(dispatcher.isEmpty()).isTrue();
  }

  @Test
  void closeWaitsForQueuedAsynchronousEvents() {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, false));

    for (int i = 0; i < 1_000; i++) {
      dispatcher.publishCreated(i % 10, "v" + i);
      dispatcher.awaitSynchronous();
    }
    dispatcher.close();

    assertThat(listener.events).hasSize(1_000);
  }

  @Test
  void deliveredKeysLeaveNoQueueBehind() throws InterruptedException {
    RecordingListener<Integer, String> synchronous = new RecordingListener<>();
    RecordingListener<Integer, String> asynchronous = new RecordingListener<>(100);
    dispatcher.register(source, configuration(synchronous, null, false, true));
    dispatcher.register(source, configuration(asynchronous, null, false, false));

    for (int key = 0; key < 100; key++) {
      dispatcher.publishCreated(key, "v");
      dispatcher.awaitSynchronous();
    }
    assertThat(asynchronous.received.await(30, SECONDS)).isTrue();

    await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.queuedKeys() == 0);
  }

  @Test
  void asynchronousDeliveryKeepsPerKeyOrderUnderConcurrentPublishers() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    RecordingListener<Integer, String> listener = new RecordingListener<>(threads * perThread);
    dispatcher.register(source, configuration(listener, null, true, false));

    KeyedWorkload workload = new KeyedWorkload(dispatcher, 8);
    workload.run(threads, perThread);

    assertThat(listener.received.await(60, SECONDS)).isTrue();
    workload.assertDeliveredInMutationOrder(listener.events);
  }

  @Test
  void synchronousDeliveryKeepsPerKeyOrderUnderConcurrentPublishers() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, true, true));

    KeyedWorkload workload = new KeyedWorkload(dispatcher, 8);
    workload.run(threads, perThread);

    assertThat(listener.events).hasSize(threads * perThread);
    workload.assertDeliveredInMutationOrder(listener.events);
  }

  @Test
  void synchronousCallerHasSeenItsOwnEventsWhenAwaitReturns() throws Exception {
    RecordingListener<Integer, String> listener = new RecordingListener<>();
    dispatcher.register(source, configuration(listener, null, false, true));
    int threads = 4;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    AtomicInteger missing = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        awaitQuietly(start);
        for (int i = 0; i < perThread; i++) {
          String value = id + ":" + i;
          dispatcher.publishCreated(i % 3, value);
          dispatcher.awaitSynchronous();
          if (listener.events.stream().noneMatch(e -> value.equals(e.getValue()))) {
            missing.incrementAndGet();
          }
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(missing).hasValue(0);
  }

  @Test
  void synchronousListenerThatChangesTheSameKeyDoesNotDeadlock() {
    RecordingListener<Integer, String> observer = new RecordingListener<>();
    CacheEntryCreatedListener<Integer, String> reentrant = events -> {
      for (CacheEntryEvent<? extends Integer, ? extends String> event : events) {
        dispatcher.publishUpdated(event.getKey(), event.getValue(), event.getValue() + "!");
        dispatcher.awaitSynchronous();
      }
    };
    dispatcher.register(source, configuration(reentrant, null, false, true));
    dispatcher.register(source, configuration(observer, null, true, true));

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      dispatcher.publishCreated(1, "a");
      dispatcher.awaitSynchronous();
    });

    assertThat(observer.events)
        .extracting(CacheEntryEvent::getEventType, e -> (Object) e.getValue())
        .containsExactlyInAnyOrder(tuple(EventType.CREATED, "a"), tuple(EventType.UPDATED, "a!"));
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A filter that accepts everything and notes that it was closed. */
  static final class ClosingFilter implements CacheEntryEventFilter<Integer, String>, AutoCloseable {
    volatile boolean closed;

    @Override
    public boolean evaluate(CacheEntryEvent<? extends Integer, ? extends String> event) {
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * Threads that mutate random keys the way the facade does: under a per-key lock (the atomic step) they
   * bump the key's version and publish it, then hand out their events outside the lock.
   */
  static final class KeyedWorkload {
    private final EventDispatcher<Integer, String> dispatcher;
    private final Object[] locks;
    private final int[] versions;

    KeyedWorkload(EventDispatcher<Integer, String> dispatcher, int keys) {
      this.dispatcher = dispatcher;
      this.locks = IntStream.range(0, keys).mapToObj(i -> new Object()).toArray();
      this.versions = new int[keys];
    }

    void run(int threads, int perThread) throws InterruptedException {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          awaitQuietly(start);
          for (int i = 0; i < perThread; i++) {
            int key = ThreadLocalRandom.current().nextInt(locks.length);
            synchronized (locks[key]) {
              int version = ++versions[key];
              if (version == 1) {
                dispatcher.publishCreated(key, "1");
              } else {
                dispatcher.publishUpdated(key, Integer.toString(version - 1), Integer.toString(version));
              }
            }
            dispatcher.awaitSynchronous();
          }
        });
        workers.add(worker);
        worker.start();
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
    }

    void assertDeliveredInMutationOrder(List<CacheEntryEvent<? extends Integer, ? extends String>> events) {
      for (int key = 0; key < locks.length; key++) {
        int k = key;
        List<Integer> delivered = events.stream()
            .filter(e -> e.getKey() == k)
            .map(e -> Integer.parseInt(e.getValue()))
            .collect(Collectors.toList());
        List<Integer> expected = IntStream.rangeClosed(1, versions[key]).boxed().collect(Collectors.toList());
        assertThat(delivered).as("versions delivered for key %d", key).isEqualTo(expected);
        events.stream().filter(e -> e.getKey() == k && e.getEventType() == EventType.UPDATED)
            .forEach(e -> assertThat(Integer.parseInt(e.getOldValue())).isEqualTo(Integer.parseInt(e.getValue()) - 1));
      }
    }
  }
}
