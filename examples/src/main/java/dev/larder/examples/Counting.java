package dev.larder.examples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Loader and writer decorators that count and log the calls the cache makes, so each example can show
 * when the database is read or written.
 *
 * <p>Thread-safety: thread-safe when the wrapped loader or writer is.
 */
final class Counting {

  private Counting() {}

  /** A loader that counts {@code load} and {@code loadAll} calls. */
  static final class Loader<K, V> implements CacheLoader<K, V> {
    private final CacheLoader<K, V> target;
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger loadAlls = new AtomicInteger();

    Loader(CacheLoader<K, V> target) {
      this.target = target;
    }

    @Override
    public V load(K key) {
      loads.incrementAndGet();
      return target.load(key);
    }

    @Override
    public Map<K, V> loadAll(Iterable<? extends K> keys) {
      loadAlls.incrementAndGet();
      return target.loadAll(keys);
    }

    int calls() {
      return loads.get() + loadAlls.get();
    }
  }

  /** A writer that logs each call ({@code write(1=a)}, {@code writeAll(3 entries)}, ...). */
  static final class Writer<K, V> implements CacheWriter<K, V> {
    private final CacheWriter<K, V> target;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failing;

    Writer(CacheWriter<K, V> target) {
      this.target = target;
    }

    @Override
    public void write(Cache.Entry<? extends K, ? extends V> entry) {
      calls.add("write(" + entry.getKey() + "=" + entry.getValue() + ")");
      failIfTold();
      target.write(entry);
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
      calls.add("writeAll(" + entries.size() + " entries)");
      failIfTold();
      target.writeAll(entries);
    }

    @Override
    public void delete(Object key) {
      calls.add("delete(" + key + ")");
      failIfTold();
      target.delete(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      calls.add("deleteAll(" + keys.size() + " keys)");
      failIfTold();
      target.deleteAll(keys);
    }

    private void failIfTold() {
      if (failing) {
        throw new javax.cache.integration.CacheWriterException("the database is down (simulated)");
      }
    }
  }
}
