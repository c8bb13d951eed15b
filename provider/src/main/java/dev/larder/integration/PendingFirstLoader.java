package dev.larder.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.integration.CacheLoader;

/**
 * The loader of a write-behind cache: for a key whose write or delete is still queued it answers from
 * the queue (the value, or nothing for a delete) instead of reading the system of record, which does
 * not have it yet. Every loading path of the cache (a miss, {@code getAll}, {@code invoke},
 * {@code loadAll}) thus sees the cache's own latest write.
 *
 * <p>Thread-safety: thread-safe when the wrapped loader is (JCache requires it).
 */
final class PendingFirstLoader<K, V> implements CacheLoader<K, V>, Closeable {

  private final CacheLoader<K, V> loader;
  private final WriteBehindWriter<K, V> queue;

  PendingFirstLoader(CacheLoader<K, V> loader, WriteBehindWriter<K, V> queue) {
    this.loader = loader;
    this.queue = queue;
  }

  @Override
  public V load(K key) {
    WriteBehindWriter.Pending<V> pending = queue.lookupPending(key);
    if (pending != null) {
      return pending.isDelete() ? null : pending.value();
    }
    return loader.load(key);
  }

  @Override
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    Map<K, V> result = new HashMap<>();
    List<K> fromLoader = new ArrayList<>();
    for (K key : keys) {
      WriteBehindWriter.Pending<V> pending = queue.lookupPending(key);
      if (pending == null) {
        fromLoader.add(key);
      } else if (!pending.isDelete()) {
        result.put(key, pending.value());
      }
    }
    if (!fromLoader.isEmpty()) {
      Map<K, V> loaded = loader.loadAll(fromLoader);
      if (loaded != null) {
        result.putAll(loaded);
      }
    }
    return result;
  }

  /** Closes the wrapped loader when it can be closed. */
  @Override
  public void close() throws IOException {
    if (loader instanceof Closeable closeable) {
      closeable.close();
    } else if (loader instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IOException("cannot close loader " + loader, e);
      }
    }
  }
}
