package dev.larder.jcache.management;

/**
 * Records one single-key operation into a cache's {@link CacheStatistics}: whether a lookup hit, whether
 * a value was stored or removed, and (when sampled) how long it took, all into the calling thread's own
 * cell, which {@link CacheStatistics#recorder()} found once for the whole operation. While statistics
 * are disabled the cache hands out a recorder that records nothing.
 *
 * <p>Thread-safety: confined to the thread that obtained it; it writes that thread's cell.
 */
public final class StatisticsRecorder {

  // No reference back to the CacheStatistics: a thread's ThreadLocal map holds this recorder strongly,
  // and a path from it to the statistics' ThreadLocal would keep a closed cache's statistics alive for
  // as long as every thread that recorded into them.
  private final CacheStatistics.SampledTimer getTimer;
  private final CacheStatistics.SampledTimer putTimer;
  private final CacheStatistics.SampledTimer removeTimer;
  final ThreadCounts.Cell cell;

  StatisticsRecorder(CacheStatistics.SampledTimer getTimer, CacheStatistics.SampledTimer putTimer,
      CacheStatistics.SampledTimer removeTimer, ThreadCounts.Cell cell) {
    this.getTimer = getTimer;
    this.putTimer = putTimer;
    this.removeTimer = removeTimer;
    this.cell = cell;
  }

  /** Starts a single-key get: returns a token for {@link #finishGet}, 0 when it is not timed. */
  public long startGet() {
    return cell == null ? 0L : getTimer.start(cell);
  }

  /** Counts the get started with {@code token} as a hit or a miss, and adds its time if it was timed. */
  public void finishGet(long token, boolean hit) {
    if (cell != null) {
      cell.add(hit ? CacheStatistics.HITS : CacheStatistics.MISSES, 1);
      getTimer.finish(cell, token);
    }
  }

  /** Counts the lookup a write made on the way (getAndPut, replace, invoke...) as a hit or a miss. */
  public void countGet(boolean hit) {
    if (cell != null) {
      cell.add(hit ? CacheStatistics.HITS : CacheStatistics.MISSES, 1);
    }
  }

  /** Starts a single-key write (put, replace, putIfAbsent); see {@link #startGet}. */
  public long startPut() {
    return cell == null ? 0L : putTimer.start(cell);
  }

  /** Counts one stored value. */
  public void countPut() {
    if (cell != null) {
      cell.add(CacheStatistics.PUTS, 1);
    }
  }

  /** Adds the time of a write started with {@link #startPut} (nothing for a 0 token). */
  public void finishPut(long token) {
    if (cell != null) {
      putTimer.finish(cell, token);
    }
  }

  /** Starts a single-key removal; see {@link #startGet}. */
  public long startRemove() {
    return cell == null ? 0L : removeTimer.start(cell);
  }

  /** Counts one removed entry. */
  public void countRemoval() {
    if (cell != null) {
      cell.add(CacheStatistics.REMOVALS, 1);
    }
  }

  /** Adds the time of a removal started with {@link #startRemove} (nothing for a 0 token). */
  public void finishRemove(long token) {
    if (cell != null) {
      removeTimer.finish(cell, token);
    }
  }
}
