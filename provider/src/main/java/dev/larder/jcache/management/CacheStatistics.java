package dev.larder.jcache.management;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The per-cache statistics the JCache spec defines, fed by the facade and read through JMX as the
 * {@code CacheStatistics} MXBean, plus Larder's own counters (expirations by cause, loads) that
 * {@link LarderCacheMXBean} and the Micrometer binder publish.
 *
 * <p>Thread-safety: thread-safe. Every counter (hits, misses, puts, removals, evictions, expirations,
 * loads and the operations' times) is counted by each thread in a padded cell of its own
 * ({@link ThreadCounts}: no atomic instruction, no cache line shared with another thread's counts, so
 * the maintenance thread counting evictions does not slow the readers); a single-key operation finds
 * that cell once, through {@link #recorder()}. A reader sees each counter's recent sum, not a snapshot
 * consistent across counters.
 *
 * <p>Implementation notes. While disabled nothing is counted, and {@link #recorder()} hands out a recorder
 * that does nothing. {@link #clear()} resets each counter in turn; increments racing with it may survive.
 * Times are kept in nanoseconds and reported as averages in microseconds, as the spec asks. Bulk
 * operations are timed whole. Single-key gets, puts and removes are timed through a {@link SampledTimer}
 * per kind: the first {@value #EXACT_TIMINGS} after enabling or {@link #clear()} one by one, then about
 * one in {@value #TIMING_SAMPLE}, each timed operation standing for that many. Which operation is timed
 * is drawn by each thread: a countdown over its single-key operations, restarted after each timed one at
 * a random length of 1 to {@code 2 * TIMING_SAMPLE - 1}, so the choice does not follow any pattern in the
 * workload. The averages are then unbiased estimates, exact while few operations have run, and an
 * operation reads the clock only rarely: two clock reads on every operation cost a read-heavy cache a
 * fifth of its throughput here.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  /** Once sampling, about one single-key operation in this many is timed. A power of two. */
  public static final int TIMING_SAMPLE = 64;
  /** Single-key operations of each kind timed one by one before sampling starts. */
  public static final int EXACT_TIMINGS = 1024;

  static final int HITS = 0;
  static final int MISSES = 1;
  static final int PUTS = 2;
  static final int REMOVALS = 3;
  static final int EVICTIONS = 4;
  static final int GET_NANOS = 5;
  static final int PUT_NANOS = 6;
  static final int REMOVE_NANOS = 7;
  private static final int EXPIRED_ON_ACCESS = 8;
  private static final int EXPIRED_BY_MAINTENANCE = 9;
  private static final int LOAD_SUCCESSES = 10;
  private static final int LOAD_FAILURES = 11;
  private static final int LOAD_NANOS = 12;
  private static final int COUNTERS = 13;
  /** A cell's own slots, after its counters: operations left until the next timed one, and a random state. */
  private static final int UNTIL_SAMPLE = COUNTERS;
  private static final int RANDOM_STATE = COUNTERS + 1;

  private static final StatisticsRecorder DISABLED = new StatisticsRecorder(null, null, null, null);

  private final ThreadCounts counts = new ThreadCounts(COUNTERS, 2);
  private final ThreadLocal<StatisticsRecorder> recorders = ThreadLocal.withInitial(this::newRecorder);
  private final SampledTimer getTimer = new SampledTimer(GET_NANOS);
  private final SampledTimer putTimer = new SampledTimer(PUT_NANOS);
  private final SampledTimer removeTimer = new SampledTimer(REMOVE_NANOS);
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

  /**
   * The calling thread's recorder for one single-key operation, or one that records nothing while the
   * statistics are disabled. Use it on this thread only, for the operation at hand.
   */
  public StatisticsRecorder recorder() {
    return enabled ? recorders.get() : DISABLED;
  }

  private StatisticsRecorder newRecorder() {
    ThreadCounts.Cell cell = counts.register();
    cell.set(RANDOM_STATE, ThreadLocalRandom.current().nextLong() | 1L);
    cell.set(UNTIL_SAMPLE, nextSampleGap(cell));
    return new StatisticsRecorder(getTimer, putTimer, removeTimer, cell);
  }

  /** Whether the owner's current single-key operation is one to time, once sampling. */
  static boolean sampleDue(ThreadCounts.Cell cell) {
    long left = cell.get(UNTIL_SAMPLE) - 1;
    if (left > 0) {
      cell.set(UNTIL_SAMPLE, left);
      return false;
    }
    cell.set(UNTIL_SAMPLE, nextSampleGap(cell));
    return true;
  }

  /** A uniform draw from 1 to {@code 2 * TIMING_SAMPLE - 1} (mean {@value #TIMING_SAMPLE}), by xorshift. */
  private static long nextSampleGap(ThreadCounts.Cell cell) {
    long x = cell.get(RANDOM_STATE);
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    cell.set(RANDOM_STATE, x);
    return 1 + Long.remainderUnsigned(x, 2 * TIMING_SAMPLE - 1);
  }

  public void recordHits(long n) {
    count(HITS, n, "hits");
  }

  public void recordMisses(long n) {
    count(MISSES, n, "misses");
  }

  public void recordPuts(long n) {
    count(PUTS, n, "puts");
  }

  public void recordRemovals(long n) {
    count(REMOVALS, n, "removals");
  }

  public void recordEvictions(long n) {
    count(EVICTIONS, n, "evictions");
  }

  /** Adds the time one get took (hit or miss; a read-through load is not part of it). */
  public void recordGetTime(long nanos) {
    count(GET_NANOS, nanos, "get time");
  }

  public void recordPutTime(long nanos) {
    count(PUT_NANOS, nanos, "put time");
  }

  public void recordRemoveTime(long nanos) {
    count(REMOVE_NANOS, nanos, "remove time");
  }

  private void count(int counter, long n, String what) {
    if (!enabled) {
      return;
    }
    requireNotNegative(n, what);
    recorders.get().cell.add(counter, n);
  }

  private static void requireNotNegative(long n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + n);
    }
  }

  /** Counts entries found expired by an operation on them (the facade saw the slot's expired value). */
  public void recordExpiredOnAccess(long n) {
    count(EXPIRED_ON_ACCESS, n, "expirations on access");
  }

  /** Counts entries the engine's maintenance removed because their deadline passed. */
  public void recordExpiredByMaintenance(long n) {
    count(EXPIRED_BY_MAINTENANCE, n, "expirations by maintenance");
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
    requireNotNegative(nanos, "load time");
    ThreadCounts.Cell cell = recorders.get().cell;
    cell.add(success ? LOAD_SUCCESSES : LOAD_FAILURES, 1);
    cell.add(LOAD_NANOS, nanos);
  }

  /** The total of the recorded get times, in nanoseconds (for tests). */
  long getNanos() {
    return counts.sum(GET_NANOS);
  }

  @Override
  public void clear() {
    getTimer.restart();
    putTimer.restart();
    removeTimer.restart();
    counts.reset();
  }

  @Override
  public long getCacheHits() {
    return counts.sum(HITS);
  }

  @Override
  public float getCacheHitPercentage() {
    return percentage(counts.sum(HITS), counts.sum(MISSES));
  }

  @Override
  public long getCacheMisses() {
    return counts.sum(MISSES);
  }

  @Override
  public float getCacheMissPercentage() {
    return percentage(counts.sum(MISSES), counts.sum(HITS));
  }

  @Override
  public long getCacheGets() {
    return counts.sum(HITS) + counts.sum(MISSES);
  }

  @Override
  public long getCachePuts() {
    return counts.sum(PUTS);
  }

  @Override
  public long getCacheRemovals() {
    return counts.sum(REMOVALS);
  }

  @Override
  public long getCacheEvictions() {
    return counts.sum(EVICTIONS);
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(counts.sum(GET_NANOS), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(counts.sum(PUT_NANOS), counts.sum(PUTS));
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(counts.sum(REMOVE_NANOS), counts.sum(REMOVALS));
  }

  /** Entries found expired when an operation touched them. */
  public long getExpiredOnAccess() {
    return counts.sum(EXPIRED_ON_ACCESS);
  }

  /** Entries removed by maintenance because their deadline passed. */
  public long getExpiredByMaintenance() {
    return counts.sum(EXPIRED_BY_MAINTENANCE);
  }

  /** Loader calls that returned (a null result included). */
  public long getLoadSuccesses() {
    return counts.sum(LOAD_SUCCESSES);
  }

  /** Loader calls that threw. */
  public long getLoadFailures() {
    return counts.sum(LOAD_FAILURES);
  }

  /** Time spent in the loader, successful or not, in nanoseconds. */
  public long getTotalLoadTimeNanos() {
    return counts.sum(LOAD_NANOS);
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
    return "CacheStatistics[enabled=" + enabled + ", hits=" + counts.sum(HITS) + ", misses=" + counts.sum(MISSES)
        + ", puts=" + counts.sum(PUTS) + ", removals=" + counts.sum(REMOVALS) + ", evictions=" + counts.sum(EVICTIONS) + "]";
  }

  /**
   * Times one kind of single-key operation: the first {@value #EXACT_TIMINGS} one by one, then those the
   * thread's countdown picks ({@link #sampleDue}), each standing for {@value #TIMING_SAMPLE}. A token
   * carries the start time and whether it was a sample ({@code (nanoTime << 1) | sampled}, never 0), so an
   * operation that straddles the switch to sampling is still added with the weight it was chosen with.
   *
   * <p>Thread-safety: thread-safe; the switch to sampling is a volatile flag set once per phase.
   */
  static final class SampledTimer {
    private final int nanosCounter;
    private final AtomicInteger exactLeft = new AtomicInteger(EXACT_TIMINGS);
    private volatile boolean sampling;

    SampledTimer(int nanosCounter) {
      this.nanosCounter = nanosCounter;
    }

    long start(ThreadCounts.Cell cell) {
      long sampled = 0L;
      if (sampling) {
        if (!sampleDue(cell)) {
          return 0L;
        }
        sampled = 1L;
      } else if (exactLeft.decrementAndGet() <= 0) {
        sampling = true;
      }
      long token = (System.nanoTime() << 1) | sampled;
      return token != 0L ? token : 2L;
    }

    void finish(ThreadCounts.Cell cell, long token) {
      if (token == 0L) {
        return;
      }
      long elapsed = Math.max(0L, System.nanoTime() - (token >> 1));
      cell.add(nanosCounter, (token & 1L) != 0L ? elapsed * TIMING_SAMPLE : elapsed);
    }

    void restart() {
      exactLeft.set(EXACT_TIMINGS);
      sampling = false;
    }
  }
}
