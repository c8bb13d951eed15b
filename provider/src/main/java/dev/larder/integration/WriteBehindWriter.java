package dev.larder.integration;

import dev.larder.expiry.Ticker;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Write-behind: a {@link CacheWriter} that wraps the application's writer, accepts each write or delete
 * at once (into an in-memory queue and, when configured, a {@link Journal journal} on disk) and sends
 * them to the wrapped writer later, coalesced per key, in batches of {@code writeAll}/{@code deleteAll}.
 * A cache in {@link WriteMode#BEHIND} wraps its writer in one and asks {@link #lookupPending} on a miss,
 * so that a read sees a write still waiting in the queue even when the cached entry has been evicted.
 *
 * <p>Behaviour, from {@link WriteBehindSettings}: a key's operation waits {@code flushDelay} to be
 * coalesced with later writes of the same key (only the last reaches the writer), or leaves at once
 * when {@code batchSize} operations are waiting. A failed batch is retried with exponential backoff
 * from {@code retryInitialBackoff} to {@code retryMaxBackoff}, for ever: nothing is dropped. At most
 * {@code maxBacklog} distinct keys wait; past it a caller waits up to {@code backlogWaitTimeout} for room
 * and then gets a {@link CacheWriterException}. With {@code FsyncPolicy.EVERY_WRITE} a write returns only
 * once its journal record is synced; writers arriving together share one sync (group commit).
 * {@link #close()} flushes what is queued, for at most
 * {@code closeTimeout}; what is left stays in the journal and is replayed by the next writer built on it.
 *
 * <p>Thread-safety: thread-safe. {@code write}/{@code delete} may be called from any number of threads;
 * the writer is called from one flusher thread at a time.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 *   <li>{@code slots} maps each key with unfinished work to an immutable {@code Slot(pending, inFlight)}:
 *       the newest operation not yet handed to the writer, and the one the writer is handling now.
 *       Every change to a key's slot is one {@code ConcurrentHashMap.compute}, so readers
 *       ({@link #lookupPending}) see a consistent pair without a lock. A key leaves the map when both
 *       are empty; the map's size is the backlog, bounded by the {@code room} semaphore (a permit per
 *       key in the map).</li>
 *   <li><b>Per-key order invariant.</b> Each operation carries a sequence number, assigned (and
 *       journaled) inside the key's {@code compute}, so per key the sequence, the journal and the queue
 *       agree. Only the flusher moves {@code pending} to {@code inFlight}, and only when
 *       {@code inFlight} is empty; flush rounds never overlap ({@code flushLock}). So at most one
 *       operation per key is with the writer, and it is newer than every operation of that key the
 *       writer saw before. A write arriving while its key is in flight waits in {@code pending}. If the
 *       in-flight operation fails, it goes back to {@code pending} unless a newer one is already there,
 *       which then supersedes it (each operation carries the key's whole new state, so writing only
 *       the newer one leaves the right result). A retried batch thus never writes a key out of
 *       order, and never writes an old value after a newer one.</li>
 *   <li>{@code ready} is a FIFO of keys whose slot has a pending operation, in the order they became
 *       pending; a key is added by the thread that made its {@code pending} non-empty and removed by
 *       the flusher when it takes the operation. {@code pendingCount} counts pending operations (to
 *       start a full batch early).</li>
 *   <li>The flusher fields ({@code consecutiveFailures}, {@code retryNotBefore}) are touched only
 *       under {@code flushLock}. {@code scheduledAt} (ticker time of the earliest scheduled round)
 *       avoids piling up scheduled rounds; an extra round is harmless.</li>
 *   <li>A journal record stays live until its operation is written or superseded; the journal deletes
 *       segments whose records are all done (see {@link Journal}).</li>
 * </ul>
 */
public final class WriteBehindWriter<K, V> implements CacheWriter<K, V>, Closeable {

  private static final System.Logger LOG = System.getLogger(WriteBehindWriter.class.getName());

  /**
   * A write or delete that the writer has not finished yet, as {@link #lookupPending} reports it.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class Pending<V> {
    final long seq;
    final V value;
    final boolean delete;
    final long readyAt;
    final Journal.Segment segment;

    Pending(long seq, V value, boolean delete, long readyAt, Journal.Segment segment) {
      this.seq = seq;
      this.value = value;
      this.delete = delete;
      this.readyAt = readyAt;
      this.segment = segment;
    }

    /** True when the pending operation deletes the key (a read must then see no value). */
    public boolean isDelete() {
      return delete;
    }

    /** The value being written, or {@code null} for a delete. */
    public V value() {
      return value;
    }

    Pending<V> readyAt(long time) {
      return new Pending<>(seq, value, delete, time, segment);
    }

    @Override
    public String toString() {
      return delete ? "Pending[delete]" : "Pending[put " + value + "]";
    }
  }

  private record Slot<V>(Pending<V> pending, Pending<V> inFlight) {}

  /** An operation the flusher took for a batch. */
  private record Taken<K, V>(K key, Pending<V> op) implements Cache.Entry<K, V> {
    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return op.value;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
      throw new IllegalArgumentException("a write-behind entry unwraps to nothing, asked for " + clazz);
    }
  }

  /** Carries a result out of a {@code compute} lambda (thread-confined). */
  private static final class Box<T> {
    T value;
  }

  /** What one attempt to enqueue found out inside {@code compute}. */
  private static final class Attempt<V> {
    int permits;
    boolean needRoom;
    boolean becamePending;
    Pending<V> superseded;
  }

  private final String cacheName;
  /** The application's writer; typed loosely because it may take supertypes of K and V. */
  private final CacheWriter<Object, Object> delegate;
  private final Ticker ticker;
  private final FlushScheduler scheduler;
  private final JournalSerializer serializer;
  private final Journal journal;
  private final long flushDelayNanos;
  private final int batchSize;
  private final int maxBacklog;
  private final long backlogWaitNanos;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long closeTimeoutNanos;
  private final long fsyncIntervalNanos;
  private final boolean syncEveryWrite;

  private final ConcurrentHashMap<K, Slot<V>> slots = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<K> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final Semaphore room;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong scheduledAt = new AtomicLong(Long.MAX_VALUE);
  private final ReentrantLock flushLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();

  // Guarded by flushLock.
  private int consecutiveFailures;
  private long retryNotBefore;

  private final LongAdder flushes = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private volatile Throwable lastFailure;
  /** Makes the queue's own copy of a written value (identity unless the cache stores by value). */
  private final UnaryOperator<Object> valueCopier;

  private WriteBehindWriter(Builder<K, V> builder) {
    WriteBehindSettings settings = builder.settings;
    this.cacheName = builder.cacheName;
    @SuppressWarnings("unchecked")
    CacheWriter<Object, Object> loose = (CacheWriter<Object, Object>) builder.delegate;
    this.delegate = loose;
    this.ticker = builder.ticker;
    this.flushDelayNanos = settings.getFlushDelay().toNanos();
    this.batchSize = settings.getBatchSize();
    this.maxBacklog = settings.getMaxBacklog();
    this.backlogWaitNanos = saturatedNanos(settings.getBacklogWaitTimeout());
    this.initialBackoffNanos = Math.max(1, settings.getRetryInitialBackoff().toNanos());
    this.maxBackoffNanos = Math.max(initialBackoffNanos, settings.getRetryMaxBackoff().toNanos());
    this.closeTimeoutNanos = saturatedNanos(settings.getCloseTimeout());
    this.fsyncIntervalNanos = Math.max(1, settings.getFsyncInterval().toNanos());
    this.syncEveryWrite = settings.getFsyncPolicy() == WriteBehindSettings.FsyncPolicy.EVERY_WRITE;
    this.serializer = builder.serializer();
    this.valueCopier = builder.valueCopier;
    this.scheduler = builder.scheduler != null
        ? builder.scheduler
        : FlushScheduler.singleThread("larder-write-behind-" + cacheName);
    Journal opened = null;
    int replayedKeys = 0;
    try {
      Path path = settings.getJournalPath();
      if (path != null) {
        List<Journal.Replayed> replayed = new ArrayList<>();
        opened = Journal.open(path, settings.getFsyncPolicy(), settings.getJournalSegmentSize(), serializer, replayed);
        replayedKeys = requeue(replayed);
        if (replayedKeys > 0) {
          LOG.log(Level.INFO, "write-behind of cache '" + cacheName + "' replayed " + replayedKeys
              + " pending operations from journal " + path);
        }
      }
    } catch (IOException e) {
      scheduler.close();
      throw new CacheException("cannot open the write-behind journal " + settings.getJournalPath()
          + " of cache '" + cacheName + "': " + e, e);
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
    this.journal = opened;
    // May start negative when the journal held more keys than the backlog allows: writes of new keys
    // then wait until the replayed ones have been written.
    this.room = new Semaphore(maxBacklog - replayedKeys);
    if (journal != null && settings.getFsyncPolicy() == WriteBehindSettings.FsyncPolicy.INTERVAL) {
      scheduler.schedule(this::syncJournal, fsyncIntervalNanos);
    }
    if (replayedKeys > 0) {
      schedule(0);
    }
  }

  /** Starts building a write-behind writer for the cache {@code cacheName} in front of {@code delegate}. */
  public static <K, V> Builder<K, V> builder(String cacheName, CacheWriter<? super K, ? super V> delegate) {
    return new Builder<>(cacheName, delegate);
  }

  /**
   * Builds a {@link WriteBehindWriter}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder<K, V> {
    private final String cacheName;
    private final CacheWriter<? super K, ? super V> delegate;
    private WriteBehindSettings settings = new WriteBehindSettings();
    private Ticker ticker = Ticker.SYSTEM;
    private ClassLoader classLoader;
    private FlushScheduler scheduler;
    private UnaryOperator<Object> valueCopier = UnaryOperator.identity();

    private Builder(String cacheName, CacheWriter<? super K, ? super V> delegate) {
      this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
      this.delegate = Objects.requireNonNull(delegate, "delegate writer");
    }

    /** The settings (copied); the defaults of {@link WriteBehindSettings} unless set. */
    public Builder<K, V> settings(WriteBehindSettings settings) {
      this.settings = new WriteBehindSettings(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** The time source of flush delays and backoff; {@link Ticker#SYSTEM} unless set. */
    public Builder<K, V> ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** The class loader for the serializer class and for deserializing the journal. */
    public Builder<K, V> classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * How the queue takes its own copy of each written value, so that a caller changing its object after
     * {@code put} does not change what is written later (a store-by-value cache passes its copier);
     * values are taken as they are unless set.
     */
    public Builder<K, V> valueCopier(UnaryOperator<Object> valueCopier) {
      this.valueCopier = Objects.requireNonNull(valueCopier, "valueCopier");
      return this;
    }

    Builder<K, V> scheduler(FlushScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Opens the journal (if any), re-queues the operations it holds and returns the writer.
     *
     * @throws JournalCorruptedException if the journal is damaged other than by a torn last write
     * @throws CacheException if the journal cannot be opened or the serializer cannot be created
     */
    public WriteBehindWriter<K, V> build() {
      return new WriteBehindWriter<>(this);
    }

    private JournalSerializer serializer() {
      String name = settings.getSerializerClass();
      if (name == null) {
        return new JavaJournalSerializer(classLoader);
      }
      try {
        ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(name, true, loader);
        return (JournalSerializer) type.getConstructor().newInstance();
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new CacheException("cannot create the write-behind journal serializer '" + name + "' of cache '"
            + cacheName + "': it must implement " + JournalSerializer.class.getName()
            + " and have a public no-argument constructor (" + e + ")", e);
      }
    }
  }

  // ---------------------------------------------------------------- CacheWriter

  /** Queues the write; returns once the queue (and the journal, if any) hold it. */
  @Override
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    @SuppressWarnings("unchecked")
    V owned = (V) valueCopier.apply(Objects.requireNonNull(entry.getValue(), "value"));
    enqueue(entry.getKey(), owned, false);
  }

  /**
   * Queues every write. If one cannot be queued, the entries queued so far are removed from
   * {@code entries} and the exception is thrown: what is left was not accepted.
   */
  @Override
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    int done = 0;
    try {
      for (Cache.Entry<? extends K, ? extends V> entry : entries) {
        write(entry);
        done++;
      }
    } catch (RuntimeException e) {
      removeFirst(entries, done);
      throw e;
    }
  }

  /** Queues the delete; returns once the queue (and the journal, if any) hold it. */
  @Override
  @SuppressWarnings("unchecked")
  public void delete(Object key) {
    enqueue((K) key, null, true);
  }

  /** Queues every delete; on failure the keys queued so far are removed from {@code keys}. */
  @Override
  public void deleteAll(Collection<?> keys) {
    int done = 0;
    try {
      for (Object key : keys) {
        delete(key);
        done++;
      }
    } catch (RuntimeException e) {
      removeFirst(keys, done);
      throw e;
    }
  }

  /**
   * Returns the newest write or delete of {@code key} that the writer has not finished, or {@code null}
   * when there is none (the system of record then has the key's latest state).
   */
  public Pending<V> lookupPending(Object key) {
    Slot<V> slot = slots.get(key);
    if (slot == null) {
      return null;
    }
    return slot.pending != null ? slot.pending : slot.inFlight;
  }

  /**
   * Returns a loader that answers from this queue for keys with a pending write or delete, and asks
   * {@code loader} for the others: the loader a write-behind cache must use, so that a load never
   * returns an older value than one the cache has accepted.
   */
  public CacheLoader<K, V> pendingFirst(CacheLoader<K, V> loader) {
    return new PendingFirstLoader<>(Objects.requireNonNull(loader, "loader"), this);
  }

  // ---------------------------------------------------------------- statistics

  /** The distinct keys whose write or delete has not reached the writer yet (queued or in flight). */
  public int getBacklogSize() {
    return slots.size();
  }

  /** The batches ({@code writeAll} or {@code deleteAll} calls) the writer completed. */
  public long getFlushCount() {
    return flushes.sum();
  }

  /** The operations the writer completed. */
  public long getWrittenCount() {
    return written.sum();
  }

  /** The batches sent again after a failure. */
  public long getRetryCount() {
    return retries.sum();
  }

  /** The batches the writer failed (each is retried). */
  public long getFailureCount() {
    return failures.sum();
  }

  /** The journal's segment files, oldest first; empty without a journal. */
  List<Path> journalFiles() {
    return journal == null ? List.of() : journal.files();
  }

  // ---------------------------------------------------------------- enqueue

  private void enqueue(K key, V value, boolean delete) {
    Objects.requireNonNull(key, "key");
    if (closed.get()) {
      throw new CacheWriterException("the write-behind writer of cache '" + cacheName + "' is closed");
    }
    byte[] keyBytes = journal == null ? null : serialize(key, "key");
    byte[] valueBytes = journal == null || delete ? null : serialize(value, "value");
    var attempt = new Attempt<V>();
    try {
      for (;;) {
        attempt.needRoom = false;
        slots.compute(key, (k, slot) -> accept(slot, value, delete, keyBytes, valueBytes, attempt));
        if (!attempt.needRoom) {
          break;
        }
        awaitRoom();
        attempt.permits++;
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ClosedChannelException) {
        throw new CacheWriterException("the write-behind writer of cache '" + cacheName + "' is closed", e);
      }
      throw new CacheWriterException("cannot append to the write-behind journal of cache '" + cacheName + "': "
          + e.getCause(), e.getCause());
    } finally {
      if (attempt.permits > 0) {
        room.release(attempt.permits);
      }
    }
    if (attempt.superseded != null) {
      release(attempt.superseded);
    }
    if (attempt.becamePending) {
      ready.add(key);
      int waiting = pendingCount.incrementAndGet();
      schedule(waiting >= batchSize ? 0 : flushDelayNanos);
    }
  }

  /** The body of the key's {@code compute}: journals the operation and makes it the pending one. */
  private Slot<V> accept(Slot<V> slot, V value, boolean delete, byte[] keyBytes, byte[] valueBytes,
      Attempt<V> attempt) {
    boolean newKey = slot == null;
    if (newKey && attempt.permits == 0) {
      if (!room.tryAcquire()) {
        attempt.needRoom = true;
        return null;
      }
      attempt.permits++;
    }
    long seq;
    Journal.Segment segment = null;
    if (journal != null) {
      try {
        Journal.Position position = journal.append(delete, keyBytes, valueBytes);
        seq = position.seq();
        segment = position.segment();
        if (syncEveryWrite) {
          awaitDurable(position);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      seq = sequence.incrementAndGet();
    }
    if (newKey) {
      attempt.permits--;
    }
    Pending<V> previous = newKey ? null : slot.pending;
    long readyAt = previous != null ? previous.readyAt : ticker.read() + flushDelayNanos;
    attempt.superseded = previous;
    attempt.becamePending = previous == null;
    return new Slot<>(new Pending<>(seq, value, delete, readyAt, segment), newKey ? null : slot.inFlight);
  }

  /**
   * Waits until the record is on disk. If the sync fails the operation is not queued and the caller
   * gets the error; the record then stays in the file (not live), and may be replayed after a restart.
   */
  private void awaitDurable(Journal.Position position) throws IOException {
    try {
      journal.awaitDurable(position.seq());
    } catch (IOException e) {
      journal.release(position.segment());
      throw e;
    }
  }

  private byte[] serialize(Object object, String what) {
    try {
      return serializer.serialize(object);
    } catch (IOException | RuntimeException e) {
      throw new CacheWriterException("cannot journal the " + what + " of a write-behind operation of cache '"
          + cacheName + "': " + e, e);
    }
  }

  private void awaitRoom() {
    try {
      if (room.tryAcquire(backlogWaitNanos, TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheWriterException("interrupted while waiting for room in the write-behind backlog of cache '"
          + cacheName + "'", e);
    }
    Throwable failure = lastFailure;
    throw new CacheWriterException("the write-behind backlog of cache '" + cacheName + "' is full: "
        + maxBacklog + " distinct keys are waiting to be written and no room was freed within "
        + Duration.ofNanos(backlogWaitNanos) + ". The writer is failing or too slow ("
        + failures.sum() + " failed batches" + (failure == null ? "" : ", last: " + failure)
        + "). This write was not accepted; everything already queued is kept.");
  }

  private void release(Pending<V> op) {
    if (journal != null && op.segment != null) {
      journal.release(op.segment);
    }
  }

  private static void removeFirst(Collection<?> collection, int count) {
    var it = collection.iterator();
    for (int i = 0; i < count && it.hasNext(); i++) {
      it.next();
      it.remove();
    }
  }

  // ---------------------------------------------------------------- replay

  @SuppressWarnings("unchecked")
  private int requeue(List<Journal.Replayed> replayed) {
    long now = ticker.read();
    for (Journal.Replayed record : replayed) {
      K key = (K) record.key();
      var op = new Pending<>(record.seq(), (V) record.value(), record.delete(), now, record.segment());
      slots.put(key, new Slot<>(op, null));
      ready.add(key);
      pendingCount.incrementAndGet();
    }
    return replayed.size();
  }

  // ---------------------------------------------------------------- flushing

  private void schedule(long delayNanos) {
    long at = ticker.read() + Math.max(0, delayNanos);
    for (;;) {
      long current = scheduledAt.get();
      if (current <= at) {
        return;
      }
      if (scheduledAt.compareAndSet(current, at)) {
        scheduler.schedule(this::runScheduled, delayNanos);
        return;
      }
    }
  }

  private void runScheduled() {
    scheduledAt.set(Long.MAX_VALUE);
    flushLock.lock();
    try {
      if (closed.get()) {
        return; // close() drains on its own thread
      }
      drain(false);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "write-behind flusher of cache '" + cacheName + "' failed unexpectedly; retrying", e);
      schedule(maxBackoffNanos);
    } finally {
      flushLock.unlock();
    }
  }

  /**
   * Sends batches until nothing is ready (or, with {@code all}, nothing is queued). Returns false when a
   * batch failed. Without {@code all}, schedules the next round. Caller holds {@code flushLock}.
   */
  private boolean drain(boolean all) {
    for (;;) {
      long now = ticker.read();
      if (!all && now - retryNotBefore < 0) {
        schedule(retryNotBefore - now);
        return false;
      }
      List<Taken<K, V>> batch = takeBatch(now, all);
      if (batch.isEmpty()) {
        if (!all) {
          scheduleNext(now);
        }
        return true;
      }
      if (!send(batch, now)) {
        if (!all) {
          schedule(retryNotBefore - now);
        }
        return false;
      }
    }
  }

  private void scheduleNext(long now) {
    K head = ready.peek();
    if (head == null) {
      return;
    }
    Slot<V> slot = slots.get(head);
    long delay = slot == null || slot.pending == null ? 0 : slot.pending.readyAt - now;
    schedule(delay);
  }

  private List<Taken<K, V>> takeBatch(long now, boolean all) {
    boolean full = pendingCount.get() >= batchSize;
    List<Taken<K, V>> batch = new ArrayList<>();
    var taken = new Box<Pending<V>>();
    while (batch.size() < batchSize) {
      K key = ready.peek();
      if (key == null) {
        break;
      }
      Slot<V> slot = slots.get(key);
      Pending<V> head = slot == null ? null : slot.pending;
      if (head != null && !all && !full && head.readyAt - now > 0) {
        break;
      }
      ready.poll();
      taken.value = null;
      slots.computeIfPresent(key, (k, s) -> {
        if (s.pending == null || s.inFlight != null) {
          return s;
        }
        taken.value = s.pending;
        return new Slot<>(null, s.pending);
      });
      if (taken.value != null) {
        pendingCount.decrementAndGet();
        batch.add(new Taken<>(key, taken.value));
      }
    }
    return batch;
  }

  /** Hands one batch to the writer and settles each operation; returns false if any failed. */
  private boolean send(List<Taken<K, V>> batch, long now) {
    List<Cache.Entry<?, ?>> puts = new ArrayList<>();
    Map<Object, Taken<K, V>> deletes = new HashMap<>();
    for (Taken<K, V> t : batch) {
      if (t.op().delete) {
        deletes.put(t.key(), t);
      } else {
        puts.add(t);
      }
    }
    if (consecutiveFailures > 0) {
      retries.increment();
    }
    Set<Taken<K, V>> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable error = null;
    if (!puts.isEmpty()) {
      List<Cache.Entry<?, ?>> remaining = new ArrayList<>(puts);
      try {
        delegate.writeAll(remaining);
        flushes.increment();
      } catch (RuntimeException | Error e) {
        error = e;
        for (Cache.Entry<?, ?> entry : remaining) {
          if (entry instanceof Taken<?, ?> t) {
            @SuppressWarnings("unchecked")
            Taken<K, V> own = (Taken<K, V>) t;
            failed.add(own);
          }
        }
      }
    }
    if (!deletes.isEmpty()) {
      List<Object> remaining = new ArrayList<>(deletes.keySet());
      try {
        delegate.deleteAll(remaining);
        flushes.increment();
      } catch (RuntimeException | Error e) {
        error = error == null ? e : error;
        for (Object key : remaining) {
          Taken<K, V> t = deletes.get(key);
          if (t != null) {
            failed.add(t);
          }
        }
      }
    }
    for (Taken<K, V> t : batch) {
      if (failed.contains(t)) {
        requeueFailed(t, now);
      } else {
        complete(t);
      }
    }
    if (error == null) {
      consecutiveFailures = 0;
      return true;
    }
    failures.increment();
    lastFailure = error;
    consecutiveFailures++;
    long backoff = backoff(consecutiveFailures);
    retryNotBefore = now + backoff;
    LOG.log(Level.WARNING, "write-behind batch of cache '" + cacheName + "' failed (" + failed.size() + " of "
        + batch.size() + " operations not written, failure #" + consecutiveFailures + "); retrying in "
        + Duration.ofNanos(backoff) + ": " + error);
    return false;
  }

  private long backoff(int failuresInARow) {
    int shift = Math.min(failuresInARow - 1, 62);
    long backoff = initialBackoffNanos << shift;
    return backoff <= 0 || backoff > maxBackoffNanos || (backoff >> shift) != initialBackoffNanos
        ? maxBackoffNanos : backoff;
  }

  private void complete(Taken<K, V> t) {
    boolean[] removed = new boolean[1];
    slots.computeIfPresent(t.key(), (k, s) -> {
      if (s.inFlight != t.op()) {
        return s;
      }
      if (s.pending == null) {
        removed[0] = true;
        return null;
      }
      return new Slot<>(s.pending, null);
    });
    written.increment();
    if (removed[0]) {
      room.release();
    }
    release(t.op());
  }

  private void requeueFailed(Taken<K, V> t, long now) {
    boolean[] superseded = new boolean[1];
    slots.computeIfPresent(t.key(), (k, s) -> {
      if (s.inFlight != t.op()) {
        return s;
      }
      if (s.pending != null) {
        superseded[0] = true;
        return new Slot<>(s.pending, null);
      }
      return new Slot<>(t.op().readyAt(now), null);
    });
    if (superseded[0]) {
      release(t.op());
    } else {
      ready.add(t.key());
      pendingCount.incrementAndGet();
    }
  }

  private void syncJournal() {
    if (closed.get()) {
      return;
    }
    journal.sync();
    scheduler.schedule(this::syncJournal, fsyncIntervalNanos);
  }

  // ---------------------------------------------------------------- close

  /**
   * Stops accepting operations and sends everything queued to the writer, retrying failures, for at most
   * {@link WriteBehindSettings#getCloseTimeout()}. What is still queued after it stays in the journal for
   * the next start (and is reported in the log). Then closes the wrapped writer if it can be closed.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + closeTimeoutNanos;
    boolean locked = false;
    try {
      // A round running on the flusher (perhaps stuck in the writer) may hold the lock; wait no longer
      // than the close timeout for it.
      locked = flushLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      while (locked && !slots.isEmpty() && System.nanoTime() - deadline < 0) {
        boolean ok;
        try {
          ok = drain(true);
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "write-behind flush of cache '" + cacheName + "' failed while closing", e);
          ok = false;
        }
        if (!ok) {
          LockSupport.parkNanos(Math.min(backoff(Math.max(1, consecutiveFailures)), deadline - System.nanoTime()));
        } else if (!slots.isEmpty()) {
          Thread.onSpinWait(); // a racing write has not yet put its key in the ready queue
        }
      }
    } finally {
      if (locked) {
        flushLock.unlock();
      }
      scheduler.close();
    }
    closeJournal();
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "cannot close the writer of cache '" + cacheName + "'", e);
      }
    }
  }

  private void closeJournal() {
    try {
      if (journal != null) {
        List<Path> files = journal.files();
        if (!journal.closeAndDeleteIfSettled()) {
          LOG.log(Level.WARNING, "write-behind of cache '" + cacheName + "' closed with " + slots.size()
              + " keys not yet written; they stay in the journal " + files + " for the next start");
        }
      } else if (!slots.isEmpty()) {
        LOG.log(Level.ERROR, "write-behind of cache '" + cacheName + "' closed with " + slots.size()
            + " keys not yet written and no journal: those writes are lost");
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot close the write-behind journal of cache '" + cacheName + "'", e);
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "WriteBehindWriter[cache=" + cacheName + ", backlog=" + slots.size() + ", journal="
        + (journal == null ? "none" : journal.files()) + "]";
  }
}
