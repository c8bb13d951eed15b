package dev.larder.jcache.event;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.EventType;

/**
 * Dispatches JCache entry events ({@code CREATED}, {@code UPDATED}, {@code REMOVED}, {@code EXPIRED}) to
 * the listeners registered on one cache.
 *
 * <p>Thread-safety: thread-safe. The facade publishes from inside a key's atomic step, then, outside any
 * lock, calls {@link #awaitSynchronous()} (or {@link #discardPending()} if the operation failed) on the
 * same thread.
 *
 * <p>Implementation notes. A publish does not run any listener: it queues one delivery per interested
 * registration, chained behind that registration's previous delivery for the same key (see
 * {@link Registration}), so each listener sees one key's events in mutation order. Deliveries are held by
 * the publishing thread's {@link Batch} until {@link #awaitSynchronous()} opens it; synchronous listeners
 * then run on the thread that completes their predecessor (usually the caller itself) and the caller waits
 * for them; asynchronous ones run on the executor and nobody waits. {@code registrations} is a
 * copy-on-write array, replaced under {@code lock} and read without locking, so the no-listener check
 * ({@link #isEmpty()}) is one volatile read. {@code pending} holds each thread's open batch;
 * {@code everQueued} lets hand-out skip the thread-local lookup on caches that never had an event to
 * deliver (a thread always sees its own write of it, and only its own batch matters to it).
 */
public final class EventDispatcher<K, V> {

  @SuppressWarnings("rawtypes")
  private static final Registration[] NONE = new Registration[0];

  private final Executor executor;
  private final ThreadLocal<Batch> pending = new ThreadLocal<>();
  private final Object lock = new Object();
  @SuppressWarnings("unchecked")
  private volatile Registration<K, V>[] registrations = NONE;
  /** Set once, by the first publish that queued anything; until then hand-out has nothing to look up. */
  private volatile boolean everQueued;

  /**
   * @param asyncExecutor runs asynchronous listeners; if it rejects a delivery, the delivery runs on the
   *     thread that released it, so no event is lost
   */
  public EventDispatcher(Executor asyncExecutor) {
    Objects.requireNonNull(asyncExecutor, "asyncExecutor");
    this.executor = task -> {
      try {
        asyncExecutor.execute(task);
      } catch (RejectedExecutionException rejected) {
        task.run();
      }
    };
  }

  /**
   * Instantiates listener and filter from the configuration's factories; {@code source} is the cache the
   * events name. Registering a configuration equal to one already registered does nothing.
   */
  public void register(Cache<K, V> source, CacheEntryListenerConfiguration<K, V> configuration) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(configuration, "configuration");
    synchronized (lock) {
      for (Registration<K, V> registration : registrations) {
        if (registration.configuration.equals(configuration)) {
          return;
        }
      }
      Registration<K, V> registration = new Registration<>(source, configuration);
      Registration<K, V>[] grown = Arrays.copyOf(registrations, registrations.length + 1);
      grown[grown.length - 1] = registration;
      registrations = grown;
    }
  }

  /**
   * Stops delivery to the registration made with an equal configuration, dropping its queued events, and
   * closes its listener and filter if they are {@link AutoCloseable}. Unknown configurations are ignored.
   */
  public void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    Objects.requireNonNull(configuration, "configuration");
    Registration<K, V> removed = null;
    synchronized (lock) {
      Registration<K, V>[] current = registrations;
      for (int i = 0; i < current.length; i++) {
        if (current[i].configuration.equals(configuration)) {
          removed = current[i];
          Registration<K, V>[] shrunk = Arrays.copyOf(current, current.length - 1);
          System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
          registrations = shrunk;
          break;
        }
      }
    }
    if (removed != null) {
      removed.deactivate();
      removed.close();
    }
  }

  /** True when no listener is registered: the facade skips building events then (hot path). */
  public boolean isEmpty() {
    return registrations.length == 0;
  }

  /** Publishes a {@code CREATED} event; call from inside the key's atomic step. */
  public void publishCreated(K key, V value) {
    publish(EventType.CREATED, key, value, null);
  }

  /** Publishes an {@code UPDATED} event; call from inside the key's atomic step. */
  public void publishUpdated(K key, V oldValue, V newValue) {
    publish(EventType.UPDATED, key, newValue, oldValue);
  }

  /** Publishes a {@code REMOVED} event; call from inside the key's atomic step. */
  public void publishRemoved(K key, V oldValue) {
    publish(EventType.REMOVED, key, null, oldValue);
  }

  /** Publishes an {@code EXPIRED} event; call from inside the key's atomic step (or the engine's removal). */
  public void publishExpired(K key, V oldValue) {
    publish(EventType.EXPIRED, key, null, oldValue);
  }

  /** Keys with a delivery queued or running, summed over the registrations. */
  int queuedKeys() {
    int keys = 0;
    for (Registration<K, V> registration : registrations) {
      keys += registration.queuedKeys();
    }
    return keys;
  }

  private void publish(EventType type, K key, V value, V oldValue) {
    Registration<K, V>[] current = registrations;
    if (current.length == 0) {
      return;
    }
    Objects.requireNonNull(key, "key");
    Batch batch = null;
    for (Registration<K, V> registration : current) {
      if (registration.accepts(type)) {
        if (batch == null) {
          batch = openBatch();
        }
        registration.enqueue(type, key, value, oldValue, batch, executor);
      }
    }
  }

  private Batch openBatch() {
    if (!everQueued) {
      everQueued = true;
    }
    Batch batch = pending.get();
    if (batch == null) {
      batch = new Batch();
      pending.set(batch);
    }
    return batch;
  }

  /**
   * Called by the facade after the atomic step returns, outside any lock: blocks until the synchronous
   * listeners have handled every event this thread published since its last call; rethrows a listener's
   * exception as {@link javax.cache.event.CacheEntryListenerException}.
   */
  public void awaitSynchronous() {
    if (!everQueued) {
      return;
    }
    Batch batch = pending.get();
    if (batch != null) {
      pending.remove();
      batch.handOut();
    }
  }

  /** Drops events this thread published but did not yet hand out (used when the operation fails). */
  public void discardPending() {
    if (!everQueued) {
      return;
    }
    Batch batch = pending.get();
    if (batch != null) {
      pending.remove();
      batch.discard();
    }
  }

  /**
   * Closes listeners, filters (if {@link AutoCloseable}); waits for queued asynchronous events first.
   * Events this thread published and did not hand out are handed out without waiting for them.
   */
  public void close() {
    Batch own = pending.get();
    if (own != null) {
      pending.remove();
      own.release();
    }
    Registration<K, V>[] closing;
    synchronized (lock) {
      closing = registrations;
      @SuppressWarnings("unchecked")
      Registration<K, V>[] none = NONE;
      registrations = none;
    }
    for (Registration<K, V> registration : closing) {
      registration.drain();
      registration.deactivate();
      registration.close();
    }
  }
}
