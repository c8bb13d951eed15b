package dev.larder.jcache.event;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * One listener registration: the listener and filter built from a {@link CacheEntryListenerConfiguration},
 * and the per-key chains that keep its deliveries in mutation order.
 *
 * <p>Thread-safety: safe for concurrent publishers and deliverers.
 *
 * <p>Implementation notes. {@code chains} maps a key to the last delivery stage queued for it; a new
 * event for the key is chained after that stage, so one key's events reach the listener one at a time
 * and in the order they were queued, while different keys proceed independently. Queuing happens on the
 * publishing thread inside the facade's per-key atomic step, which is what makes "queue order" equal
 * "mutation order". A delivery removes its own stage from the map once it has run (only if it is still
 * the tail), so idle keys leave nothing behind. The one exception to the chaining is re-entry: a
 * synchronous listener that itself changes the cache publishes from inside a delivery, and those nested
 * synchronous events are delivered straight away on hand-out instead of queuing behind the key (whose
 * queue may wait for the running delivery); so a re-entrant listener sees its own nested events before
 * the rest of the outer batch. {@code active} is cleared by deregistration; each delivery reads it
 * before calling the filter and listener and skips when it is clear, so after {@code deregister} returns
 * only a delivery that had already passed that check can still reach the listener.
 */
final class Registration<K, V> {

  private static final System.Logger LOG = System.getLogger(Registration.class.getName());

  /**
   * How many synchronous deliveries the current thread is inside (listeners that call the cache nest).
   * A synchronous event published from inside one is not chained behind its key's queue: the key's
   * queue may be waiting for the very delivery that is running, so waiting would deadlock.
   */
  private static final ThreadLocal<int[]> DELIVERING = ThreadLocal.withInitial(() -> new int[1]);

  final CacheEntryListenerConfiguration<K, V> configuration;
  final boolean synchronous;
  final boolean oldValueRequired;
  private final Cache<K, V> source;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final CacheEntryEventFilter<? super K, ? super V> filter;
  private final boolean created;
  private final boolean updated;
  private final boolean removed;
  private final boolean expired;
  private final ConcurrentHashMap<K, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
  private volatile boolean active = true;

  Registration(Cache<K, V> source, CacheEntryListenerConfiguration<K, V> configuration) {
    this.source = source;
    this.configuration = configuration;
    this.synchronous = configuration.isSynchronous();
    this.oldValueRequired = configuration.isOldValueRequired();
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory =
        configuration.getCacheEntryListenerFactory();
    if (listenerFactory == null) {
      throw new IllegalArgumentException("the listener configuration has no listener factory: " + configuration);
    }
    this.listener = listenerFactory.create();
    if (listener == null) {
      throw new IllegalArgumentException("the listener factory created null: " + listenerFactory);
    }
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
    this.created = listener instanceof CacheEntryCreatedListener;
    this.updated = listener instanceof CacheEntryUpdatedListener;
    this.removed = listener instanceof CacheEntryRemovedListener;
    this.expired = listener instanceof CacheEntryExpiredListener;
  }

  /** Whether the listener implements the sub-interface for this event type. */
  boolean accepts(EventType type) {
    switch (type) {
      case CREATED:
        return created;
      case UPDATED:
        return updated;
      case REMOVED:
        return removed;
      case EXPIRED:
        return expired;
      default:
        return false;
    }
  }

  /**
   * Queues one event behind the key's previous one; it runs once that one has run and the publishing
   * thread has handed its batch out (which completes {@code ready}). Called inside the key's atomic step.
   */
  void enqueue(EventType type, K key, V value, V oldValue, Batch batch, Executor executor) {
    Delivery delivery = new Delivery(EntryEvent.of(source, type, key, value, oldValue, oldValueRequired), batch);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    if (synchronous && DELIVERING.get()[0] > 0) {
      CompletableFuture<Void> stage = ready.thenRun(delivery);
      delivery.stage = stage;
      batch.add(ready, stage);
      return;
    }
    CompletableFuture<Void> stage = chains.compute(key, (k, previous) -> {
      if (previous == null || previous.isDone()) {
        return synchronous ? ready.thenRun(delivery) : ready.thenRunAsync(delivery, executor);
      }
      return synchronous
          ? previous.runAfterBoth(ready, delivery)
          : previous.runAfterBothAsync(ready, delivery, executor);
    });
    delivery.stage = stage;
    batch.add(ready, synchronous ? stage : null);
  }

  /** Keys with a delivery queued or running. */
  int queuedKeys() {
    return chains.size();
  }

  /** Waits until every delivery queued so far has run (used on close). */
  void drain() {
    for (CompletableFuture<Void> stage : chains.values()) {
      stage.join();
    }
  }

  /** Stops deliveries: queued events for this registration are dropped. */
  void deactivate() {
    active = false;
  }

  /** Closes the listener and the filter when they are {@link AutoCloseable}. */
  void close() {
    closeQuietly(listener);
    if (filter != listener) {
      closeQuietly(filter);
    }
  }

  private static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable) {
      try {
        ((AutoCloseable) resource).close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + resource + " failed", e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(EntryEvent<K, V> event) {
    if (filter != null && !filter.evaluate(event)) {
      return;
    }
    Iterable<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
    switch (event.getEventType()) {
      case CREATED:
        ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
        break;
      case UPDATED:
        ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
        break;
      case REMOVED:
        ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
        break;
      case EXPIRED:
        ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
        break;
      default:
        throw new IllegalStateException("unsupported event type: " + event.getEventType());
    }
  }

  /**
   * One event on its way to this registration's listener. It never completes its stage exceptionally,
   * so a failing listener does not break the key's chain: the failure goes to the publisher's batch
   * (synchronous) or to the log (asynchronous).
   */
  private final class Delivery implements Runnable {
    private final EntryEvent<K, V> event;
    private final Batch batch;
    /** Written by the publisher before it hands the batch out; read only after that. */
    CompletableFuture<Void> stage;

    Delivery(EntryEvent<K, V> event, Batch batch) {
      this.event = event;
      this.batch = batch;
    }

    @Override
    public void run() {
      int[] depth = synchronous ? DELIVERING.get() : null;
      try {
        if (active && !batch.isDiscarded()) {
          if (depth != null) {
            depth[0]++;
          }
          try {
            deliver(event);
          } finally {
            if (depth != null) {
              depth[0]--;
            }
          }
        }
      } catch (Throwable failure) {
        if (synchronous) {
          batch.fail(failure);
        } else {
          LOG.log(Level.WARNING, "asynchronous listener " + listener + " failed on " + event, failure);
        }
      } finally {
        chains.remove(event.getKey(), stage);
      }
    }
  }
}
