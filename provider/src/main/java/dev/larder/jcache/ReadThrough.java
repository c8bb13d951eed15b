package dev.larder.jcache;

import dev.larder.engine.Store;
import dev.larder.jcache.integration.CacheIntegration;
import dev.larder.jcache.integration.Loader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;

/**
 * A cache's loading: what a miss does (report a lingering expiry, ask the pending-writes hook, then
 * load through the single-flight group), the batch load of {@code getAll}'s misses, and {@code
 * loadAll}. Loaded values are stored only where the key is still absent (unless {@code loadAll} is
 * told to replace), without calling the writer, with a {@code CREATED} event.
 *
 * <p>Thread-safety: thread-safe. No store lock is held while a loader runs: the load happens first,
 * then one atomic step stores its result.
 */
final class ReadThrough<K, V> {

  private final Store<K, V> store;
  private final AtomicSteps<K, V> steps;
  private final CacheIntegration<K, V> integration;
  private final TypeCheck check;
  private final Executor executor;

  ReadThrough(Store<K, V> store, AtomicSteps<K, V> steps, CacheIntegration<K, V> integration,
      TypeCheck check, Executor executor) {
    this.store = store;
    this.steps = steps;
    this.integration = integration;
    this.check = check;
    this.executor = executor;
  }

  /** Handles a miss of {@code key}; returns the value to hand out (already copied) or {@code null}. */
  V miss(K key) {
    steps.reportExpiry(key);
    V pending = integration.pendingValues().pendingValue(key);
    if (pending != null) {
      return steps.copyOut(pending);
    }
    if (!integration.isReadThrough()) {
      return null;
    }
    return steps.copyOut(integration.singleFlight().load(key, this::loadAndStore));
  }

  /**
   * Loads {@code key} and stores the result if the key is still absent. Runs as the single-flight
   * leader; a leader that starts just after an earlier load stored the value uses that value.
   */
  private V loadAndStore(K key) {
    long stamp = steps.loadStamp(key);
    V present = store.peek(key);
    if (present != null) {
      return present;
    }
    V loaded = integration.loader().load(key);
    if (loaded == null) {
      return null;
    }
    check.value(key, loaded);
    V stored = steps.putLoaded(key, loaded, false, stamp);
    return stored == null ? loaded : stored;
  }

  /** Loads {@code missing} keys in one batch into {@code result} (values copied for the caller). */
  void loadMissing(List<K> missing, Map<K, V> result) {
    Map<K, Long> stamps = stamps(missing);
    Map<K, V> loaded = integration.loader().loadAll(missing);
    for (K key : missing) {
      V value = loaded.get(key);
      if (value != null) {
        check.value(key, value);
        V stored = steps.putLoaded(key, value, false, stamps.get(key));
        result.put(key, stored == null ? value : steps.copyOut(stored));
      }
    }
  }

  private Map<K, Long> stamps(List<K> keys) {
    Map<K, Long> stamps = new HashMap<>(keys.size() * 2);
    for (K key : keys) {
      stamps.put(key, steps.loadStamp(key));
    }
    return stamps;
  }

  /** Runs {@code Cache.loadAll} on the executor and tells {@code listener} (may be null) how it went. */
  void loadAll(List<K> keys, boolean replaceExisting, CompletionListener listener) {
    Loader<K, V> loader = integration.loader();
    if (loader == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    executor.execute(() -> {
      try {
        List<K> toLoad = new ArrayList<>(keys);
        if (!replaceExisting) {
          toLoad.removeIf(key -> store.peek(key) != null);
        }
        Map<K, Long> stamps = stamps(toLoad);
        Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : loader.loadAll(toLoad);
        for (Map.Entry<K, V> entry : loaded.entrySet()) {
          Long stamp = entry.getKey() == null ? null : stamps.get(entry.getKey());
          if (stamp != null && entry.getValue() != null) {
            check.value(entry.getKey(), entry.getValue());
            steps.putLoaded(entry.getKey(), entry.getValue(), replaceExisting, stamp);
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
}
