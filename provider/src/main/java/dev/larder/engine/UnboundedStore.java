package dev.larder.engine;

import dev.larder.expiry.Ticker;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store with no bound: a {@link ConcurrentHashMap} of small holders. Expired entries are dropped
 * when a read or write finds them, or when {@link #cleanUp()} sweeps the map.
 *
 * <p>Thread-safety: reads are lock-free; writes go through {@link ConcurrentHashMap#compute}, which
 * makes each remapping atomic per key. A holder's fields are written only inside that compute and
 * read through volatile reads.
 */
final class UnboundedStore<K, V> implements Store<K, V> {

  private final ConcurrentHashMap<K, Holder<V>> map = new ConcurrentHashMap<>();
  private final Ticker ticker;
  private final StoreListener<K, V> listener;

  UnboundedStore(StoreBuilder<K, V> builder) {
    this.ticker = builder.ticker;
    this.listener = builder.listener;
  }

  /** A value and its deadline; replaced as a whole, never mutated after publication. */
  private record Holder<V>(V value, long expiresAt) {
    boolean isExpired(long now) {
      return expiresAt != Long.MAX_VALUE && expiresAt - now <= 0;
    }
  }

  @Override
  public V get(K key) {
    return peek(key);
  }

  @Override
  public V peek(K key) {
    Holder<V> holder = map.get(key);
    if (holder == null) {
      return null;
    }
    return (holder.expiresAt == Long.MAX_VALUE || !holder.isExpired(ticker.read())) ? holder.value : null;
  }

  @Override
  public <R> R compute(K key, Remapping<K, V, R> remapping) {
    SlotImpl<V> slot = new SlotImpl<>();
    @SuppressWarnings("unchecked")
    R[] result = (R[]) new Object[1];
    map.compute(key, (k, current) -> {
      if (current != null && current.isExpired(ticker.read())) {
        slot.expiredValue = current.value;
        current = null;
      }
      slot.current = current;
      slot.next = current;
      result[0] = remapping.remap(k, slot);
      return slot.next;
    });
    return result[0];
  }

  @Override
  public Iterator<K> keys() {
    return map.keySet().iterator();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public void cleanUp() {
    long now = ticker.read();
    for (var entry : map.entrySet()) {
      Holder<V> holder = entry.getValue();
      if (holder.isExpired(now) && map.remove(entry.getKey(), holder)) {
        listener.onRemoval(entry.getKey(), holder.value, RemovalCause.EXPIRED);
      }
    }
  }

  @Override
  public long estimatedSize() {
    return map.mappingCount();
  }

  @Override
  public long weightedSize() {
    return map.mappingCount();
  }

  @Override
  public long maximum() {
    return -1;
  }

  @Override
  public String policyName() {
    return "none";
  }

  private static final class SlotImpl<V> implements Slot<V> {
    Holder<V> current;
    Holder<V> next;
    V expiredValue;

    @Override
    public V value() {
      return next == null ? null : next.value;
    }

    @Override
    public V expiredValue() {
      return expiredValue;
    }

    @Override
    public long expiresAt() {
      return next == null ? Long.MAX_VALUE : next.expiresAt;
    }

    @Override
    public void set(V value, long expiresAt) {
      next = new Holder<>(value, expiresAt);
    }

    @Override
    public void setExpiresAt(long expiresAt) {
      if (next != null) {
        next = new Holder<>(next.value, expiresAt);
      }
    }

    @Override
    public void remove() {
      next = null;
    }
  }
}
