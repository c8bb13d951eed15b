package dev.larder.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * The {@link EntryTable} of a bounded store: a hash table whose chains run through the
 * {@link Node}s themselves ({@link Node#binNext}), so an entry costs its node and a table slot, with
 * no map node beside it (a {@code ConcurrentHashMap} adds 32 bytes and one more pointer to follow
 * per lookup).
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Stripes</b>: keys fall into {@link #STRIPES} stripes by their spread hash; a stripe has a
 *   monitor that its writers hold, and its own reference to the table holding its bins. Tables are
 *   never shorter than the number of stripes and both are powers of two, so every bin, in every
 *   table size, belongs to exactly one stripe.
 *   <li><b>Reads</b> take no lock: the stripe's table, an acquiring load of the bin, then the chain.
 *   A writer publishes a new node at the head of its bin with a release store after setting its
 *   fields (a replacement before its predecessor is unlinked, so a reader always finds one of the
 *   two), and unlinks a node by pointing its predecessor (or the bin) past it without touching the
 *   node's own {@code binNext}, so a reader standing on an unlinked node still reaches the rest of
 *   the chain.
 *   <li><b>Growth</b> doubles the table once it holds more entries than three quarters of its
 *   length, up to a cap (a store bounded by count asks for twice its bound, rounded up to a power of
 *   two, so a full store keeps about half an entry per bin). One thread at a time grows, stripe by stripe: under a
 *   stripe's monitor it relinks that stripe's nodes into the new table and then points the stripe at
 *   it. It holds one monitor at a time and never starts while its thread holds one (a write nested in
 *   another's remapping), so it cannot deadlock with writers. Relinking moves nodes between chains
 *   under readers' feet, so each stripe has a seqlock stamp, odd while its nodes move: a reader that
 *   found nothing retries unless the stamp was even and unchanged around its search. A reader that
 *   finds its key needs no check: the node it found is that key's.
 *   <li><b>Keys told apart by hash</b>: a table built for keys of a final JDK type whose hash code
 *   is the value itself ({@code Integer}, {@code Short}, {@code Character}, {@code Byte}) accepts no
 *   other key class, so for a probe of that class an equal hash code means an equal key and a lookup
 *   never dereferences a node's key.
 *   <li><b>Iteration</b> goes stripe by stripe: a stripe copied in one seqlock-consistent pass gives
 *   each of its keys present throughout exactly once.
 * </ul>
 *
 * <p>Thread-safety: all methods may be called from any thread; the remapping of {@link #compute} runs
 * under the key's stripe monitor and may use the table for other keys.
 */
final class NodeTable<K, V> implements EntryTable<K> {

  /** The number of stripes; a power of two no larger than the smallest table. */
  static final int STRIPES = 64;
  private static final int STRIPE_MASK = STRIPES - 1;
  private static final int MAXIMUM_LENGTH = 1 << 30;
  private static final VarHandle BINS = MethodHandles.arrayElementVarHandle(Node[].class);
  private static final VarHandle TABLES = MethodHandles.arrayElementVarHandle(Node[][].class);
  private static final VarHandle STAMPS = MethodHandles.arrayElementVarHandle(int[].class);

  /** The stripes' monitors. */
  private final Object[] locks = new Object[STRIPES];
  /** Each stripe's table: all the same array, except while growth moves from one to the next. */
  private final Node<K, V>[][] tables;
  /** Each stripe's seqlock stamp, odd while growth moves its nodes. */
  private final int[] stamps = new int[STRIPES];
  /** Structural changes per stripe, under its monitor: detects a nested remapping's changes. */
  private final int[] modifications = new int[STRIPES];
  private final LongAdder count = new LongAdder();
  private final AtomicBoolean growing = new AtomicBoolean();
  private final int maximumLength;
  /** The only key class this table holds when its keys are told apart by hash code; otherwise null. */
  private final Class<?> hashIdentifiedKeys;
  /** The newest table; every stripe's once growth is done. */
  private volatile Node<K, V>[] table;

  /**
   * Creates a table that grows to at most {@code expectedMaximum} bins (rounded up to a power of two)
   * for keys of {@code keyType} ({@code Object.class} when any key may come).
   */
  @SuppressWarnings("unchecked")
  NodeTable(long expectedMaximum, Class<?> keyType) {
    this.hashIdentifiedKeys = isIdentifiedByHash(keyType) ? keyType : null;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
    long capped = Math.max(STRIPES, Math.min(MAXIMUM_LENGTH, expectedMaximum));
    this.maximumLength = (int) Math.min(MAXIMUM_LENGTH, Long.highestOneBit(capped - 1) << 1);
    this.table = newTable(STRIPES);
    this.tables = (Node<K, V>[][]) new Node<?, ?>[STRIPES][];
    for (int i = 0; i < STRIPES; i++) {
      TABLES.setRelease(tables, i, table);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Node<K, V>[] newTable(int length) {
    return (Node<K, V>[]) new Node<?, ?>[length];
  }

  /** Whether distinct instances of {@code type} always have distinct hash codes (and no subclass). */
  static boolean isIdentifiedByHash(Class<?> type) {
    return type == Integer.class || type == Short.class || type == Character.class || type == Byte.class;
  }

  /** Whether a node whose hash equals {@code key}'s holds that key, without comparing the keys. */
  private boolean hashIdentifies(Object key) {
    return key.getClass() == hashIdentifiedKeys;
  }

  /** Spreads the high bits of a hash code down, as bins and stripes use the low bits. */
  static int spread(int hashCode) {
    return hashCode ^ (hashCode >>> 16);
  }

  @Override
  public Object get(Object key) {
    int hash = key.hashCode();
    return lookup(key, hash, spread(hash), hashIdentifies(key));
  }

  /** The lock-free search of {@link #get}, for a key whose hash, spread hash and mode are computed. */
  @SuppressWarnings("unchecked")
  private Node<K, V> lookup(Object key, int hash, int spread, boolean byHash) {
    int stripe = spread & STRIPE_MASK;
    for (;;) {
      int stamp = (int) STAMPS.getAcquire(stamps, stripe);
      Node<K, V>[] bins = (Node<K, V>[]) TABLES.getAcquire(tables, stripe);
      Node<K, V> node = find((Node<K, V>) BINS.getAcquire(bins, spread & (bins.length - 1)), key, hash, byHash);
      if (node != null) {
        return node;
      }
      if ((stamp & 1) == 0) {
        VarHandle.acquireFence();
        if (stamp == (int) STAMPS.getVolatile(stamps, stripe)) {
          return null;
        }
      }
      Thread.yield();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object compute(K key, BiFunction<? super K, ? super Object, ? extends Object> remapping) {
    boolean byHash = hashIdentifies(key);
    if (!byHash && hashIdentifiedKeys != null) {
      throw new ClassCastException("this store holds keys of " + hashIdentifiedKeys.getName() + " only, not "
          + key.getClass().getName());
    }
    int hash = key.hashCode();
    int spread = spread(hash);
    int stripe = spread & STRIPE_MASK;
    Object result;
    boolean inserted = false;
    synchronized (locks[stripe]) {
      Node<K, V>[] bins = tables[stripe];
      int index = spread & (bins.length - 1);
      Node<K, V> current = find(bins[index], key, hash, byHash);
      int before = modifications[stripe];
      result = remapping.apply(key, current);
      if (result == current) {
        return result;
      }
      if (modifications[stripe] != before && find(bins[index], key, hash, byHash) != current) {
        throw new IllegalStateException("the remapping of key " + key + " changed that key's entry itself");
      }
      // Publish the new node before unlinking the old one, so a reader always finds one of them.
      if (result != null) {
        Node<K, V> added = (Node<K, V>) result;
        if (added.hash != hash || (added.key != key && !key.equals(added.key))) {
          throw new IllegalArgumentException("a node for key " + added.key + " cannot be stored under key " + key);
        }
        added.binNext = bins[index];
        BINS.setRelease(bins, index, added);
        count.increment();
        inserted = true;
      }
      if (current != null) {
        unlink(bins, index, current);
        count.decrement();
      }
      modifications[stripe]++;
    }
    if (inserted) {
      growIfCrowded();
    }
    return result;
  }

  /**
   * Replaces the value of the live node of {@code key} that carries no deadline, under the key's
   * stripe monitor, and returns that node; returns {@code null}, changing nothing, when the key is
   * absent or its node is retired or can expire. A value change leaves the table as it is, so it needs
   * no remapping and allocates nothing. An absent key is found so without the monitor, so an insert
   * that tries this first pays one lock-free lookup more.
   */
  Node<K, V> replaceValue(Object key, V value) {
    int hash = key.hashCode();
    int spread = spread(hash);
    boolean byHash = hashIdentifies(key);
    if (lookup(key, hash, spread, byHash) == null) {
      return null;
    }
    synchronized (locks[spread & STRIPE_MASK]) {
      Node<K, V>[] bins = tables[spread & STRIPE_MASK];
      Node<K, V> node = find(bins[spread & (bins.length - 1)], key, hash, byHash);
      if (node == null || node.value == null || node.canExpire()) {
        return null;
      }
      node.value = value;
      return node;
    }
  }

  /** The node of {@code key} in the chain from {@code head}; {@code byHash} per {@link #hashIdentifies}. */
  private static <K, V> Node<K, V> find(Node<K, V> head, Object key, int hash, boolean byHash) {
    for (Node<K, V> node = head; node != null; node = node.binNext) {
      if (node.hash == hash && (byHash || node.key == key || key.equals(node.key))) {
        return node;
      }
    }
    return null;
  }

  /** Unlinks {@code node} from its bin; the caller holds the bin's stripe. */
  private static <K, V> void unlink(Node<K, V>[] bins, int index, Node<K, V> node) {
    Node<K, V> head = bins[index];
    if (head == node) {
      BINS.setRelease(bins, index, node.binNext);
      return;
    }
    for (Node<K, V> previous = head; previous != null; previous = previous.binNext) {
      if (previous.binNext == node) {
        previous.binNext = node.binNext;
        return;
      }
    }
  }

  @Override
  public boolean remove(Object key, Object entry) {
    int hash = key.hashCode();
    int stripe = spread(hash) & STRIPE_MASK;
    synchronized (locks[stripe]) {
      Node<K, V>[] bins = tables[stripe];
      int index = spread(hash) & (bins.length - 1);
      for (Node<K, V> node = bins[index]; node != null; node = node.binNext) {
        if (node == entry) {
          unlink(bins, index, node);
          count.decrement();
          modifications[stripe]++;
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public long mappingCount() {
    return Math.max(0, count.sum());
  }

  /** Doubles the table if it is crowded, unless another thread is at it or this one holds a stripe. */
  private void growIfCrowded() {
    Node<K, V>[] current = table;
    int length = current.length;
    if (length >= maximumLength || count.sum() <= (length >>> 1) + (length >>> 2)) {
      return;
    }
    for (Object lock : locks) {
      if (Thread.holdsLock(lock)) {
        return;
      }
    }
    if (!growing.compareAndSet(false, true)) {
      return;
    }
    try {
      if (table == current) {
        grow(current);
      }
    } finally {
      growing.set(false);
    }
  }

  /** Moves every stripe, one at a time under its monitor, into a table twice as long. */
  private void grow(Node<K, V>[] current) {
    Node<K, V>[] grown = newTable(current.length << 1);
    int mask = grown.length - 1;
    for (int stripe = 0; stripe < STRIPES; stripe++) {
      synchronized (locks[stripe]) {
        STAMPS.setVolatile(stamps, stripe, stamps[stripe] + 1);
        try {
          for (int index = stripe; index < current.length; index += STRIPES) {
            Node<K, V> node = current[index];
            while (node != null) {
              Node<K, V> next = node.binNext;
              int target = spread(node.hash) & mask;
              node.binNext = grown[target];
              grown[target] = node;
              node = next;
            }
          }
          TABLES.setRelease(tables, stripe, grown);
        } finally {
          STAMPS.setVolatile(stamps, stripe, stamps[stripe] + 1);
        }
      }
    }
    table = grown;
  }

  @Override
  public Iterator<K> keyIterator() {
    return new StripeIterator();
  }

  /** Copies one stripe's live keys at a time (see the class notes). */
  private final class StripeIterator implements Iterator<K> {
    private final List<K> keys = new ArrayList<>();
    private int nextStripe;
    private int position;

    @Override
    public boolean hasNext() {
      while (position == keys.size() && nextStripe < STRIPES) {
        copyStripe(nextStripe++);
      }
      return position < keys.size();
    }

    @Override
    public K next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return keys.get(position++);
    }

    @SuppressWarnings("unchecked")
    private void copyStripe(int stripe) {
      keys.clear();
      position = 0;
      for (;;) {
        int stamp = (int) STAMPS.getAcquire(stamps, stripe);
        if ((stamp & 1) == 0) {
          Node<K, V>[] bins = (Node<K, V>[]) TABLES.getAcquire(tables, stripe);
          for (int index = stripe; index < bins.length; index += STRIPES) {
            for (Node<K, V> node = (Node<K, V>) BINS.getAcquire(bins, index); node != null; node = node.binNext) {
              if (node.value != null) {
                keys.add(node.key);
              }
            }
          }
          VarHandle.acquireFence();
          if (stamp == (int) STAMPS.getVolatile(stamps, stripe)) {
            return;
          }
          keys.clear();
        }
        Thread.yield();
      }
    }
  }
}
