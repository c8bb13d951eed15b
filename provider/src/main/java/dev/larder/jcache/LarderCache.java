package dev.larder.jcache;

import dev.larder.engine.RemovalCause;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import dev.larder.jcache.AtomicSteps.Invoked;
import dev.larder.jcache.AtomicSteps.Outcome;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.copy.Copier;
import dev.larder.jcache.event.EventDispatcher;
import dev.larder.jcache.expiry.ExpiryDeadlines;
import dev.larder.jcache.integration.CacheIntegration;
import dev.larder.jcache.integration.Writer;
import dev.larder.integration.WriteBehindWriter;
import dev.larder.jcache.management.CacheConfigurationMXBean;
import dev.larder.jcache.management.CacheMetricsSource;
import dev.larder.jcache.management.CacheStatistics;
import dev.larder.jcache.management.JmxRegistration;
import dev.larder.jcache.management.LarderCacheMonitor;
import dev.larder.jcache.management.StatisticsRecorder;
import dev.larder.jcache.processor.ProcessorResult;
import dev.larder.warmup.CacheWarmer;
import dev.larder.warmup.WarmUpProgress;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
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
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Larder's cache: the JCache {@link Cache} over a {@link Store}, and Larder's own cache type (through
 * {@link #unwrap}) with the engine's figures: {@link #estimatedSize()}, {@link #weightedSize()},
 * {@link #maximum()}, {@link #policyName()} and {@link #cleanUp()}.
 *
 * <p>This class is the API surface: it checks arguments and state, copies values handed out, counts
 * statistics and manages the lifecycle. The work is done by collaborators, one per concern: {@link
 * AtomicSteps} (each single-key change as one atomic step with its writer call, deadline and event),
 * {@link ReadThrough} (misses, loading), {@link Copier} (store-by-value), {@link ExpiryDeadlines},
 * {@link EventDispatcher}, {@link CacheStatistics} and {@link CacheIntegration} (loader and writer).
 *
 * <p>Thread-safety: every method may be called from any thread. The hot read path (no statistics, a
 * policy that does not change deadlines on access) is a volatile read of the closed flag, the type
 * check and {@link Store#get}: no lock, and no allocation when storing by reference. With statistics
 * on, a get adds one counter increment; its time is measured on a sample of gets only.
 *
 * <p>Implementation notes: the only mutable fields are {@code closed} (volatile, set once by {@link
 * #close}), {@code warmUp} (volatile, replaced once by the manager right after creation) and the live
 * {@code configuration}, which is changed and copied only while holding its
 * monitor (listener registration, enabling statistics or management). When storing by value the store
 * holds values in the copier's stored form (serialized bytes for mutable values); every value handed
 * out is made from it afresh.
 */
public class LarderCache<K, V> implements Cache<K, V>, CacheMetricsSource {

  private static final Logger LOG = Logger.getLogger(LarderCache.class.getName());

  private final String name;
  private final LarderCacheManager manager;
  private final LarderConfiguration<K, V> configuration;
  private final TypeCheck check;
  private final ExpiryDeadlines expiry;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatistics statistics;
  private final LarderCacheMonitor monitor;
  private final CacheIntegration<K, V> integration;
  private final Executor executor;
  private final Store<K, V> store;
  private final AtomicSteps<K, V> steps;
  private final ReadThrough<K, V> readThrough;
  private volatile WarmUpProgress warmUp;
  private volatile boolean closed;

  LarderCache(LarderCacheManager manager, String name, LarderConfiguration<K, V> configuration) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.check = new TypeCheck(name, configuration.getKeyType(), configuration.getValueType());
    ClassLoader classLoader = manager.getClassLoader();
    Ticker ticker = configuration.getTickerFactory() == null ? Ticker.SYSTEM : configuration.getTickerFactory().create();
    this.executor = configuration.getExecutorFactory() == null
        ? ForkJoinPool.commonPool()
        : configuration.getExecutorFactory().create();
    this.expiry = new ExpiryDeadlines(configuration.getExpiryPolicyFactory().create(), ticker);
    this.dispatcher = new EventDispatcher<>(executor);
    this.statistics = new CacheStatistics();
    this.monitor = new LarderCacheMonitor(this, statistics);
    Copier copier = Copier.forStoreByValue(configuration.isStoreByValue());
    this.integration = CacheIntegration.create(name, configuration, ticker, classLoader, statistics, copier);
    try {
      this.store = buildStore(configuration, ticker, executor, copier, classLoader);
      this.steps = new AtomicSteps<>(store, copier, classLoader, expiry, dispatcher, integration, statistics);
      this.readThrough = new ReadThrough<>(store, steps, integration, check, executor);
      this.warmUp = CacheWarmer.none(name);
      for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
        dispatcher.register(this, listener);
      }
      statistics.setEnabled(configuration.isStatisticsEnabled());
      if (configuration.isManagementEnabled()) {
        registerManagement();
      }
      if (configuration.isStatisticsEnabled()) {
        JmxRegistration.register(this, statistics, JmxRegistration.Kind.STATISTICS);
      }
    } catch (RuntimeException | Error e) {
      // Release what was already created (loader and writer, write-behind, listeners, MXBeans).
      try {
        shutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Store<K, V> buildStore(LarderConfiguration<K, V> config, Ticker ticker, Executor maintenance,
      Copier copier, ClassLoader classLoader) {
    StoreBuilder<K, V> builder = StoreBuilder.<K, V>newBuilder()
        .policy(config.getPolicy())
        .keyType(config.getKeyType())
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
      if (!copier.isIdentity()) {
        // The store holds values in the copier's stored form; the configured weigher weighs the value.
        Weigher<? super K, ? super V> ofValues = weigher;
        weigher = (K key, V stored) -> ofValues.weigh(key, copier.fromStored(stored, classLoader));
      }
      builder.maximumWeight(config.getMaximumWeight()).weigher(weigher);
    }
    return builder.build();
  }

  // ---------------------------------------------------------------- Larder's own figures

  /** The number of entries, counting expired ones that maintenance has not removed yet. */
  @Override
  public long estimatedSize() {
    return store.estimatedSize();
  }

  /** The total weight of the entries (the entry count without a weigher). */
  @Override
  public long weightedSize() {
    return store.weightedSize();
  }

  /** The bound, in entries or weight, or {@code -1} when unbounded. */
  @Override
  public long maximum() {
    return store.maximum();
  }

  /** The eviction policy's name, or {@code "none"} when unbounded. */
  @Override
  public String policyName() {
    return store.policyName();
  }

  /** Keys whose write-behind has not reached the writer yet; 0 without write-behind. */
  @Override
  public long writeBehindBacklog() {
    WriteBehindWriter<K, V> behind = integration.writeBehind();
    return behind == null ? 0 : behind.getBacklogSize();
  }

  /** Write-behind batches the writer completed; 0 without write-behind. */
  @Override
  public long writeBehindFlushes() {
    WriteBehindWriter<K, V> behind = integration.writeBehind();
    return behind == null ? 0 : behind.getFlushCount();
  }

  /** Write-behind batches sent again after a failure; 0 without write-behind. */
  @Override
  public long writeBehindRetries() {
    WriteBehindWriter<K, V> behind = integration.writeBehind();
    return behind == null ? 0 : behind.getRetryCount();
  }

  /**
   * Larder's own view of this cache (what the {@code dev.larder:type=Cache} MXBean shows): sizes, bound,
   * hit ratio, evictions, expirations by cause, loads, write-behind and warm-up. Bind it to Micrometer
   * with {@code LarderCacheMetrics.monitor(registry, cache)}.
   */
  public LarderCacheMonitor monitor() {
    return monitor;
  }

  /** Runs pending maintenance (expiry, eviction) now, on the calling thread. */
  public void cleanUp() {
    requireOpen();
    store.cleanUp();
  }

  /**
   * Warms the cache as its configuration says (see {@link CacheWarmer}); the manager calls this once,
   * right after creating the cache and before handing it out.
   */
  void warmUp() {
    warmUp = CacheWarmer.warm(this, configuration.getWarmUpKeysFactory(), configuration.getWarmUpMode(), executor);
  }

  /** The progress of this cache's warm-up (done, with no keys, when it has none). */
  @Override
  public WarmUpProgress warmUpProgress() {
    return warmUp;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    check.key(key);
    if (!statistics.isEnabled() && !expiry.tracksAccess()) {
      V value = store.get(key);
      return value != null ? steps.copyOut(value) : readThrough.miss(key);
    }
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startGet();
    V value = steps.read(key);
    recorder.finishGet(start, value != null);
    return value != null ? steps.copyOut(value) : readThrough.miss(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
    long start = timer();
    Map<K, V> result = new LinkedHashMap<>(keys.size() * 2);
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      V value = steps.read(key);
      if (value == null) {
        missing.add(key);
      } else {
        result.put(key, steps.copyOut(value));
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    statistics.recordGetTime(since(start));
    if (!missing.isEmpty() && integration.isReadThrough()) {
      readThrough.loadMissing(missing, result);
    }
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    check.key(key);
    return store.peek(key) != null;
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    check.keys(keys);
    readThrough.loadAll(new ArrayList<>(keys), replaceExistingValues, listener);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    check.entry(key, value);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startPut();
    if (integration.isWriteAround()) {
      steps.writeAround(key, value);
    } else if (steps.putInPlace(key, value) || steps.put(key, value, true) != AtomicSteps.NOT_STORED) {
      recorder.countPut();
    }
    recorder.finishPut(start);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    check.entry(key, value);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startPut();
    Object previous;
    if (integration.isWriteAround()) {
      previous = steps.writeAround(key, value);
    } else {
      previous = steps.put(key, value, true);
      if (previous != AtomicSteps.NOT_STORED) {
        recorder.countPut();
      }
    }
    @SuppressWarnings("unchecked")
    V old = previous == AtomicSteps.NOT_STORED ? null : (V) previous;
    recorder.countGet(old != null);
    recorder.finishPut(start);
    return steps.copyOut(old);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With write-through, the writer's {@code writeAll} runs once, before any entry is stored and
   * outside the per-key locks (as in the reference implementation and Caffeine's JCache adapter); each
   * written entry is then stored in its own atomic step. So a concurrent {@code put} of one of these
   * keys may reach the writer before or after this batch and may be overwritten by it in the cache: the
   * cache and the system of record agree on each key's final value only when such writes do not race.
   */
  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      check.entry(entry.getKey(), entry.getValue());
    }
    long start = timer();
    Set<Object> unwritten = Set.of();
    RuntimeException failure = null;
    Writer<K, V> writer = integration.writer();
    if (writer.isEnabled()) {
      List<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>(map.size());
      for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
        entries.add(new LarderEntry<>(entry.getKey(), entry.getValue()));
      }
      try {
        writer.writeAll(entries);
      } catch (RuntimeException e) {
        // What the writer left in the list was not written: those entries must not be cached.
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
        steps.invalidate(entry.getKey());
      } else if (steps.put(entry.getKey(), entry.getValue(), false) != AtomicSteps.NOT_STORED) {
        puts++;
      }
    }
    statistics.recordPuts(puts);
    statistics.recordPutTime(since(start));
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    check.entry(key, value);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startPut();
    Outcome<V> outcome = steps.putIfAbsent(key, value);
    recorder.countGet(outcome.found() != null);
    if (outcome.done()) {
      recorder.countPut();
    }
    recorder.finishPut(start);
    return outcome.found() == null;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    check.entry(key, oldValue);
    Objects.requireNonNull(newValue, "newValue");
    check.value(key, newValue);
    return replaceCounted(key, oldValue, newValue).done();
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return replaceCounted(key, null, value).done();
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return steps.copyOut(replaceCounted(key, null, value).found());
  }

  private Outcome<V> replaceCounted(K key, V expected, V value) {
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startPut();
    Outcome<V> outcome = steps.replace(key, expected, value);
    recorder.countGet(outcome.found() != null);
    if (outcome.done() && !integration.isWriteAround()) {
      recorder.countPut();
    }
    recorder.finishPut(start);
    return outcome;
  }

  // ---------------------------------------------------------------- removals

  @Override
  public boolean remove(K key) {
    requireOpen();
    check.key(key);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startRemove();
    boolean removed = steps.remove(key, true) != null;
    if (removed) {
      recorder.countRemoval();
    }
    recorder.finishRemove(start);
    return removed;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    check.key(key);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startRemove();
    V removed = steps.remove(key, true);
    recorder.countGet(removed != null);
    if (removed != null) {
      recorder.countRemoval();
    }
    recorder.finishRemove(start);
    return steps.copyOut(removed);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    check.entry(key, oldValue);
    StatisticsRecorder recorder = statistics.recorder();
    long start = recorder.startRemove();
    Outcome<V> outcome = steps.removeIfEqual(key, oldValue);
    recorder.countGet(outcome.found() != null);
    if (outcome.done()) {
      recorder.countRemoval();
    }
    recorder.finishRemove(start);
    return outcome.done();
  }

  /**
   * {@inheritDoc}
   *
   * <p>With write-through, the writer's {@code deleteAll} runs once, before any entry is removed and
   * outside the per-key locks (as {@link #putAll} does); each deleted key is then removed in its own
   * atomic step. A concurrent {@code put} of one of these keys may therefore be written after the delete
   * and then removed from the cache (the system of record keeps it, the cache reloads it on a miss), or
   * be cached after the removal while the delete reached the writer last.
   */
  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
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

  /** Deletes {@code keys} through the writer in one batch, then removes the keys it deleted. */
  private void removeKeys(List<K> keys) {
    long start = timer();
    Set<Object> undeleted = Set.of();
    RuntimeException failure = null;
    Writer<K, V> writer = integration.writer();
    if (writer.isEnabled()) {
      List<K> pending = new ArrayList<>(keys);
      try {
        writer.deleteAll(pending);
      } catch (RuntimeException e) {
        // What the writer left in the list was not deleted: those entries stay cached.
        failure = e;
        undeleted = new HashSet<>(pending);
      }
    }
    long removals = 0;
    for (K key : keys) {
      if (!undeleted.contains(key) && steps.remove(key, false) != null) {
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
    check.key(key);
    Objects.requireNonNull(processor, "entryProcessor");
    Invoked<T> invoked = steps.invoke(key, processor, arguments, check::value);
    StatisticsRecorder recorder = statistics.recorder();
    recorder.countGet(invoked.hit());
    if (invoked.put()) {
      recorder.countPut();
    }
    if (invoked.removed()) {
      recorder.countRemoval();
    }
    return invoked.result();
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    check.keys(keys);
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
    requireOpen();
    V value = steps.read(key);
    if (value == null) {
      return null;
    }
    statistics.recordHits(1);
    return new LarderEntry<>(steps.copyOut(key), steps.copyOut(value));
  }

  /** The iterator's removal: like {@link #remove(Object)}. */
  void iterationRemove(K key) {
    requireOpen();
    if (steps.remove(key, true) != null) {
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

  /**
   * Told by the engine of entries it removed on its own (on whichever thread runs maintenance, outside
   * key locks; that may be a caller in the middle of its own operation, whose pending events must stay
   * its own, see {@link AtomicSteps#reportEngineExpiry}).
   */
  private void onEngineRemoval(K key, V value, RemovalCause cause) {
    if (cause == RemovalCause.EVICTED) {
      statistics.recordEvictions(1);
      return;
    }
    if (cause == RemovalCause.EXPIRED) {
      statistics.recordExpiredByMaintenance(1);
      steps.reportEngineExpiry(key, value);
    }
  }

  // ---------------------------------------------------------------- configuration, lifecycle

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    Objects.requireNonNull(type, "type");
    LarderConfiguration<K, V> copy = configurationSnapshot();
    if (type.isInstance(copy)) {
      return type.cast(copy);
    }
    throw new IllegalArgumentException("The configuration of cache '" + name + "' is a "
        + LarderConfiguration.class.getName() + ", not a " + type.getName());
  }

  /** Returns a copy of the live configuration, listeners and flags as they are now. */
  LarderConfiguration<K, V> configurationSnapshot() {
    synchronized (configuration) {
      return new LarderConfiguration<>(configuration);
    }
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
        registerManagement();
      } else {
        unregisterManagement();
      }
    }
  }

  /** Registers the spec's configuration MXBean and Larder's own {@link LarderCacheMonitor}. */
  private void registerManagement() {
    JmxRegistration.register(this, new CacheConfigurationMXBean(this), JmxRegistration.Kind.CONFIGURATION);
    JmxRegistration.register(this, monitor, JmxRegistration.Kind.LARDER);
  }

  private void unregisterManagement() {
    JmxRegistration.unregister(this, JmxRegistration.Kind.CONFIGURATION);
    JmxRegistration.unregister(this, JmxRegistration.Kind.LARDER);
  }

  /** The live statistics counters (what the statistics MXBean reports). */
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
    synchronized (configuration) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.release(this);
    shutdown();
  }

  /** Empties the cache and releases what it holds, as part of destroying it. */
  void destroy() {
    synchronized (configuration) {
      closed = true;
    }
    store.clear();
    shutdown();
  }

  /** Releases what the cache holds: MXBeans, listeners, loader, writer, expiry policy. */
  void shutdown() {
    closed = true;
    unregisterManagement();
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

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return Unwrapping.unwrap(this, type, "A Larder cache");
  }

  @Override
  public String toString() {
    return "LarderCache[" + name + "]";
  }

  // ---------------------------------------------------------------- helpers

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache '" + name + "' is closed");
    }
  }

  /** Starts timing a bulk operation for the statistics; free when they are off. */
  private long timer() {
    return statistics.isEnabled() ? System.nanoTime() : 0L;
  }

  private static long since(long start) {
    return start == 0L ? 0L : System.nanoTime() - start;
  }
}
