package dev.larder.engine;

import dev.larder.expiry.Timed;
import dev.larder.policy.PolicyNode;

/**
 * One entry of a {@link ConcurrentStore}: the key, the value and the policy's links. The plain node
 * carries nothing else; entries with a deadline or a weight use the subclasses below, chosen per write,
 * so an entry pays only for the fields it needs (a plain node is 40 bytes with compressed oops, and
 * in a bounded store it is the table's entry too: see {@link NodeTable}).
 *
 * <p>Thread-safety: {@code key} and {@code hash} are final; {@code binNext} belongs to the table; {@code value} (and a deadline or weight) is written only
 * while the key is held by {@code ConcurrentHashMap.compute} or by maintenance after removing the node
 * from the map, and read lock-free. A node whose value is {@code null} is retired: removed from the map
 * and waiting for maintenance to take it out of the policy. Deadline before value on write, value
 * before deadline on read, so a reader never pairs a new value with a stale deadline. The inherited
 * policy links and the timer links are touched only under the maintenance lock.
 */
class Node<K, V> extends PolicyNode {

  final K key;
  /** The key's hash code, kept so that chain walks and the policy's sketch need not load the key. */
  final int hash;
  volatile V value;
  /** The next node of this one's {@link NodeTable} bin; unused in a store backed by a {@code ConcurrentHashMap}. */
  volatile Node<K, V> binNext;

  Node(K key, V value) {
    this.key = key;
    this.hash = key.hashCode();
    this.value = value;
  }

  @Override
  public final int keyHash() {
    return hash;
  }

  @Override
  public int policyWeight() {
    return 1;
  }

  /** The weight computed by the last writer (1 without a weigher). */
  int weight() {
    return 1;
  }

  void setWeight(int weight) {
    throw new IllegalStateException("not a weighted node");
  }

  /** Copies the writer's weight into the policy's accounting; returns the previous policy weight. */
  int syncPolicyWeight() {
    return 1;
  }

  /** The deadline in ticker nanoseconds, {@link Long#MAX_VALUE} for a node that never expires. */
  long deadline() {
    return Long.MAX_VALUE;
  }

  boolean canExpire() {
    return false;
  }

  void setDeadline(long deadline) {
    throw new IllegalStateException("not an expiring node");
  }

  /** A node with a weight, for stores bounded by weight. */
  static final class Weighted<K, V> extends Node<K, V> {
    private volatile int weight;
    private int policyWeight;

    Weighted(K key, V value, int weight) {
      super(key, value);
      this.weight = weight;
    }

    @Override
    public int policyWeight() {
      return policyWeight;
    }

    @Override
    int weight() {
      return weight;
    }

    @Override
    void setWeight(int weight) {
      this.weight = weight;
    }

    @Override
    int syncPolicyWeight() {
      int previous = policyWeight;
      policyWeight = weight;
      return previous;
    }
  }

  /** A node with a deadline; the timer wheel links it through {@link Timed}. */
  static class Expiring<K, V> extends Node<K, V> implements Timed {
    private volatile long deadline;
    private Timed timerPrev;
    private Timed timerNext;

    Expiring(K key, V value, long deadline) {
      super(key, value);
      this.deadline = deadline;
    }

    @Override
    public final long deadline() {
      return deadline;
    }

    @Override
    final boolean canExpire() {
      return true;
    }

    @Override
    final void setDeadline(long deadline) {
      this.deadline = deadline;
    }

    @Override
    public final Timed timerPrev() {
      return timerPrev;
    }

    @Override
    public final void setTimerPrev(Timed prev) {
      this.timerPrev = prev;
    }

    @Override
    public final Timed timerNext() {
      return timerNext;
    }

    @Override
    public final void setTimerNext(Timed next) {
      this.timerNext = next;
    }
  }

  /** A node with both a deadline and a weight. */
  static final class WeightedExpiring<K, V> extends Expiring<K, V> {
    private volatile int weight;
    private int policyWeight;

    WeightedExpiring(K key, V value, long deadline, int weight) {
      super(key, value, deadline);
      this.weight = weight;
    }

    @Override
    public int policyWeight() {
      return policyWeight;
    }

    @Override
    int weight() {
      return weight;
    }

    @Override
    void setWeight(int weight) {
      this.weight = weight;
    }

    @Override
    int syncPolicyWeight() {
      int previous = policyWeight;
      policyWeight = weight;
      return previous;
    }
  }
}
