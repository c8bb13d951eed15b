package dev.larder.engine;

import dev.larder.expiry.Ticker;
import dev.larder.expiry.Timed;
import dev.larder.expiry.TimerWheel;
import dev.larder.policy.Policy;
import dev.larder.policy.PolicyNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The engine's store: an {@link EntryTable} of {@link Node}s, optionally bounded by an eviction
 * {@link Policy}, with per-entry deadlines kept in a {@link TimerWheel}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li><b>Data</b> lives only in the {@link EntryTable}: a bounded store's {@link NodeTable} chains
 *   the nodes themselves, so an entry is one node and a table slot. {@code get} is {@code map.get},
 *   a volatile read of the value, a deadline check for expiring nodes, and (when bounded) a lossy
 *   offer into the {@link ReadBuffer}, or only a count there when the policy does not want the
 *   node's reads ({@link PolicyNode#wantsReads()}). It takes no lock and never blocks. Without a bound, an entry
 *   without a deadline is stored as its bare value, so such a store is a plain
 *   {@code ConcurrentHashMap}.
 *   <li><b>Writes</b> run inside {@code map.compute}, which serialises each key. They change the node
 *   (or swap in a new one) and then, outside the key's lock, append what maintenance must do to the
 *   {@link WriteBuffer}: the new node itself for an add (no extra object), or a {@link Task} for
 *   UPDATE (value and weight changed), RESCHEDULE (deadline only) or REMOVE. A value change that
 *   keeps the weight and the deadline is, for every policy, the same as a read, so it is recorded
 *   in the lossy read buffer like one. A store without a bound records tasks only for expiring
 *   nodes, so its plain entries cost nothing beyond the map.
 *   <li><b>Layout</b>: the fields maintenance writes on every cycle ({@code drainStatus},
 *   {@code weight}, {@code weightedSize}) live in padded superclasses ({@link MaintenanceLayout}), away from the read-mostly
 *   fields every {@code get} loads, so a maintenance cycle does not invalidate the readers' cache
 *   line.
 *   <li><b>Maintenance</b> replays the buffers onto the single-threaded policy and wheel under
 *   {@code evictionLock} (BP-Wrapper). Only the lock holder touches the policy, the wheel, the nodes'
 *   links and policy weights and {@code weight}, which is published to the volatile
 *   {@code weightedSize} at the end of each cycle, so readers never see a mid-cycle total over the
 *   bound. {@code drainStatus} makes sure that every appended task is followed by a run: a cycle
 *   moves it to PROCESSING_TO_IDLE before draining and back to IDLE after; a writer schedules a run
 *   when it moves the status from IDLE to REQUIRED, and during a cycle marks it
 *   PROCESSING_TO_REQUIRED instead, which makes the cycle's end fail and the lock holder run again.
 *   A reader whose read-buffer stripe is full schedules a run only from IDLE: while a cycle runs,
 *   further reads are dropped rather than queueing more runs (they are samples). A scheduled run only
 *   tries the lock; whoever holds it checks the status after its cycle and runs again if a run was
 *   owed meanwhile, so readers and pool threads never wait for the lock. A writer that finds
 *   the write buffer full runs maintenance itself, waiting for the lock (back-pressure).
 *   <li><b>Retirement</b>: a node leaves the map (by a writer inside compute, or by maintenance with
 *   {@code remove(key, node)}) before its value is set to {@code null}; a retired node is never
 *   re-added to the policy, so tasks that arrive out of order (two writers of one key racing to the
 *   buffer) are harmless: ADD skips retired nodes and UPDATE/REMOVE skip nodes not in the policy.
 *   <li><b>Listener</b> calls are queued during maintenance (under the lock, so in removal order)
 *   and delivered after the lock is released by one thread at a time under {@code deliveryLock}, so
 *   calls for one key keep their order and a listener may use the store, even block on another
 *   thread that does, without holding up maintenance.
 * </ul>
 *
 * <p>Thread-safety: all public methods may be called from any thread.
 */
final class ConcurrentStore<K, V> extends MaintenanceLayout.Padded implements Store<K, V> {

  private static final System.Logger LOG = System.getLogger(ConcurrentStore.class.getName());
  /** No run owed. */
  private static final int IDLE = 0;
  /** A run is owed: scheduled on the executor, or about to be run again by the lock holder. */
  private static final int REQUIRED = 1;
  /** A cycle is running and nothing has been appended that it may have missed. */
  private static final int PROCESSING_TO_IDLE = 2;
  /** A cycle is running and a writer appended since it started: it must run once more. */
  private static final int PROCESSING_TO_REQUIRED = 3;
  private static final VarHandle DRAIN_STATUS;

