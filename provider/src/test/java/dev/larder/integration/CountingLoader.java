package dev.larder.integration;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/** A test loader in front of a real one: counts calls and can hold them at a gate. Thread-safe. */
final class CountingLoader<K, V> implements CacheLoader<K, V> {
  private final CacheLoader<K, V> target;
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger loadAlls = new AtomicInteger();
  volatile CountDownLatch gate;

  CountingLoader(CacheLoader<K, V> target) {
    this.target = target;
  }

  @Override
  public V load(K key) {
    loads.incrementAndGet();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheLoaderException("interrupted", e);
      }
    }
    return target.load(key);
  }

  @Override
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    loadAlls.incrementAndGet();
    return target.loadAll(keys);
  }
}
