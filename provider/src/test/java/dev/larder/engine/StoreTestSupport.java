package dev.larder.engine;

import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the store tests. */
final class StoreTestSupport {

  private StoreTestSupport() {}

  static <K, V> void put(Store<K, V> store, K key, V value) {
    put(store, key, value, Long.MAX_VALUE);
  }

  static <K, V> void put(Store<K, V> store, K key, V value, long expiresAt) {
    store.compute(key, (k, slot) -> {
      slot.set(value, expiresAt);
      return null;
    });
  }

  static <K, V> void remove(Store<K, V> store, K key) {
    store.compute(key, (k, slot) -> {
      slot.remove();
      return null;
    });
  }

  /** A listener that records every call. */
  static final class Recorder<K, V> implements StoreListener<K, V> {
    final List<String> events = new ArrayList<>();
    final List<K> keys = new ArrayList<>();

    @Override
    public synchronized void onRemoval(K key, V value, RemovalCause cause) {
      events.add(key + "=" + value + ":" + cause);
      keys.add(key);
    }
  }
}