  static {
    try {
      DRAIN_STATUS = MethodHandles.lookup().findVarHandle(MaintenanceLayout.Fields.class, "drainStatus", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Holds a {@link Node} per key: a {@link NodeTable} in a bounded store; in a store without a bound a
   * {@link MapTable}, where an entry without a deadline is held as its bare value, exactly as in a
   * plain {@code ConcurrentHashMap} (nodes are package-private, so a user value is never mistaken for
   * one).
   */
  private final EntryTable<K> map;
  private final Policy policy;
  private final long maximum;
  private final Weigher<? super K, ? super V> weigher;
  private final Ticker ticker;
  private final Executor executor;
  private final StoreListener<K, V> listener;
  private final ReadBuffer<Node<K, V>> readBuffer;
  /** Holds the new {@link Node} for an add, a {@link Task} for anything else. */
  private final WriteBuffer<Object> writeBuffer;
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final Runnable drainTask = () -> performMaintenance(false);
  private final Eviction eviction = new Eviction();
  private final Consumer<Node<K, V>> onRead;
  private final TimerWheel.Expirer expirer = this::expire;

  // Owned by the holder of evictionLock.
  private TimerWheel wheel;
  /** Appended under the maintenance lock (so in removal order), delivered under {@code deliveryLock}. */
  private final ConcurrentLinkedQueue<Removal<K, V>> pendingRemovals = new ConcurrentLinkedQueue<>();
  /**
   * Expiries that maintenance removed but has not yet reported, by key. A remapping that finds its key
   * absent takes the key's one over (removing it here) and sees its value as the slot's
   * {@link Slot#expiredValue}, exactly as if it had found the expired node itself; delivery reports
   * only the expiries still here. So an expiry is reported once, and before any later value of its
   * key is created, however late delivery runs.
   */
  private final ConcurrentHashMap<K, Removal<K, V>> unreportedExpiries = new ConcurrentHashMap<>();
  private final ReentrantLock deliveryLock = new ReentrantLock();

  ConcurrentStore(StoreBuilder<K, V> builder, Policy policy, long maximum, boolean weighted) {
    this.policy = policy;
    this.maximum = maximum;
    // By count the bound caps the table at two bins per entry (a full store keeps chains at half an
    // entry per bin: a lookup, which is mostly waiting for memory, visits fewer nodes); by weight the
    // bound says nothing of the number of entries.
    long bins = (maximum > Long.MAX_VALUE / 2) ? Long.MAX_VALUE : 2 * maximum;
    this.map = (policy == null) ? new MapTable<>() : new NodeTable<>(weighted ? Long.MAX_VALUE : bins, builder.keyType);
    this.weigher = weighted ? builder.weigher : null;
    this.ticker = builder.ticker;
    this.executor = builder.executor;
    this.listener = builder.listener;
    this.onRead = (policy == null) ? null : policy::onAccess;
    this.readBuffer = (policy == null || !policy.usesReads()) ? null : new ReadBuffer<>();
    int cpus = Runtime.getRuntime().availableProcessors();
    this.writeBuffer = new WriteBuffer<>(Math.min(4096, 128 * Math.max(1, cpus)));
  }

  /** What maintenance must do for one node, other than add it (an add is buffered as the node itself). */
  private static final class Task {
    static final int UPDATE = 1;
    static final int RESCHEDULE = 2;
    static final int REMOVE = 3;

    final Node<?, ?> node;
    final int kind;

    Task(Node<?, ?> node, int kind) {
      this.node = node;
      this.kind = kind;
    }
  }

  /**
   * A removal to report to the listener at the end of maintenance. An expiry removed under the key's
   * lock is also {@code claimable}: it stays in {@code unreportedExpiries} until reported, and a
   * writer that finds the key absent meanwhile takes it over (see {@link #unreportedExpiries}).
   */
  private static final class Removal<K, V> {
    final K key;
    final V value;
    final RemovalCause cause;
    final boolean claimable;

    Removal(K key, V value, RemovalCause cause, boolean claimable) {
      this.key = key;
      this.value = value;
      this.cause = cause;
      this.claimable = claimable;
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Object entry = map.get(key);
    if (!(entry instanceof Node)) {
      return (V) entry;
    }
    Node<K, V> node = (Node<K, V>) entry;
    V value = node.value;
    if (value == null) {
      return null;
    }
    if (hasExpired(node.deadline())) {
      scheduleDrain();
      return null;
    }
    recordRead(node);
    return value;
  }

  /** Whether {@code deadline} (a node's, {@link Long#MAX_VALUE} for none) has passed by the ticker. */
  private boolean hasExpired(long deadline) {
    return deadline != Long.MAX_VALUE && deadline - ticker.read() <= 0;
  }

  /**
   * Offers an access of {@code node} to the policy through the lossy read buffer, or only counts it
   * when the policy does not want the node's reads replayed.
   */
  private void recordRead(Node<K, V> node) {
    if (readBuffer == null) {
      return;
    }
    if (!node.wantsReads()) {
      node.markQuietRead();
      readBuffer.countUnrecorded();
    } else if (readBuffer.offer(node)) {
      scheduleDrain();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public V peek(K key) {
    Object entry = map.get(key);
    if (!(entry instanceof Node)) {
      return (V) entry;
    }
    Node<K, V> node = (Node<K, V>) entry;
    V value = node.value;
    if (value == null) {
      return null;
    }
    return hasExpired(node.deadline()) ? null : value;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public <R> R compute(K key, Remapping<K, V, R> remapping) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(remapping, "remapping");
    Compute<R> compute = new Compute<>(remapping);
    map.compute(key, compute);
    if (compute.removed != null) {
      afterWrite(compute.removed, Task.REMOVE);
    }
    if (compute.added != null) {
      afterAdd(compute.added);
    }
    if (compute.changed != null) {
      afterWrite(compute.changed, compute.changeKind);
    }
    return compute.result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean replaceInPlace(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (weigher != null || !(map instanceof NodeTable)) {
      return false;
    }
    Node<K, V> node = ((NodeTable<K, V>) map).replaceValue(key, value);
    if (node == null) {
      return false;
    }
    afterWrite(node, Task.UPDATE);
    return true;
  }

  private boolean needsTask(Node<K, V> node) {
    return policy != null || node.canExpire();
  }

  /** Tells maintenance of a node a writer added: the node itself goes into the write buffer. */
  private void afterAdd(Node<K, V> node) {
    if (needsTask(node)) {
      append(node);
    }
  }

  /** Tells maintenance of an UPDATE, RESCHEDULE or REMOVE of a node. */
  private void afterWrite(Node<K, V> node, int kind) {
    if (!needsTask(node)) {
      return;
    }
    if (kind == Task.UPDATE && weigher == null && !node.canExpire()) {
      // Same weight, no deadline: to every policy a value change is then just another access.
      recordRead(node);
      return;
    }
    append(new Task(node, kind));
  }

  private void append(Object task) {
    while (!writeBuffer.offer(task)) {
      cleanUp();
    }
    scheduleDrainAfterWrite();
  }

  private Node<K, V> newNode(K key, V value, long deadline, int weight) {
    if (weigher != null) {
      return (deadline == Long.MAX_VALUE)
          ? new Node.Weighted<>(key, value, weight)
          : new Node.WeightedExpiring<>(key, value, deadline, weight);
    }
    return (deadline == Long.MAX_VALUE) ? new Node<>(key, value) : new Node.Expiring<>(key, value, deadline);
  }

  private int weigh(K key, V value) {
    if (weigher == null) {
      return 1;
    }
    int weight = weigher.weigh(key, value);
    if (weight < 0) {
      throw new IllegalArgumentException("weigher returned a negative weight " + weight + " for key " + key);
    }
    return weight;
  }

  /** One remapping: the {@link Slot} it sees and the map function that applies its outcome. */
  private final class Compute<R> implements Slot<V>, BiFunction<K, Object, Object> {
    private final Remapping<K, V, R> remapping;
    R result;
    Node<K, V> added;
    Node<K, V> removed;
    Node<K, V> changed;
    int changeKind;

    private V value;
    private long expiresAt = Long.MAX_VALUE;
    private V expiredValue;
    private boolean valueWritten;
    private boolean deadlineWritten;

    Compute(Remapping<K, V, R> remapping) {
      this.remapping = remapping;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object apply(K key, Object entry) {
      if (entry != null && !(entry instanceof Node)) {
        return applyToBareValue(key, (V) entry);
      }
      Node<K, V> node = (Node<K, V>) entry;
      boolean expired = false;
      Removal<K, V> unreported = null;
      if (node == null && !unreportedExpiries.isEmpty()) {
        unreported = unreportedExpiries.remove(key);
        if (unreported != null) {
          expiredValue = unreported.value;
        }
      }
      if (node != null) {
        V current = node.value;
        long deadline = node.deadline();
        if (hasExpired(deadline)) {
          expired = true;
          expiredValue = current;
        } else {
          value = current;
          expiresAt = deadline;
        }
      }
      try {
        result = remapping.remap(key, this);
      } catch (RuntimeException | Error e) {
        if (unreported != null) {
          // The failed step reports nothing: the expiry goes back to the next delivery (a copy
          // still queued finds it and reports it; a later one finds it gone) or the next step.
          if (unreportedExpiries.putIfAbsent(key, unreported) == null) {
            pendingRemovals.add(unreported);
          }
        }
        throw e;
      }
      if (!valueWritten && !deadlineWritten && !expired) {
        return node;
      }
      if (value == null) {
        if (node != null) {
          node.value = null;
          removed = node;
        }
        return null;
      }
      int weight = valueWritten ? weigh(key, value) : (node == null ? 1 : node.weight());
      if (node == null || expired || (expiresAt != Long.MAX_VALUE && !node.canExpire())) {
        if (node != null) {
          node.value = null;
          removed = node;
        }
        if (policy == null && expiresAt == Long.MAX_VALUE) {
          return value;
        }
        added = newNode(key, value, expiresAt, weight);
        return added;
      }
      if (policy == null && expiresAt == Long.MAX_VALUE) {
        // No longer needs the wheel: back to a bare value.
        node.value = null;
        removed = node;
        return value;
      }
      if (node.canExpire()) {
        node.setDeadline(expiresAt);
      }
      if (weigher != null) {
        node.setWeight(weight);
      }
      node.value = value;
      changed = node;
      changeKind = valueWritten ? Task.UPDATE : Task.RESCHEDULE;
      return node;
    }

    /** The remapping of an entry held as a bare value (no bound, no deadline). */
    private Object applyToBareValue(K key, V current) {
      value = current;
      result = remapping.remap(key, this);
      if (!valueWritten && !deadlineWritten) {
        return current;
      }
      if (value == null || expiresAt == Long.MAX_VALUE) {
        return value;
      }
      added = newNode(key, value, expiresAt, 1);
      return added;
    }

    @Override
    public V value() {
      return value;
    }

    @Override
    public V expiredValue() {
      return expiredValue;
    }

    @Override
    public long expiresAt() {
      return (value == null) ? Long.MAX_VALUE : expiresAt;
    }

    @Override
    public void set(V newValue, long newExpiresAt) {
      Objects.requireNonNull(newValue, "value (use remove() to remove an entry)");
      value = newValue;
      expiresAt = newExpiresAt;
      valueWritten = true;
    }

    @Override
    public void setExpiresAt(long newExpiresAt) {
      if (value != null) {
        expiresAt = newExpiresAt;
        deadlineWritten = true;
      }
    }

    @Override
    public void remove() {
      value = null;
      expiresAt = Long.MAX_VALUE;
      valueWritten = true;
    }
  }

  // ---------------------------------------------------------------- maintenance

  /** Asks for a run after a read: only when none is owed or running (reads are samples). */
  private void scheduleDrain() {
    if (drainStatus == IDLE && DRAIN_STATUS.compareAndSet(this, IDLE, REQUIRED)) {
      executeDrain();
    }
  }

  /** Makes sure a run follows a task just appended to the write buffer. */
  private void scheduleDrainAfterWrite() {
    for (;;) {
      int status = drainStatus;
      if (status == IDLE) {
        if (DRAIN_STATUS.compareAndSet(this, IDLE, REQUIRED)) {
          executeDrain();
          return;
        }
      } else if (status == PROCESSING_TO_IDLE) {
        if (DRAIN_STATUS.compareAndSet(this, PROCESSING_TO_IDLE, PROCESSING_TO_REQUIRED)) {
          return;
        }
      } else {
        return;
      }
    }
  }

  private void executeDrain() {
    try {
      executor.execute(drainTask);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "maintenance executor rejected the task; running it on the caller", e);
      cleanUp();
    }
  }

  @Override
  public void cleanUp() {
    performMaintenance(true);
  }

  /**
   * Runs maintenance cycles, then delivers their removals. A scheduled drain ({@code wait} false)
   * only tries the lock: when another thread holds it, that thread sees the REQUIRED status after
   * its cycle and runs another, so neither a reader nor a pool thread ever waits for the lock, and no
   * scheduled work is left behind.
   */
  private void performMaintenance(boolean wait) {
    boolean block = wait;
    for (;;) {
      if (block) {
        evictionLock.lock();
      } else if (!evictionLock.tryLock()) {
        return;
      }
      try {
        maintain();
      } finally {
        evictionLock.unlock();
      }
      deliverRemovals();
      if (drainStatus == IDLE) {
        return;
      }
      block = false;
    }
  }

  /** One maintenance cycle; the caller holds {@code evictionLock}. */
  private void maintain() {
    drainStatus = PROCESSING_TO_IDLE;
    try {
      drainAndEvict();
    } finally {
      if (!DRAIN_STATUS.compareAndSet(this, PROCESSING_TO_IDLE, IDLE)) {
        drainStatus = REQUIRED;
      }
    }
  }

  private void drainAndEvict() {
    if (readBuffer != null) {
      long unrecorded = readBuffer.drainTo(onRead);
      if (unrecorded != 0) {
        policy.onUnrecordedReads(unrecorded);
      }
    }
    if (wheel != null) {
      wheel.advance(ticker.read(), expirer);
    }
    Object task;
    while ((task = writeBuffer.poll()) != null) {
      if (task instanceof Task) {
        apply((Task) task);
      } else {
        @SuppressWarnings("unchecked")
        Node<K, V> added = (Node<K, V>) task;
        add(added);
      }
    }
    if (policy != null) {
      eviction.reserve = 0;
      policy.evict(eviction);
      policy.afterMaintenance();
      weightedSize = weight;
    }
  }


  /** Brings a node added by a writer into the policy and the wheel, unless it is already retired. */
  private void add(Node<K, V> node) {
    if (node.value == null || node.isInPolicy()) {
      return;
    }
    if (policy != null) {
      node.syncPolicyWeight();
      int added = node.policyWeight();
      if (added > maximum) {
        // It could never fit: turn it away rather than flush the store to make room.
        rejectOversized(node);
        return;
      }
      if (policy.makesRoomFirst()) {
        policy.beforeAdd(node);
        eviction.reserve = added;
        policy.evict(eviction);
        eviction.reserve = 0;
      }
      policy.onAdd(node);
      weight += added;
      policy.evict(eviction);
    }
    schedule(node);
  }

  @SuppressWarnings("unchecked")
  private void apply(Task task) {
    Node<K, V> node = (Node<K, V>) task.node;
    switch (task.kind) {
      case Task.UPDATE:
        if (policy != null && node.isInPolicy()) {
          int old = node.syncPolicyWeight();
          weight += node.policyWeight() - old;
          policy.onUpdate(node, old);
          if (node.policyWeight() > maximum) {
            evict(node);
          }
          policy.evict(eviction);
        }
        schedule(node);
        break;
      case Task.RESCHEDULE:
        schedule(node);
        break;
      default:
        if (policy != null && node.isInPolicy()) {
          policy.onRemove(node);
          weight -= node.policyWeight();
        }
        if (node.canExpire()) {
          ensureWheel().deschedule((Timed) node);
        }
        break;
    }
  }

  /**
   * Puts a written node on the wheel; a node whose deadline had already passed when this cycle
   * advanced the wheel leaves now, rather than at the next cycle's advance.
   */
  private void schedule(Node<K, V> node) {
    if (node.canExpire() && node.value != null) {
      TimerWheel timers = ensureWheel();
      if (node.deadline() - timers.nanos() <= 0) {
        timers.deschedule((Timed) node);
        expire((Timed) node);
      } else {
        timers.schedule((Timed) node);
      }
    }
  }

  private TimerWheel ensureWheel() {
    if (wheel == null) {
      wheel = new TimerWheel(ticker.read());
    }
    return wheel;
  }

  /** Called by the wheel for a node whose deadline passed; removes it unless a writer moved the deadline. */
  @SuppressWarnings("unchecked")
  private void expire(Timed timed) {
    Node<K, V> node = (Node<K, V>) timed;
    long now = wheel.nanos();
    Object[] removal = new Object[1];
    map.compute(node.key, (key, current) -> {
      if (current != node) {
        return current;
      }
      long deadline = node.deadline();
      if (deadline == Long.MAX_VALUE || deadline - now > 0) {
        return current;
      }
      Removal<K, V> expired = new Removal<>(key, node.value, RemovalCause.EXPIRED, true);
      unreportedExpiries.put(key, expired);
      removal[0] = expired;
      node.value = null;
      return null;
    });
    if (removal[0] != null) {
      if (policy != null && node.isInPolicy()) {
        policy.onRemove(node);
        weight -= node.policyWeight();
      }
      pendingRemovals.add((Removal<K, V>) removal[0]);
    } else if (node.value != null) {
      wheel.schedule(timed);
    }
  }

  /** Removes a victim chosen by the policy; reports it unless a writer had already removed it. */
  private void evict(Node<K, V> node) {
    V value = null;
    if (map.remove(node.key, node)) {
      value = node.value;
      node.value = null;
    }
    policy.onRemove(node);
    weight -= node.policyWeight();
    RemovalCause cause = RemovalCause.EVICTED;
    if (node.canExpire()) {
      ensureWheel().deschedule((Timed) node);
      if (hasExpired(node.deadline())) {
        cause = RemovalCause.EXPIRED;
      }
    }
    if (value != null) {
      pendingRemovals.add(new Removal<>(node.key, value, cause, false));
    }
  }

  /** Removes a new node heavier than the whole bound before the policy ever sees it. */
  private void rejectOversized(Node<K, V> node) {
    if (map.remove(node.key, node)) {
      V value = node.value;
      node.value = null;
      pendingRemovals.add(new Removal<>(node.key, value, RemovalCause.EVICTED, false));
    }
  }

  /**
   * Tells the listener of the removals queued by maintenance, in order, outside the maintenance lock
   * (a listener may use the store). One thread delivers at a time; a thread that finds another one
   * delivering leaves its removals to it, and a listener's own writes never deliver re-entrantly.
   */
  private void deliverRemovals() {
    while (!pendingRemovals.isEmpty()) {
      if (deliveryLock.isHeldByCurrentThread() || !deliveryLock.tryLock()) {
        return;
      }
      try {
        Removal<K, V> removal;
        while ((removal = pendingRemovals.poll()) != null) {
          if (removal.claimable && !unreportedExpiries.remove(removal.key, removal)) {
            continue; // a writer of the key reported it
          }
          try {
            listener.onRemoval(removal.key, removal.value, removal.cause);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "store listener failed for key " + removal.key, e);
          }
        }
      } finally {
        deliveryLock.unlock();
      }
    }
  }

  /** The policy's view of the bound. */
  private final class Eviction implements Policy.Eviction {
    long reserve;

    @Override
    public boolean overBound() {
      return weight + reserve > maximum;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void evict(PolicyNode victim) {
      ConcurrentStore.this.evict((Node<K, V>) victim);
    }
  }

  // ---------------------------------------------------------------- whole-store operations

  @Override
  public Iterator<K> keys() {
    return map.keyIterator();
  }

  @Override
  public void clear() {
    evictionLock.lock();
    try {
      maintain();
      for (Iterator<K> keys = map.keyIterator(); keys.hasNext();) {
        K key = keys.next();
        Object entry = map.get(key);
        if (entry == null) {
          continue;
        }
        if (!(entry instanceof Node)) {
          map.remove(key, entry);
          continue;
        }
        @SuppressWarnings("unchecked")
        Node<K, V> node = (Node<K, V>) entry;
        if (map.remove(node.key, node)) {
          node.value = null;
          if (policy != null && node.isInPolicy()) {
            policy.onRemove(node);
            weight -= node.policyWeight();
          }
          if (node.canExpire() && wheel != null) {
            wheel.deschedule((Timed) node);
          }
        }
      }
      weightedSize = weight;
    } finally {
      evictionLock.unlock();
    }
    deliverRemovals();
    if (drainStatus != IDLE) {
      performMaintenance(false);
    }
  }

  @Override
  public long estimatedSize() {
    return map.mappingCount();
  }

  @Override
  public long weightedSize() {
    return (policy == null) ? map.mappingCount() : Math.max(0, weightedSize);
  }

  @Override
  public long maximum() {
    return (policy == null) ? -1 : maximum;
  }

  @Override
  public String policyName() {
    return (policy == null) ? "none" : policy.name();
  }
}
