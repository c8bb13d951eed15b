package dev.larder.jcache;

import dev.larder.engine.Slot;
import dev.larder.engine.Store;
import dev.larder.jcache.copy.Copier;
import dev.larder.jcache.event.EventDispatcher;
import dev.larder.jcache.expiry.ExpiryDeadlines;
import dev.larder.jcache.integration.CacheIntegration;
import dev.larder.jcache.integration.Writer;
import dev.larder.jcache.management.CacheStatistics;
import dev.larder.jcache.processor.EntryProcessorEntry;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

/**
 * The single-key steps of a cache, each one {@link Store#compute} call: inside it the writer runs
 * first (a failing writer leaves the entry as it was), then the deadline is computed from the expiry
 * policy and the change is published to the listeners; after it, outside the key's lock, the step
 * waits for the synchronous listeners. If anything fails, the step's unsent events are dropped.
 *
 * <p>Keys that a step stores are first copied with the cache's {@link Copier}, and values turned into
 * their stored form ({@link #toStored}: serialized bytes for mutable values when storing by value; the
 * value itself by reference); the values steps return are in stored form, which the cache turns into
 * an object of the caller's own ({@link #copyOut}) before handing it out, and listeners get such
 * objects too. Nothing but {@link #copyOut} reads a stored value. Steps that store nothing look the key
 * up as given. Statistics are the cache's business: steps report what happened and the cache counts it,
 * except an expired entry a step finds, which only the step sees and counts as expired on access.
 *
 * <p>Thread-safety: stateless apart from its thread-safe collaborators; any thread may run steps, and
 * steps on one key are serialized by the store.
 */
final class AtomicSteps<K, V> {

  /** A put that was not stored because its value expired on creation. */
  static final Object NOT_STORED = new Object();

  /** The value a conditional step found (stored object, {@code null} if absent) and whether it acted. */
  record Outcome<V>(V found, boolean done) {}

  private final Store<K, V> store;
  private final Copier copier;
  private final boolean byReference;
  private final ClassLoader classLoader;
  private final ExpiryDeadlines expiry;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheIntegration<K, V> integration;
  private final CacheStatistics statistics;
  private final Invalidations invalidations = new Invalidations();

  AtomicSteps(Store<K, V> store, Copier copier, ClassLoader classLoader, ExpiryDeadlines expiry,
      EventDispatcher<K, V> dispatcher, CacheIntegration<K, V> integration, CacheStatistics statistics) {
    this.store = store;
    this.copier = copier;
    this.byReference = copier.isIdentity();
    this.classLoader = classLoader;
    this.expiry = expiry;
    this.dispatcher = dispatcher;
    this.integration = integration;
    this.statistics = statistics;
  }

  /** Returns the stored value of {@code key} (not copied), applying the policy's access expiry. */
  V read(K key) {
    if (!expiry.tracksAccess()) {
      return store.get(key);
    }
    return finish(store.compute(key, (k, slot) -> {
      V current = slot.value();
      if (current == null) {
        publishExpiry(k, slot);
        return null;
      }
      touch(slot);
      return current;
    }));
  }

  /**
   * Reports an entry of {@code key} that expired but lingers, so its listeners hear of it now and the
   * statistics count it as expired on access. Free when nobody would hear of it: no listener, and
   * statistics off or a policy under which nothing expires.
   */
  void reportExpiry(K key) {
    if (dispatcher.isEmpty() && (expiry.isEternal() || !statistics.isEnabled())) {
      return;
    }
    finish(store.compute(key, (k, slot) -> {
      if (slot.value() == null) {
        publishExpiry(k, slot);
      }
      return null;
    }));
  }

