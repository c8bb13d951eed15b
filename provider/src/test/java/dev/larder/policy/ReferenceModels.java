package dev.larder.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Straightforward list-based models of each deterministic policy, written from the papers with no
 * concern for speed, against which the engine's policies are checked. Each model sees the same
 * stream of hits, misses (which insert), updates and removals, and reports the keys it evicts.
 */
final class ReferenceModels {

  private ReferenceModels() {}

  /** One model: a cache of integer keys with capacity {@code c}. */
  abstract static class Model {
    final int capacity;
    final List<Integer> evicted = new ArrayList<>();

    Model(int capacity) {
      this.capacity = capacity;
    }

    abstract boolean contains(int key);

    /** A read that found the key. */
    abstract void hit(int key);

    /** A read that missed, followed by inserting the key. */
    abstract void insert(int key);

    /** A value replaced for a present key. */
    void update(int key) {
      hit(key);
    }

    abstract void remove(int key);

    abstract Set<Integer> keys();
  }

  static Model create(PolicyKind kind, int capacity) {
    switch (kind) {
      case LRU:
        return new Lru(capacity, true);
      case FIFO:
        return new Lru(capacity, false);
      case LFU:
        return new Lfu(capacity);
      case ARC:
        return new Arc(capacity);
      case SIEVE:
        return new Sieve(capacity);
      case S3_FIFO:
        return new S3Fifo(capacity);
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  /** LRU (reorder on hit) or FIFO (never reorder): evict the head of one list. */
  static final class Lru extends Model {
    private final boolean reorder;
    private final LinkedList<Integer> list = new LinkedList<>();

    Lru(int capacity, boolean reorder) {
      super(capacity);
      this.reorder = reorder;
    }

    @Override
    boolean contains(int key) {
      return list.contains(key);
    }

    @Override
    void hit(int key) {
      if (reorder) {
        list.remove((Integer) key);
        list.addLast(key);
      }
    }

    @Override
    void insert(int key) {
      if (list.size() >= capacity) {
        evicted.add(list.removeFirst());
      }
      list.addLast(key);
    }

    @Override
    void remove(int key) {
      list.remove((Integer) key);
    }

    @Override
    Set<Integer> keys() {
      return new TreeSet<>(list);
    }
  }

  /**
   * LFU: evict the smallest (count, sequence) where sequence is when the entry last changed count;
   * counts saturate at 255; every max(16, 10c) inserts and hits, counts are halved (at least 1) and
   * sequences renumbered in (old count, old sequence) order.
   */
  static final class Lfu extends Model {
    private final Map<Integer, long[]> entries = new HashMap<>();
    private final long period;
    private long sequence;
    private long events;

    Lfu(int capacity) {
      super(capacity);
      this.period = Math.max(16, 10L * Math.max(1, capacity));
    }

    @Override
    boolean contains(int key) {
      return entries.containsKey(key);
    }

    @Override
    void hit(int key) {
      long[] entry = entries.get(key);
      entry[0] = Math.min(255, entry[0] + 1);
      entry[1] = sequence++;
      event();
    }

    @Override
    void insert(int key) {
      if (entries.size() >= capacity) {
        int victim = entries.entrySet().stream()
            .min((a, b) -> a.getValue()[0] != b.getValue()[0]
                ? Long.compare(a.getValue()[0], b.getValue()[0])
                : Long.compare(a.getValue()[1], b.getValue()[1]))
            .orElseThrow().getKey();
        entries.remove(victim);
        evicted.add(victim);
      }
      entries.put(key, new long[] {1, sequence++});
      event();
    }

    private void event() {
      if (++events >= period) {
        events = 0;
        entries.values().stream()
            .sorted((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]))
            .forEach(entry -> {
              entry[0] = Math.max(1, entry[0] / 2);
              entry[1] = sequence++;
            });
      }
    }

    @Override
    void remove(int key) {
      entries.remove(key);
    }

    @Override
    Set<Integer> keys() {
      return new TreeSet<>(entries.keySet());
    }
  }

  /** ARC as in Megiddo and Modha's Figure 4 (real-valued target p), with REPLACE only while the cache is full. */
  static final class Arc extends Model {
    private final LinkedList<Integer> t1 = new LinkedList<>();
    private final LinkedList<Integer> t2 = new LinkedList<>();
    private final LinkedList<Integer> b1 = new LinkedList<>();
    private final LinkedList<Integer> b2 = new LinkedList<>();
    private double p;

    Arc(int capacity) {
      super(capacity);
    }

    @Override
    boolean contains(int key) {
      return t1.contains(key) || t2.contains(key);
    }

    @Override
    void hit(int key) {
      t1.remove((Integer) key);
      t2.remove((Integer) key);
      t2.addLast(key);
    }

    private boolean full() {
      return t1.size() + t2.size() >= capacity;
    }

    private void replace(boolean inB2) {
      if (!t1.isEmpty() && (t1.size() > p || (inB2 && t1.size() == p) || t2.isEmpty())) {
        int victim = t1.removeFirst();
        b1.remove((Integer) victim);
        b1.addLast(victim);
        evicted.add(victim);
      } else {
        int victim = t2.removeFirst();
        b2.remove((Integer) victim);
        b2.addLast(victim);
        evicted.add(victim);
      }
    }

    @Override
    void insert(int key) {
      if (b1.contains(key)) {
        p = Math.min(capacity, p + (b1.size() >= b2.size() ? 1 : (double) b2.size() / b1.size()));
        b1.remove((Integer) key);
        while (full()) {
          replace(false);
        }
        t2.addLast(key);
      } else if (b2.contains(key)) {
        p = Math.max(0, p - (b2.size() >= b1.size() ? 1 : (double) b1.size() / b2.size()));
        b2.remove((Integer) key);
        while (full()) {
          replace(true);
        }
        t2.addLast(key);
      } else {
        int l1 = t1.size() + b1.size();
        int total = l1 + t2.size() + b2.size();
        if (l1 >= capacity) {
          if (t1.size() < capacity) {
            b1.pollFirst();
            while (full()) {
              replace(false);
            }
          } else {
            while (full()) {
              evicted.add(t1.removeFirst());
            }
          }
        } else {
          if (total >= 2 * capacity) {
            b2.pollFirst();
          }
          while (full()) {
            replace(false);
          }
        }
        t1.addLast(key);
      }
    }

    @Override
    void remove(int key) {
      t1.remove((Integer) key);
      t2.remove((Integer) key);
    }

    @Override
    Set<Integer> keys() {
      Set<Integer> keys = new TreeSet<>(t1);
      keys.addAll(t2);
      return keys;
    }
  }

  /** SIEVE as in Zhang et al.'s Figure 2: a FIFO list (index 0 newest), visited bits and a hand. */
  static final class Sieve extends Model {
    private final LinkedList<Integer> list = new LinkedList<>();
    private final Map<Integer, Boolean> visited = new HashMap<>();
    private Integer hand;

    Sieve(int capacity) {
      super(capacity);
    }

    @Override
    boolean contains(int key) {
      return list.contains(key);
    }

    @Override
    void hit(int key) {
      visited.put(key, true);
    }

    /** The entry one step towards the head (newer), or null at the head. */
    private Integer newer(int key) {
      int index = list.indexOf(key);
      return index == 0 ? null : list.get(index - 1);
    }

    @Override
    void insert(int key) {
      if (list.size() >= capacity) {
        Integer o = (hand == null) ? list.getLast() : hand;
        while (visited.get(o)) {
          visited.put(o, false);
          Integer next = newer(o);
          o = (next == null) ? list.getLast() : next;
        }
        hand = newer(o);
        list.remove(o);
        visited.remove(o);
        evicted.add(o);
      }
      list.addFirst(key);
      visited.put(key, false);
    }

    @Override
    void remove(int key) {
      if (hand != null && hand == key) {
        hand = newer(key);
      }
      list.remove((Integer) key);
      visited.remove(key);
    }

    @Override
    Set<Integer> keys() {
      return new TreeSet<>(list);
    }
  }

  /** S3-FIFO as in Yang et al.'s Algorithm 1 (S a tenth, G as large as M, two-bit counters). */
  static final class S3Fifo extends Model {
    private final LinkedList<Integer> small = new LinkedList<>();
    private final LinkedList<Integer> main = new LinkedList<>();
    private final LinkedList<Integer> ghost = new LinkedList<>();
    private final Map<Integer, Integer> frequency = new HashMap<>();
    private final int ghostCapacity;

    S3Fifo(int capacity) {
      super(capacity);
      this.ghostCapacity = Math.max(1, capacity - capacity / 10);
    }

    @Override
    boolean contains(int key) {
      return frequency.containsKey(key);
    }

    @Override
    void hit(int key) {
      frequency.put(key, Math.min(3, frequency.get(key) + 1));
    }

    @Override
    void insert(int key) {
      while (small.size() + main.size() >= capacity) {
        evict();
      }
      if (ghost.remove((Integer) key)) {
        main.addLast(key);
      } else {
        small.addLast(key);
      }
      frequency.put(key, 0);
    }

    private void evict() {
      if (!small.isEmpty() && (10 * small.size() >= capacity || main.isEmpty())) {
        evictSmall();
      } else {
        evictMain();
      }
    }

    private void evictSmall() {
      while (!small.isEmpty()) {
        int t = small.removeFirst();
        if (frequency.get(t) > 1) {
          main.addLast(t);
          if (10 * main.size() >= 9 * capacity) {
            evictMain();
          }
        } else {
          if (ghost.size() >= ghostCapacity) {
            ghost.removeFirst();
          }
          ghost.remove((Integer) t);
          ghost.addLast(t);
          frequency.remove(t);
          evicted.add(t);
          return;
        }
      }
    }

    private void evictMain() {
      while (!main.isEmpty()) {
        int t = main.removeFirst();
        int f = frequency.get(t);
        if (f > 0) {
          frequency.put(t, f - 1);
          main.addLast(t);
        } else {
          frequency.remove(t);
          evicted.add(t);
          return;
        }
      }
    }

    @Override
    void remove(int key) {
      small.remove((Integer) key);
      main.remove((Integer) key);
      frequency.remove(key);
    }

    @Override
    Set<Integer> keys() {
      return new TreeSet<>(frequency.keySet());
    }
  }
}
