package dev.larder.jcache.management;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The per-cache statistics the JCache spec defines, fed by the facade and read through JMX as the
 * {@code CacheStatistics} MXBean, plus Larder's own counters (expirations by cause, loads) that
 * {@link LarderCacheMXBean} and the Micrometer binder publish.
 *
 * <p>Thread-safety: thread-safe. Hits and misses, recorded on every get, are counted by each thread in a
 * cell of its own ({@link ThreadCounts}: no atomic instruction); the other counters are {@link LongAdder}s,
 * so concurrent recording does not contend on one cache line. A reader sees each counter's recent sum,
 * not a snapshot consistent across counters.
 *
 * <p>Implementation notes. While disabled every {@code record*} call returns after one volatile read, and
 * nothing is counted. {@link #clear()} resets each counter in turn; increments racing with it may survive.
 * Times are kept in nanoseconds and reported as averages in microseconds, as the spec asks. Bulk
 * operations are timed whole. Single-key gets, puts and removes are timed through a {@link SampledTimer}
 * per kind: the first {@value #EXACT_TIMINGS} after enabling or {@link #clear()} one by one, then one
 * in {@value #TIMING_SAMPLE} at random, each timed operation standing for that many. The averages are
 * then unbiased estimates, exact while few operations have run, and an operation reads the clock only
 * rarely: two clock reads on every operation cost a read-heavy cache a fifth of its throughput here.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  /** Once sampling, one single-key operation in this many is timed. A power of two. */
  public static final int TIMING_SAMPLE = 64;
  /** Single-key operations of each kind timed one by one before sampling starts. */
  public static final int EXACT_TIMINGS = 1024;

  /** Hits (first) and misses (second), counted per thread: they are recorded on every get. */
  private final ThreadCounts gets = new ThreadCounts();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private final SampledTimer getTimer = new SampledTimer(getNanos);
  private final SampledTimer putTimer = new SampledTimer(putNanos);
  private final SampledTimer removeTimer = new SampledTimer(removeNanos);
  private final LongAdder expiredOnAccess = new LongAdder();
  private final LongAdder expiredByMaintenance = new LongAdder();
  private final LongAdder loadSuccesses = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private volatile boolean enabled;

  /** Creates disabled statistics, with every counter at zero. */
  public CacheStatistics() {
  }

  /** Turns recording on or off; the counts gathered so far are kept. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void recordHits(long n) {
    if (enabled) {
      gets.add(true, requireNotNegative(n, "hits"));
    }
  }

  public void recordMisses(long n) {
    if (enabled) {
      gets.add(false, requireNotNegative(n, "misses"));
    }
  }

  /** Counts one single-key lookup as a hit or a miss. */
  public void recordGet(boolean hit) {
    if (enabled) {
      gets.add(hit, 1);
    }
  }

  private static long requireNotNegative(long n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + n);
    }
    return n;
  }

  public void recordPuts(long n) {
    add(puts, n, "puts");
  }

  public void recordRemovals(long n) {
    add(removals, n, "removals");
  }

  public void recordEvictions(long n) {
    add(evictions, n, "evictions");
  }

  /** Adds the time one get took (hit or miss; a read-through load is not part of it). */
  public void recordGetTime(long nanos) {
    add(getNanos, nanos, "get time");
  }

  /** Starts timing a single-key get: returns a token for {@link #finishTimedGet}, 0 when it is not timed. */
  public long startTimedGet() {
    return enabled ? getTimer.start() : 0L;
  }

  /** Adds the time of a get started with {@link #startTimedGet} (nothing for a 0 token). */
  public void finishTimedGet(long token) {
    getTimer.finish(token);
  }

  /** Starts timing a single-key write (put, replace, putIfAbsent); see {@link #startTimedGet}. */
  public long startTimedPut() {
    return enabled ? putTimer.start() : 0L;
  }

  public void finishTimedPut(long token) {
    putTimer.finish(token);
  }

  /** Starts timing a single-key removal; see {@link #startTimedGet}. */
  public long startTimedRemove() {
    return enabled ? removeTimer.start() : 0L;
  }

  public void finishTimedRemove(long token) {
    removeTimer.finish(token);
  }

  public void recordPutTime(long nanos) {
    add(putNanos, nanos, "put time");
  }

  public void recordRemoveTime(long nanos) {
    add(removeNanos, nanos, "remove time");
  }

  /** Counts entries found expired by an operation on them (the facade saw the slot's expired value). */
  public void recordExpiredOnAccess(long n) {
    add(expiredOnAccess, n, "expirations on access");
  }

  /** Counts entries the engine's maintenance removed because their deadline passed. */
  public void recordExpiredByMaintenance(long n) {
    add(expiredByMaintenance, n, "expirations by maintenance");
  }

  /**
   * Counts one call to the cache loader and the time it took.
   *
   * @param success false if the loader threw
   */
  public void recordLoad(long nanos, boolean success) {
    if (!enabled) {
      return;
    }
    if (nanos < 0) {
      throw new IllegalArgumentException("load time must not be negative, was " + nanos);
    }
    (success ? loadSuccesses : loadFailures).increment();
    loadNanos.add(nanos);
  }

  private void add(LongAdder counter, long n, String what) {
    if (!enabled) {
      return;
    }
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + n);
    }
    counter.add(n);
  }

  @Override
  public void clear() {
    getTimer.restart();
    putTimer.restart();
    removeTimer.restart();
    gets.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getNanos.reset();
    putNanos.reset();
    removeNanos.reset();
    expiredOnAccess.reset();
    expiredByMaintenance.reset();
    loadSuccesses.reset();
    loadFailures.reset();
    loadNanos.reset();
  }

  @Override
  public long getCacheHits() {
    return gets.first();
  }

  @Override
  public float getCacheHitPercentage() {
    return percentage(gets.first(), gets.second());
  }

  @Override
  public long getCacheMisses() {
    return gets.second();
  }

  @Override
  public float getCacheMissPercentage() {
    return percentage(gets.second(), gets.first());
  }

  @Override
  public long getCacheGets() {
    return gets.first() + gets.second();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), puts.sum());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), removals.sum());
  }

  /** Entries found expired when an operation touched them. */
  public long getExpiredOnAccess() {
    return expiredOnAccess.sum();
  }

  /** Entries removed by maintenance because their deadline passed. */
  public long getExpiredByMaintenance() {
    return expiredByMaintenance.sum();
  }

  /** Loader calls that returned (a null result included). */
  public long getLoadSuccesses() {
    return loadSuccesses.sum();
  }

  /** Loader calls that threw. */
  public long getLoadFailures() {
    return loadFailures.sum();
  }

  /** Time spent in the loader, successful or not, in nanoseconds. */
  public long getTotalLoadTimeNanos() {
    return loadNanos.sum();
  }

  private static float percentage(long part, long rest) {
    long total = part + rest;
    return total == 0 ? 0f : (float) (100.0 * part / total);
  }

  private static float averageMicros(long totalNanos, long count) {
    return count == 0 ? 0f : (float) (totalNanos / 1_000.0 / count);
  }

  @Override
  public String toString() {
    return "CacheStatistics[enabled=" + enabled + ", hits=" + gets.first() + ", misses=" + gets.second()
        + ", puts=" + puts.sum() + ", removals=" + removals.sum() + ", evictions=" + evictions.sum() + "]";
  }

  /**
   * Times one kind of single-key operation: the first {@value #EXACT_TIMINGS} one by one, then one in
   * {@value #TIMING_SAMPLE} at random with that weight. A token carries the start time and whether it
   * was a sample ({@code (nanoTime << 1) | sampled}, never 0), so an operation that straddles the switch
   * to sampling is still added with the weight it was chosen with.
   *
   * <p>Thread-safety: thread-safe; the switch to sampling is a volatile flag set once per phase.
   */
  private static final class SampledTimer {
    private final LongAdder nanos;
    private final AtomicInteger exactLeft = new AtomicInteger(EXACT_TIMINGS);
    private volatile boolean sampling;

    SampledTimer(LongAdder nanos) {
      this.nanos = nanos;
    }

    long start() {
      long sampled = 0L;
      if (sampling) {
        if ((ThreadLocalRandom.current().nextInt() & (TIMING_SAMPLE - 1)) != 0) {
          return 0L;
        }
        sampled = 1L;
      } else if (exactLeft.decrementAndGet() <= 0) {
        sampling = true;
      }
      long token = (System.nanoTime() << 1) | sampled;
      return token != 0L ? token : 2L;
    }

    void finish(long token) {
      if (token == 0L) {
        return;
      }
      long elapsed = Math.max(0L, System.nanoTime() - (token >> 1));
      nanos.add((token & 1L) != 0L ? elapsed * TIMING_SAMPLE : elapsed);
    }

    void restart() {
      exactLeft.set(EXACT_TIMINGS);
      sampling = false;
    }
  }
}
