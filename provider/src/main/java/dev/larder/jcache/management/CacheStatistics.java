package dev.larder.jcache.management;

import java.util.concurrent.ThreadLocalRandom;
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
 * Times are kept in nanoseconds and reported as averages in microseconds, as the spec asks. Single-key
 * gets, the hottest path, are timed one in {@value #GET_TIMING_SAMPLE} at random ({@link
 * #sampleGetTime()}), each timed get standing for that many: the average get time is then an unbiased
 * estimate, and a get costs two clock reads only rarely.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  /** One single-key get in this many is timed when statistics are on. A power of two. */
  public static final int GET_TIMING_SAMPLE = 16;

  /** Hits (first) and misses (second), counted per thread: they are recorded on every get. */
  private final ThreadCounts gets = new ThreadCounts();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
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
      gets.addFirst(requireNotNegative(n, "hits"));
    }
  }

  public void recordMisses(long n) {
    if (enabled) {
      gets.addSecond(requireNotNegative(n, "misses"));
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

  /**
   * Returns {@code true} when statistics are on and the calling get should be timed (one in {@value
   * #GET_TIMING_SAMPLE}, at random); the caller then reports the time with {@link #recordSampledGetTime}.
   */
  public boolean sampleGetTime() {
    return enabled && (ThreadLocalRandom.current().nextInt() & (GET_TIMING_SAMPLE - 1)) == 0;
  }

  /** Adds the time of one get chosen by {@link #sampleGetTime()}, standing for {@value #GET_TIMING_SAMPLE} gets. */
  public void recordSampledGetTime(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("get time must not be negative, was " + nanos);
    }
    add(getNanos, nanos * GET_TIMING_SAMPLE, "get time");
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
}