  /**
   * Publishes the expiry of {@code value}, which the engine's maintenance removed from {@code key} and
   * reports afterwards, outside the key's lock, as a batch of its own (see {@link
   * EventDispatcher#publishApart}). The engine reports only expiries no step has taken over: a step on
   * the key between the removal and the report sees the expired value as its slot's expired value and
   * publishes it itself, before its own event. The report is published from inside a step on the key,
   * so it is ordered with the key's other events, and only if the key has no live entry: in the short
   * window between the engine's report and this step, a newer value may have been stored, and an
   * {@code EXPIRED} for the older value after its {@code CREATED} would tell listeners the newer value
   * was gone, so that report is dropped. An entry that expired on the key since is reported first.
   */
  void reportEngineExpiry(K key, V value) {
    if (dispatcher.isEmpty()) {
      return;
    }
    V expired = copyOut(value);
    dispatcher.publishApart(() -> store.compute(key, (k, slot) -> {
      if (slot.value() == null) {
        publishExpiry(k, slot);
        dispatcher.publishExpired(k, expired);
      }
      return null;
    }));
  }

  /**
   * Maps {@code key} to {@code value}: writer first (when {@code write}), then creation or update
   * expiry and the matching event. Returns the previous stored value, {@code null} when there was
   * none, or {@link #NOT_STORED} when the value expired on creation.
   */
  Object put(K key, V value, boolean write) {
    V stored = toStored(value);
    Writer<K, V> writer = write ? integration.writer() : Writer.none();
    try {
      return finish(store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        writer.write(key, value);
        long now = expiry.now();
        if (current == null) {
          publishExpiry(k, slot);
          return create(k, slot, stored, now) ? null : NOT_STORED;
        }
        update(k, slot, current, stored, now);
        return current;
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * The cheap form of {@link #put} for a present key, taken when nothing but the value would change:
   * no writer, no listener, and the spec's eternal expiry policy (no update deadline to ask for). The
   * engine replaces the value in place ({@link Store#replaceInPlace}); returns {@code false}, having
   * done nothing, when that does not apply, and the caller runs {@link #put}.
   */
  boolean putInPlace(K key, V value) {
    if (!expiry.isEternal() || !dispatcher.isEmpty() || integration.writer().isEnabled()) {
      return false;
    }
    return store.replaceInPlace(key, toStored(value));
  }

  /**
   * Maps an absent {@code key} to {@code value}, the writer first. The outcome's {@code found} is the
   * present value (nothing done) and {@code done} says whether a value was stored.
   */
  Outcome<V> putIfAbsent(K key, V value) {
    V stored = toStored(value);
    try {
      return finish(store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        if (current != null) {
          return new Outcome<>(current, false);
        }
        integration.writer().write(key, value);
        publishExpiry(k, slot);
        if (integration.isWriteAround()) {
          invalidations.bump(k);
          return new Outcome<>(null, false);
        }
        return new Outcome<>(null, create(k, slot, stored, expiry.now()));
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /**
   * Write-around: the writer takes {@code value} and the cached entry of {@code key} is dropped
   * (a {@code REMOVED} event if there was one). Returns the dropped stored value or {@code null}.
   */
  V writeAround(K key, V value) {
    try {
      return finish(store.compute(copyIn(key), (k, slot) -> {
        integration.writer().write(key, value);
        return drop(k, slot);
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Drops the cached entry of {@code key} without calling the writer. */
  void invalidate(K key) {
    finish(store.compute(copyIn(key), this::drop));
  }

  /**
   * Replaces the value of a present key when {@code expected} is {@code null} or equals it; a
   * mismatch counts as an access. Under write-around the entry is written and dropped instead.
   */
  Outcome<V> replace(K key, V expected, V value) {
    V stored = toStored(value);
    try {
      return finish(store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
          return new Outcome<>(null, false);
        }
        if (expected != null && !holds(current, expected)) {
          touch(slot);
          return new Outcome<>(current, false);
        }
        integration.writer().write(key, value);
        if (integration.isWriteAround()) {
          drop(k, slot);
        } else {
          update(k, slot, current, stored, expiry.now());
        }
        return new Outcome<>(current, true);
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Removes {@code key}, the writer deleting it first when {@code write}; returns the old stored value. */
  V remove(K key, boolean write) {
    Writer<K, V> writer = write ? integration.writer() : Writer.none();
    try {
      return finish(store.compute(key, (k, slot) -> {
        writer.delete(key);
        return drop(k, slot);
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Removes {@code key} if its value equals {@code expected}; a mismatch counts as an access. */
  Outcome<V> removeIfEqual(K key, V expected) {
    try {
      return finish(store.compute(key, (k, slot) -> {
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
          return new Outcome<>(null, false);
        }
        if (!holds(current, expected)) {
          touch(slot);
          return new Outcome<>(current, false);
        }
        integration.writer().delete(key);
        drop(k, slot);
        return new Outcome<>(current, true);
      }));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Takes the stamp a load must present to {@link #putLoaded}; call it before loading. */
  long loadStamp(K key) {
    return invalidations.stamp(key);
  }

  /**
   * Stores a loaded value without calling the writer (JCache: loading is not writing): only when the
   * key is absent, unless {@code replace}, and only if nothing removed or wrote around the key since
   * {@code stamp} was taken (the loaded value could then be older than the system of record). Returns
   * the value now stored (not copied), or {@code null} when nothing was stored.
   */
  V putLoaded(K key, V loaded, boolean replace, long stamp) {
    V value = toStored(loaded);
    return finish(store.compute(copyIn(key), (k, slot) -> {
      V current = slot.value();
      if (current == null) {
        publishExpiry(k, slot);
      }
      if (!invalidations.unchangedSince(k, stamp)) {
        return null;
      }
      long now = expiry.now();
      if (current == null) {
        return create(k, slot, value, now) ? value : null;
      }
      if (!replace) {
        return current;
      }
      update(k, slot, current, value, now);
      return value;
    }));
  }

  /** What an entry processor's step did, for the statistics: its result, a hit, a put, a removal. */
  record Invoked<T>(T result, boolean hit, boolean put, boolean removed) {}

  /**
   * Runs {@code processor} on the entry of {@code key} and applies what it did, all in one step: a
   * change the processor made reaches the writer and the store together, or (if anything throws)
   * neither. A failure of the processor, the loader or the writer comes out as an {@link
   * EntryProcessorException}; a synchronous listener's failure, after the change, as itself.
   * {@code valueCheck} checks the type of the values the processor sets or loads.
   */
  <T> Invoked<T> invoke(K key, EntryProcessor<K, V, T> processor, Object[] arguments,
      BiConsumer<K, V> valueCheck) {
    Invoked<T> invoked;
    try {
      invoked = store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
        }
        EntryProcessorEntry<K, V> entry = new EntryProcessorEntry<>(key, copyOut(current),
            integration.isReadThrough() ? loadingWith(valueCheck) : null);
        T result = processor.process(entry, arguments);
        return apply(k, slot, current, entry, result, valueCheck);
      });
    } catch (EntryProcessorException e) {
      throw failed(e);
    } catch (RuntimeException e) {
      throw failed(new EntryProcessorException(e));
    }
    return finish(invoked);
  }

  private Function<K, V> loadingWith(BiConsumer<K, V> valueCheck) {
    return key -> {
      V loaded = integration.loader().load(key);
      if (loaded != null) {
        valueCheck.accept(key, loaded);
      }
      return loaded;
    };
  }

  private <T> Invoked<T> apply(K k, Slot<V> slot, V current, EntryProcessorEntry<K, V> entry, T result,
      BiConsumer<K, V> valueCheck) {
    K key = entry.getKey();
    boolean hit = current != null;
    switch (entry.action()) {
      case NONE -> {
        return new Invoked<>(result, hit, false, false);
      }
      case READ -> {
        touch(slot);
        return new Invoked<>(result, hit, false, false);
      }
      case LOADED -> {
        create(k, slot, toStored(entry.value()), expiry.now());
        return new Invoked<>(result, hit, false, false);
      }
      case CREATED -> {
        valueCheck.accept(key, entry.value());
        integration.writer().write(key, entry.value());
        boolean created = create(k, slot, toStored(entry.value()), expiry.now());
        return new Invoked<>(result, hit, created, false);
      }
      case UPDATED -> {
        valueCheck.accept(key, entry.value());
        integration.writer().write(key, entry.value());
        update(k, slot, current, toStored(entry.value()), expiry.now());
        return new Invoked<>(result, hit, true, false);
      }
      case DELETED -> {
        integration.writer().delete(key);
        invalidations.bump(k);
        boolean removed = current != null && drop(k, slot) != null;
        return new Invoked<>(result, hit, false, removed);
      }
      default -> throw new IllegalStateException("Unknown entry processor action " + entry.action());
    }
  }

  // ---------------------------------------------------------------- pieces used inside a step

  /** Stores {@code value} on an absent key with creation expiry; {@code false} if it expired at once. */
  boolean create(K key, Slot<V> slot, V value, long now) {
    long deadline = expiry.creation(now);
    if (ExpiryDeadlines.isExpired(deadline, now)) {
      return false;
    }
    slot.set(value, deadline);
    if (!dispatcher.isEmpty()) {
      dispatcher.publishCreated(key, copyOut(value));
    }
    return true;
  }

  /** Replaces {@code current} by {@code value} with update expiry. */
  void update(K key, Slot<V> slot, V current, V value, long now) {
    long deadline = expiry.update(now);
    slot.set(value, deadline == ExpiryDeadlines.UNCHANGED ? slot.expiresAt() : deadline);
    if (!dispatcher.isEmpty()) {
      dispatcher.publishUpdated(key, copyOut(current), copyOut(value));
    }
  }

  /**
   * Removes the live entry, if any, with a {@code REMOVED} event; returns its value. Loads of the key
   * that are running now will not be cached (see {@link Invalidations}).
   */
  V drop(K key, Slot<V> slot) {
    invalidations.bump(key);
    V current = slot.value();
    if (current == null) {
      publishExpiry(key, slot);
      return null;
    }
    slot.remove();
    if (!dispatcher.isEmpty()) {
      dispatcher.publishRemoved(key, copyOut(current));
    }
    return current;
  }

  /** Applies the access duration to the live entry. */
  void touch(Slot<V> slot) {
    long deadline = expiry.access(expiry.now());
    if (deadline != ExpiryDeadlines.UNCHANGED) {
      slot.setExpiresAt(deadline);
    }
  }

  /** Counts and publishes the expiry of an entry the step found expired, if any. */
  void publishExpiry(K key, Slot<V> slot) {
    V expired = slot.expiredValue();
    if (expired == null) {
      return;
    }
    statistics.recordExpiredOnAccess(1);
    if (!dispatcher.isEmpty()) {
      dispatcher.publishExpired(key, copyOut(expired));
    }
  }

  /** Waits for the synchronous listeners of the step that returned {@code result}. */
  <R> R finish(R result) {
    dispatcher.awaitSynchronous();
    return result;
  }

  /** Drops the events of a failed step and returns its exception for rethrowing. */
  RuntimeException failed(RuntimeException e) {
    dispatcher.discardPending();
    return e;
  }

  /** Copies a key on its way into the store (store-by-value); free by reference. */
  <T> T copyIn(T object) {
    return byReference ? object : copier.copy(object, classLoader);
  }

  /**
   * The form in which the store holds {@code value}: the value itself by reference; by value, what
   * the {@link Copier} makes of it (serialized bytes for mutable values). Only {@link #copyOut} reads it.
   */
  @SuppressWarnings("unchecked")
  V toStored(V value) {
    return byReference ? value : (V) copier.toStored(value, classLoader);
  }

  /**
   * Returns an object a caller or listener may own: from a stored value (see {@link #toStored}), or a
   * copy of a key or of a value that did not come from the store; free by reference.
   */
  <T> T copyOut(T object) {
    return byReference ? object : copier.fromStored(object, classLoader);
  }

  /** Whether the stored {@code current} equals {@code expected} (by value, compared as objects). */
  private boolean holds(V current, V expected) {
    return byReference ? current.equals(expected) : copyOut(current).equals(expected);
  }
}
