package dev.larder.jcache.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/** A listener for every event type that records what it receives, on which thread, and counts down a latch. */
class RecordingListener<K, V> implements CacheEntryCreatedListener<K, V>, CacheEntryUpdatedListener<K, V>,
    CacheEntryRemovedListener<K, V>, CacheEntryExpiredListener<K, V>, AutoCloseable {

  final List<CacheEntryEvent<? extends K, ? extends V>> events = new CopyOnWriteArrayList<>();
  final List<Thread> threads = new CopyOnWriteArrayList<>();
  final CountDownLatch received;
  volatile boolean closed;

  RecordingListener() {
    this(0);
  }

  RecordingListener(int expected) {
    this.received = new CountDownLatch(expected);
  }

  private void record(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    for (CacheEntryEvent<? extends K, ? extends V> event : batch) {
      events.add(event);
      threads.add(Thread.currentThread());
      received.countDown();
    }
  }

  @Override
  public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    record(batch);
  }

  @Override
  public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    record(batch);
  }

  @Override
  public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    record(batch);
  }

  @Override
  public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    record(batch);
  }

  @Override
  public void close() {
    closed = true;
  }
}
