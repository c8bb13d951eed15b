package dev.larder.integration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A test writer in front of a real one: records every batch it is handed ("put k=v" / "delete k"),
 * can be told to fail the next calls, or to block until released. Thread-safe.
 */
final class RecordingWriter<K, V> implements CacheWriter<K, V> {

  private final CacheWriter<K, V> target;
  final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger failuresToInject = new AtomicInteger();
  final AtomicInteger concurrentCalls = new AtomicInteger();
  final AtomicInteger maxConcurrentCalls = new AtomicInteger();
  volatile boolean failing;
  /** The chance (0..1) that a call fails, for storms. */
  volatile double failureRate;
  volatile CountDownLatch gate;
  final CountDownLatch entered = new CountDownLatch(1);
  volatile Consumer<Collection<?>> beforeFailure = c -> {};

  RecordingWriter(CacheWriter<K, V> target) {
    this.target = target;
  }

  @Override
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    List<Cache.Entry<? extends K, ? extends V>> one = new ArrayList<>(List.of(entry));
    writeAll(one);
  }

  @Override
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    enter();
    try {
      List<String> batch = new ArrayList<>();
      for (Cache.Entry<? extends K, ? extends V> e : entries) {
        batch.add("put " + e.getKey() + "=" + e.getValue());
      }
      batches.add(batch);
      failIfTold(entries);
      target.writeAll(entries);
    } finally {
      concurrentCalls.decrementAndGet();
    }
  }

  @Override
  public void delete(Object key) {
    deleteAll(new ArrayList<>(List.of(key)));
  }

  @Override
  public void deleteAll(Collection<?> keys) {
    enter();
    try {
      List<String> batch = new ArrayList<>();
      for (Object k : keys) {
        batch.add("delete " + k);
      }
      batches.add(batch);
      failIfTold(keys);
      target.deleteAll(keys);
    } finally {
      concurrentCalls.decrementAndGet();
    }
  }

  /** Every operation handed over, in order, batches flattened. */
  List<String> operations() {
    synchronized (batches) {
      List<String> all = new ArrayList<>();
      batches.forEach(all::addAll);
      return all;
    }
  }

  private void enter() {
    int now = concurrentCalls.incrementAndGet();
    maxConcurrentCalls.accumulateAndGet(now, Math::max);
    entered.countDown();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheWriterException("interrupted", e);
      }
    }
  }

  private void failIfTold(Collection<?> batch) {
    boolean random = failureRate > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < failureRate;
    if (failing || random || failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      beforeFailure.accept(batch);
      throw new CacheWriterException("injected failure");
    }
  }
}
