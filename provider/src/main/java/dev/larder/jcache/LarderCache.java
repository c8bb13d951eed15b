package dev.larder.jcache;

import dev.larder.engine.RemovalCause;
import dev.larder.engine.Slot;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.copy.Copier;
import dev.larder.jcache.event.EventDispatcher;
import dev.larder.jcache.expiry.ExpiryDeadlines;
import dev.larder.jcache.integration.CacheIntegration;
import dev.larder.jcache.integration.Loader;
import dev.larder.jcache.integration.WrittenEntry;
import dev.larder.jcache.integration.Writer;
import dev.larder.jcache.management.CacheConfigurationMXBean;
import dev.larder.jcache.management.CacheStatistics;
import dev.larder.jcache.management.JmxRegistration;
import dev.larder.jcache.processor.EntryProcessorEntry;
import dev.larder.jcache.processor.ProcessorResult;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Larder's cache: the JCache {@link Cache} over a {@link Store}, and Larder's own cache type (through
 * {@link #unwrap}) with the engine's figures: {@link #estimatedSize()}, {@link #weightedSize()},
 * {@link #maximum()}, {@link #policyName()} and {@link #cleanUp()}.
 *
 * <p>Each single-key mutation is one {@link Store#compute} step: inside it the writer runs (before the
 * change, so a failing writer leaves the cache as it was), the new deadline is computed and events are
 * published; after it returns, outside the key's lock, the cache waits for the synchronous listeners.
 * Copying (store-by-value), deadlines, writer calls, events and statistics live in their own classes;
 * this class only strings them together per operation.
 *
 * <p>Thread-safety: every method may be called from any thread. The hot read path (store-by-reference,
 * no statistics, a policy that does not change deadlines on access) is a volatile read of the closed
 * flag and {@link Store#get}: no lock and no allocation.
 *
 * <p>Implementation notes: the only mutable fields are {@code closed} (volatile, set once by {@link
 * #close}) and the live {@code configuration}, which is changed and copied only while holding its
 * monitor (listener registration, enabling statistics or management). Values in the store are the
 * cache's own copies when store-by-value; every value handed out is copied again.
 */
public class LarderCache<K, V> implements Cache<K, V> {

  private static final Logger LOG = Logger.getLogger(LarderCache.class.getName());

  private final String name;
  private final LarderCacheManager manager;
  private final LarderConfiguration<K, V> configuration;
  private final Class<?> keyType;
  private final Class<?> valueType;
  private final ClassLoader classLoader;
  private final Copier copier;
  private final ExpiryDeadlines expiry;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatistics statistics;
  private final CacheIntegration<K, V> integration;
  private final Executor executor;
  private final Store<K, V> store;
  private volatile boolean closed;

  LarderCache(LarderCacheManager manager, String name, LarderConfiguration<K, V> configuration) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.keyType = configuration.getKeyType();
    this.valueType = configuration.getValueType();
    this.classLoader = manager.getClassLoader();
    this.copier = Copier.forStoreByValue(configuration.isStoreByValue());
    Ticker ticker = configuration.getTickerFactory() == null ? Ticker.SYSTEM : configuration.getTickerFactory().create();
    this.executor = configuration.getExecutorFactory() == null
        ? ForkJoinPool.commonPool()
        : configuration.getExecutorFactory().create();
    this.expiry = new ExpiryDeadlines(configuration.getExpiryPolicyFactory().create(), ticker);
    this.dispatcher = new EventDispatcher<>(executor);
    this.statistics = new CacheStatistics();
    this.integration = CacheIntegration.create(name, configuration, ticker, classLoader);
    this.store = buildStore(configuration, ticker, executor);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      dispatcher.register(this, listener);
    }
    statistics.setEnabled(configuration.isStatisticsEnabled());
    if (configuration.isManagementEnabled()) {
      JmxRegistration.register(this, new CacheConfigurationMXBean(this), JmxRegistration.Kind.CONFIGURATION);
    }
    if (configuration.isStatisticsEnabled()) {
      JmxRegistration.register(this, statistics, JmxRegistration.Kind.STATISTICS);
    }
  }

  private Store<K, V> buildStore(LarderConfiguration<K, V> config, Ticker ticker, Executor maintenance) {
    StoreBuilder<K, V> builder = StoreBuilder.<K, V>newBuilder()
        .policy(config.getPolicy())
        .ticker(ticker)
        .executor(maintenance)
        .listener(this::onEngineRemoval);
    if (config.getMaximumSize() >= 0) {
      builder.maximumSize(config.getMaximumSize());
    } else if (config.getMaximumWeight() >= 0) {
      if (config.getWeigherFactory() == null) {
        throw new IllegalArgumentException("Cache '" + name + "': maximumWeight needs a weigherFactory");
      }
      Weigher<? super K, ? super V> weigher = config.getWeigherFactory().create();
      builder.maximumWeight(config.getMaximumWeight()).weigher(weigher);
    }
    return builder.build();
  }

  // ---------------------------------------------------------------- Larder's own figures

  /** The number of entries, counting expired ones that maintenance has not removed yet. */
  public long estimatedSize() {
    return store.estimatedSize();
  }

  /** The total weight of the entries (the entry count without a weigher). */
  public long weightedSize() {
    return store.weightedSize();
  }

  /** The bound, in entries or weight, or {@code -1} when unbounded. */
  public long maximum() {
    return store.maximum();
  }

  /** The eviction policy's name, or {@code "none"} when unbounded. */
  public String policyName() {
    return store.policyName();
  }

  /** Runs pending maintenance (expiry, eviction) now, on the calling thread. */
  public void cleanUp() {
    requireOpen();
    store.cleanUp();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    if (!statistics.isEnabled() && !expiry.tracksAccess()) {
      V value = store.get(key);
      return value != null ? copyOut(value) : miss(key);
    }
    long start = timer();
    V value = read(key);
    if (value != null) {
      statistics.recordHits(1);
      statistics.recordGetTime(since(start));
      return copyOut(value);
    }
    statistics.recordMisses(1);
    V loaded = miss(key);
    statistics.recordGetTime(since(start));
    return loaded;
  }

  /** Returns the stored value (not copied), applying the policy's access expiry; no statistics. */
  private V read(K key) {
    if (!expiry.tracksAccess()) {
      return store.get(key);
    }
    V value = store.compute(key, (k, slot) -> {
      V current = slot.value();
      if (current == null) {
        publishExpiry(k, slot);
        return null;
      }
      touch(slot);
      return current;
    });
    dispatcher.awaitSynchronous();
    return value;
  }

  /** Applies the access duration to a live entry. */
  private void touch(Slot<V> slot) {
    long deadline = expiry.access(expiry.now());
    if (deadline != ExpiryDeadlines.UNCHANGED) {
      slot.setExpiresAt(deadline);
    }
  }

  /** Handles a miss: reports a lingering expired entry, then loads when read-through. */
  private V miss(K key) {
    if (!dispatcher.isEmpty()) {
      store.compute(key, (k, slot) -> {
        if (slot.value() == null) {
          publishExpiry(k, slot);
        }
        return null;
      });
      dispatcher.awaitSynchronous();
    }
    V pending = integration.pendingValues().pendingValue(key);
    if (pending != null) {
      return pending;
    }
    if (!integration.isReadThrough()) {
      return null;
    }
    V value = integration.singleFlight().load(key, this::loadAndStore);
    return value == null ? null : copyOut(value);
  }

  /** Loads {@code key} (no lock held) and stores the result if the key is still absent. */
  private V loadAndStore(K key) {
    V loaded = integration.loader().load(key);
    if (loaded == null) {
      return null;
    }
    requireType(key, loaded);
    V stored = storeLoaded(key, loaded, false);
    return stored == null ? copyIn(loaded) : stored;
  }

  /**
   * Stores a loaded value without calling the writer: only when absent unless {@code replace}.
   * Returns the value now stored (not copied), or {@code null} when the loaded one expired at once.
   */
  private V storeLoaded(K key, V loaded, boolean replace) {
    K storedKey = copyIn(key);
    V value = copyIn(loaded);
    V result = store.compute(storedKey, (k, slot) -> {
      V current = slot.value();
      long now = expiry.now();
      if (current == null) {
        publishExpiry(k, slot);
        long deadline = expiry.creation(now);
        if (ExpiryDeadlines.isExpired(deadline, now)) {
          return null;
        }
        slot.set(value, deadline);
        if (!dispatcher.isEmpty()) {
          dispatcher.publishCreated(k, copyOut(value));
        }
        return value;
      }
      if (!replace) {
        return current;
      }
      long deadline = expiry.update(now);
      slot.set(value, deadline == ExpiryDeadlines.UNCHANGED ? slot.expiresAt() : deadline);
      if (!dispatcher.isEmpty()) {
        dispatcher.publishUpdated(k, copyOut(current), copyOut(value));
      }
      return value;
    });
    dispatcher.awaitSynchronous();
    return result;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    long start = timer();
    Map<K, V> result = new LinkedHashMap<>(keys.size() * 2);
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      V value = read(key);
      if (value == null) {
        missing.add(key);
      } else {
        result.put(key, copyOut(value));
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    if (!missing.isEmpty() && integration.isReadThrough()) {
      Map<K, V> loaded = integration.loader().loadAll(missing);
      for (K key : missing) {
        V value = loaded.get(key);
        if (value != null) {
          requireType(key, value);
          V stored = storeLoaded(key, value, false);
          result.put(key, stored == null ? value : copyOut(stored));
        }
      }
    }
    statistics.recordGetTime(since(start));
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    return store.peek(key) != null;
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    requireKeys(keys);
    Loader<K, V> loader = integration.loader();
    if (loader == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    List<K> toLoad = new ArrayList<>(keys);
    executor.execute(() -> {
      try {
        if (!replaceExistingValues) {
          toLoad.removeIf(key -> store.peek(key) != null);
        }
        Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : loader.loadAll(toLoad);
        for (Map.Entry<K, V> entry : loaded.entrySet()) {
          if (entry.getKey() != null && entry.getValue() != null) {
            requireType(entry.getKey(), entry.getValue());
            storeLoaded(entry.getKey(), entry.getValue(), replaceExistingValues);
          }
        }
        if (listener != null) {
          listener.onCompletion();
        }
      } catch (Exception e) {
        if (listener != null) {
          listener.onException(e instanceof CacheLoaderException ? e : new CacheLoaderException(e));
        }
      }
    });
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = timer();
    if (integration.isWriteAround()) {
      writeAround(key, value);
    } else if (store(key, value, true) != NOT_STORED) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(since(start));
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = timer();
    Object previous;
    if (integration.isWriteAround()) {
      previous = writeAround(key, value);
    } else {
      previous = store(key, value, true);
      if (previous != NOT_STORED) {
        statistics.recordPuts(1);
      }
    }
    @SuppressWarnings("unchecked")
    V old = (previous == NOT_STORED || previous == null) ? null : (V) previous;
    recordHitOrMiss(old != null);
    statistics.recordPutTime(since(start));
    return copyOut(old);
  }

  /** Marks a put whose value expired on creation and so was not stored. */
  private static final Object NOT_STORED = new Object();

  /**
   * Maps {@code key} to {@code value} in one atomic step: the writer first (when {@code write}), then
   * the store, with creation or update expiry and the matching event. Returns the previous value (not
   * copied; {@code null} when absent) or {@link #NOT_STORED}.
   */
  private Object store(K key, V value, boolean write) {
    K storedKey = copyIn(key);
    V stored = copyIn(value);
    Writer<K, V> writer = write ? integration.writer() : Writer.none();
    try {
      Object previous = store.compute(storedKey, (k, slot) -> {
        V current = slot.value();
        writer.write(key, value);
        long now = expiry.now();
        if (current == null) {
          publishExpiry(k, slot);
          long deadline = expiry.creation(now);
          if (ExpiryDeadlines.isExpired(deadline, now)) {
            return NOT_STORED;
          }
          slot.set(stored, deadline);
          if (!dispatcher.isEmpty()) {
            dispatcher.publishCreated(k, copyOut(stored));
          }
          return null;
        }
        long deadline = expiry.update(now);
        slot.set(stored, deadline == ExpiryDeadlines.UNCHANGED ? slot.expiresAt() : deadline);
        if (!dispatcher.isEmpty()) {
          dispatcher.publishUpdated(k, copyOut(current), copyOut(stored));
        }
        return current;
      });
      dispatcher.awaitSynchronous();
      return previous;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Write-around: the writer takes the value and the cached entry is dropped; returns the old value. */
  private V writeAround(K key, V value) {
    try {
      V previous = store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        integration.writer().write(key, value);
        if (current == null) {
          publishExpiry(k, slot);
        } else {
          slot.remove();
          if (!dispatcher.isEmpty()) {
            dispatcher.publishRemoved(k, copyOut(current));
          }
        }
        return current;
      });
      dispatcher.awaitSynchronous();
      return previous;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireEntry(entry.getKey(), entry.getValue());
    }
    long start = timer();
    Writer<K, V> writer = integration.writer();
    Set<Object> unwritten = Set.of();
    RuntimeException failure = null;
    if (writer.isEnabled()) {
      List<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>(map.size());
      for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
        entries.add(new WrittenEntry<>(entry.getKey(), entry.getValue()));
      }
      try {
        writer.writeAll(entries);
      } catch (RuntimeException e) {
        failure = e;
        unwritten = new HashSet<>();
        for (Cache.Entry<? extends K, ? extends V> entry : entries) {
          unwritten.add(entry.getKey());
        }
      }
    }
    long puts = 0;
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      if (unwritten.contains(entry.getKey())) {
        continue;
      }
      if (integration.isWriteAround()) {
        invalidate(entry.getKey());
      } else if (store(entry.getKey(), entry.getValue(), false) != NOT_STORED) {
        puts++;
      }
    }
    statistics.recordPuts(puts);
    statistics.recordPutTime(since(start));
    if (failure != null) {
      throw failure;
    }
  }

  /** Drops the cached entry of {@code key} without calling the writer. */
  private void invalidate(K key) {
    store.compute(copyIn(key), (k, slot) -> {
      V current = slot.value();
      if (current == null) {
        publishExpiry(k, slot);
      } else {
        slot.remove();
        if (!dispatcher.isEmpty()) {
          dispatcher.publishRemoved(k, copyOut(current));
        }
      }
      return null;
    });
    dispatcher.awaitSynchronous();
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = timer();
    K storedKey = copyIn(key);
    V stored = copyIn(value);
    Boolean[] hit = new Boolean[1];
    boolean put;
    try {
      put = store.compute(storedKey, (k, slot) -> {
        if (slot.value() != null) {
          hit[0] = Boolean.TRUE;
          return false;
        }
        hit[0] = Boolean.FALSE;
        integration.writer().write(key, value);
        publishExpiry(k, slot);
        long now = expiry.now();
        long deadline = expiry.creation(now);
        if (ExpiryDeadlines.isExpired(deadline, now)) {
          return false;
        }
        if (integration.isWriteAround()) {
          return false;
        }
        slot.set(stored, deadline);
        if (!dispatcher.isEmpty()) {
          dispatcher.publishCreated(k, copyOut(stored));
        }
        return true;
      });
      dispatcher.awaitSynchronous();
    } catch (RuntimeException e) {
      throw failed(e);
    }
    recordHitOrMiss(hit[0]);
    if (put) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(since(start));
    return !hit[0];
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireEntry(key, oldValue);
    Objects.requireNonNull(newValue, "newValue");
    requireType(key, newValue);
    long start = timer();
    Replaced<V> outcome = replaceIf(key, oldValue, newValue);
    recordHitOrMiss(outcome.current != null);
    if (outcome.replaced) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(since(start));
    return outcome.replaced;
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = timer();
    Replaced<V> outcome = replaceIf(key, null, value);
    recordHitOrMiss(outcome.current != null);
    if (outcome.replaced) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(since(start));
    return outcome.replaced;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = timer();
    Replaced<V> outcome = replaceIf(key, null, value);
    recordHitOrMiss(outcome.current != null);
    if (outcome.replaced) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(since(start));
    return copyOut(outcome.current);
  }

  /** The result of a replace step: the value found (not copied) and whether it was replaced. */
  private record Replaced<V>(V current, boolean replaced) {}

  /**
   * Replaces the value of a present key, when {@code expected} is {@code null} or equals the current
   * value; a mismatch counts as an access for expiry.
   */
  private Replaced<V> replaceIf(K key, V expected, V value) {
    V stored = copyIn(value);
    try {
      Replaced<V> outcome = store.compute(copyIn(key), (k, slot) -> {
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
          return new Replaced<>(null, false);
        }
        if (expected != null && !current.equals(expected)) {
          touch(slot);
          return new Replaced<>(current, false);
        }
        integration.writer().write(key, value);
        if (integration.isWriteAround()) {
          slot.remove();
          if (!dispatcher.isEmpty()) {
            dispatcher.publishRemoved(k, copyOut(current));
          }
          return new Replaced<>(current, false);
        }
        long deadline = expiry.update(expiry.now());
        slot.set(stored, deadline == ExpiryDeadlines.UNCHANGED ? slot.expiresAt() : deadline);
        if (!dispatcher.isEmpty()) {
          dispatcher.publishUpdated(k, copyOut(current), copyOut(stored));
        }
        return new Replaced<>(current, true);
      });
      dispatcher.awaitSynchronous();
      return outcome;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  // ---------------------------------------------------------------- removals

  @Override
  public boolean remove(K key) {
    requireOpen();
    requireKey(key);
    long start = timer();
    V removed = removeEntry(key, true);
    if (removed != null) {
      statistics.recordRemovals(1);
    }
    statistics.recordRemoveTime(since(start));
    return removed != null;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    requireKey(key);
    long start = timer();
    V removed = removeEntry(key, true);
    recordHitOrMiss(removed != null);
    if (removed != null) {
      statistics.recordRemovals(1);
    }
    statistics.recordRemoveTime(since(start));
    return copyOut(removed);
  }

  /** Removes {@code key} (the writer deletes it first when {@code write}); returns the old value. */
  private V removeEntry(K key, boolean write) {
    Writer<K, V> writer = write ? integration.writer() : Writer.none();
    try {
      V removed = store.compute(key, (k, slot) -> {
        writer.delete(key);
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
          return null;
        }
        slot.remove();
        if (!dispatcher.isEmpty()) {
          dispatcher.publishRemoved(k, copyOut(current));
        }
        return current;
      });
      dispatcher.awaitSynchronous();
      return removed;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireEntry(key, oldValue);
    long start = timer();
    Replaced<V> outcome;
    try {
      outcome = store.compute(key, (k, slot) -> {
        V current = slot.value();
        if (current == null) {
          publishExpiry(k, slot);
          return new Replaced<>(null, false);
        }
        if (!current.equals(oldValue)) {
          touch(slot);
          return new Replaced<>(current, false);
        }
        integration.writer().delete(key);
        slot.remove();
        if (!dispatcher.isEmpty()) {
          dispatcher.publishRemoved(k, copyOut(current));
        }
        return new Replaced<>(current, true);
      });
      dispatcher.awaitSynchronous();
    } catch (RuntimeException e) {
      throw failed(e);
    }
    recordHitOrMiss(outcome.current != null);
    if (outcome.replaced) {
      statistics.recordRemovals(1);
    }
    statistics.recordRemoveTime(since(start));
    return outcome.replaced;
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    removeKeys(new ArrayList<>(keys));
  }

  @Override
  public void removeAll() {
    requireOpen();
    List<K> keys = new ArrayList<>();
    for (Iterator<K> it = store.keys(); it.hasNext(); ) {
      K key = it.next();
      if (store.peek(key) != null) {
        keys.add(key);
      }
    }
    removeKeys(keys);
  }

  /** Deletes {@code keys} through the writer in one batch, then removes those it deleted. */
  private void removeKeys(List<K> keys) {
    long start = timer();
    Writer<K, V> writer = integration.writer();
    Set<Object> undeleted = Set.of();
    RuntimeException failure = null;
    if (writer.isEnabled()) {
      List<K> pending = new ArrayList<>(keys);
      try {
        writer.deleteAll(pending);
      } catch (RuntimeException e) {
        failure = e;
        undeleted = new HashSet<>(pending);
      }
    }
    long removals = 0;
    for (K key : keys) {
      if (!undeleted.contains(key) && removeEntry(key, false) != null) {
        removals++;
      }
    }
    statistics.recordRemovals(removals);
    statistics.recordRemoveTime(since(start));
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear();
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(processor, "entryProcessor");
    long start = timer();
    T result;
    try {
      result = store.compute(copyIn(key), (k, slot) -> process(key, slot, processor, arguments));
      dispatcher.awaitSynchronous();
    } catch (EntryProcessorException e) {
      dispatcher.discardPending();
      throw e;
    } catch (RuntimeException e) {
      dispatcher.discardPending();
      throw new EntryProcessorException(e);
    }
    statistics.recordGetTime(since(start));
    return result;
  }

  /** Runs {@code processor} on the key's entry and applies what it did, all within the atomic step. */
  private <T> T process(K key, Slot<V> slot, EntryProcessor<K, V, T> processor, Object... arguments) {
    V current = slot.value();
    if (current == null) {
      publishExpiry(copyIn(key), slot);
    }
    recordHitOrMiss(current != null);
    EntryProcessorEntry<K, V> entry = new EntryProcessorEntry<>(key, copyOut(current),
        integration.isReadThrough() ? this::loadForProcessor : null);
    T result;
    try {
      result = processor.process(entry, arguments);
    } catch (EntryProcessorException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(e);
    }
    apply(key, slot, current, entry);
    return result;
  }

  /** Loads inside an entry processor's step (the processor needs the value now). */
  private V loadForProcessor(K key) {
    V loaded = integration.loader().load(key);
    if (loaded != null) {
      requireType(key, loaded);
    }
    return loaded;
  }

  private void apply(K key, Slot<V> slot, V current, EntryProcessorEntry<K, V> entry) {
    K storedKey = copyIn(key);
    long now = expiry.now();
    switch (entry.action()) {
      case NONE -> { }
      case READ -> touch(slot);
      case LOADED -> {
        V value = copyIn(entry.value());
        long deadline = expiry.creation(now);
        if (!ExpiryDeadlines.isExpired(deadline, now)) {
          slot.set(value, deadline);
          if (!dispatcher.isEmpty()) {
            dispatcher.publishCreated(storedKey, copyOut(value));
          }
        }
      }
      case CREATED -> {
        requireType(key, entry.value());
        integration.writer().write(key, entry.value());
        V value = copyIn(entry.value());
        long deadline = expiry.creation(now);
        if (!ExpiryDeadlines.isExpired(deadline, now)) {
          slot.set(value, deadline);
          statistics.recordPuts(1);
          if (!dispatcher.isEmpty()) {
            dispatcher.publishCreated(storedKey, copyOut(value));
          }
        }
      }
      case UPDATED -> {
        requireType(key, entry.value());
        integration.writer().write(key, entry.value());
        V value = copyIn(entry.value());
        long deadline = expiry.update(now);
        slot.set(value, deadline == ExpiryDeadlines.UNCHANGED ? slot.expiresAt() : deadline);
        statistics.recordPuts(1);
        if (!dispatcher.isEmpty()) {
          dispatcher.publishUpdated(storedKey, copyOut(current), copyOut(value));
        }
      }
      case DELETED -> {
        integration.writer().delete(key);
        if (current != null) {
          slot.remove();
          statistics.recordRemovals(1);
          if (!dispatcher.isEmpty()) {
            dispatcher.publishRemoved(storedKey, copyOut(current));
          }
        }
      }
    }
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKeys(keys);
    Objects.requireNonNull(processor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (EntryProcessorException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new EntryIterator<>(this, store.keys());
  }

  /** The iterator's read of one key: a hit with access expiry; {@code null} when gone. */
  Cache.Entry<K, V> iterationEntry(K key) {
    V value = read(key);
    if (value == null) {
      return null;
    }
    statistics.recordHits(1);
    return new LarderEntry<>(copyOut(key), copyOut(value));
  }

  /** The iterator's removal: like {@link #remove(Object)}. */
  void iterationRemove(K key) {
    requireOpen();
    if (removeEntry(key, true) != null) {
      statistics.recordRemovals(1);
    }
  }

  // ---------------------------------------------------------------- listeners

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    synchronized (configuration) {
      for (CacheEntryListenerConfiguration<K, V> existing : configuration.getCacheEntryListenerConfigurations()) {
        if (existing.equals(listenerConfiguration)) {
          throw new IllegalArgumentException("Cache '" + name + "': this listener configuration is already registered");
        }
      }
      configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
      dispatcher.register(this, listenerConfiguration);
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    synchronized (configuration) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
      dispatcher.deregister(listenerConfiguration);
    }
  }

  // ---------------------------------------------------------------- engine callbacks, events

  /** Told by the engine of entries it removed on its own (maintenance thread, outside key locks). */
  private void onEngineRemoval(K key, V value, RemovalCause cause) {
    if (cause == RemovalCause.EVICTED) {
      statistics.recordEvictions(1);
    } else if (cause == RemovalCause.EXPIRED && !dispatcher.isEmpty()) {
      dispatcher.publishExpired(key, copyOut(value));
      try {
        dispatcher.awaitSynchronous();
      } catch (CacheEntryListenerException e) {
        LOG.log(Level.WARNING, "Cache '" + name + "': an expiry listener failed", e);
      }
    }
  }

  /** Publishes the expiry of the entry a remapping found expired, if any. */
  private void publishExpiry(K key, Slot<V> slot) {
    V expired = slot.expiredValue();
    if (expired != null && !dispatcher.isEmpty()) {
      dispatcher.publishExpired(key, copyOut(expired));
    }
  }

  /** Drops the events of a failed operation and returns its exception for rethrowing. */
  private RuntimeException failed(RuntimeException e) {
    dispatcher.discardPending();
    return e;
  }

  // ---------------------------------------------------------------- configuration, lifecycle

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    Objects.requireNonNull(type, "type");
    LarderConfiguration<K, V> copy;
    synchronized (configuration) {
      copy = new LarderConfiguration<>(configuration);
    }
    if (type.isInstance(copy)) {
      return type.cast(copy);
    }
    throw new IllegalArgumentException("The configuration of cache '" + name + "' is a "
        + LarderConfiguration.class.getName() + ", not a " + type.getName());
  }

  /** Turns statistics on or off, (un)registering the statistics MXBean. */
  void setStatisticsEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setStatisticsEnabled(enabled);
      statistics.setEnabled(enabled);
      if (enabled) {
        JmxRegistration.register(this, statistics, JmxRegistration.Kind.STATISTICS);
      } else {
        JmxRegistration.unregister(this, JmxRegistration.Kind.STATISTICS);
      }
    }
  }

  /** Turns management on or off, (un)registering the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setManagementEnabled(enabled);
      if (enabled) {
        JmxRegistration.register(this, new CacheConfigurationMXBean(this), JmxRegistration.Kind.CONFIGURATION);
      } else {
        JmxRegistration.unregister(this, JmxRegistration.Kind.CONFIGURATION);
      }
    }
  }

  /** The statistics of this cache (live counters). */
  CacheStatistics statistics() {
    return statistics;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (configuration) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.release(this);
    shutdown();
  }

  /** Releases what the cache holds: MXBeans, listeners, loader, writer, expiry policy, entries. */
  void shutdown() {
    closed = true;
    JmxRegistration.unregister(this, JmxRegistration.Kind.CONFIGURATION);
    JmxRegistration.unregister(this, JmxRegistration.Kind.STATISTICS);
    dispatcher.close();
    integration.close();
    if (expiry.policy() instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Cache '" + name + "': failed to close the expiry policy", e);
      }
    }
  }

  /** Empties the cache as part of destroying it. */
  void destroy() {
    store.clear();
    shutdown();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("A Larder cache cannot be unwrapped to " + type.getName());
  }

  @Override
  public String toString() {
    return "LarderCache[" + name + "]";
  }

  // ---------------------------------------------------------------- checks and copies

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache '" + name + "' is closed");
    }
  }

  private void requireKey(K key) {
    Objects.requireNonNull(key, "key");
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("Cache '" + name + "' holds keys of type " + keyType.getName()
          + ", not " + key.getClass().getName());
    }
  }

  private void requireEntry(K key, V value) {
    requireKey(key);
    Objects.requireNonNull(value, "value");
    requireType(key, value);
  }

  private void requireType(K key, V value) {
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("Cache '" + name + "' holds values of type " + valueType.getName()
          + ", but key " + key + " was given a " + value.getClass().getName());
    }
  }

  private void requireKeys(Collection<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
  }

  /** Starts timing an operation for the statistics; free when they are off. */
  private long timer() {
    return statistics.isEnabled() ? System.nanoTime() : 0L;
  }

  private static long since(long start) {
    return start == 0L ? 0L : System.nanoTime() - start;
  }

  private void recordHitOrMiss(boolean hit) {
    if (hit) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
  }

  private <T> T copyIn(T object) {
    return copier.copy(object, classLoader);
  }

  private <T> T copyOut(T object) {
    return copier.copy(object, classLoader);
  }
}
