package dev.larder.jcache.management;

/**
 * Larder's own per-cache MXBean, registered as
 * {@code dev.larder:type=Cache,CacheManager=<uri>,Cache=<name>}: what the spec's two MXBeans do not show
 * (bound and policy, expirations by cause, loads, write-behind, warm-up progress).
 *
 * <p>Hits, misses, evictions, expirations and loads come from the cache's {@link CacheStatistics} and
 * count only while statistics are enabled; sizes and the write-behind figures are read from the live
 * cache ({@link CacheMetricsSource}) at every call, write-behind counting on its own.
 */
public interface LarderCacheMXBean {

  /** Entries in the cache, approximately. */
  long getSize();

  /** Total weight of the entries. */
  long getWeight();

  /** The bound (entries or weight); {@code -1} when unbounded. */
  long getMaximum();

  /** The eviction policy's name. */
  String getPolicy();

  /** Whether the counters below are being recorded. */
  boolean isStatisticsEnabled();

  /** Hits divided by gets, from 0 to 1; 0 when there were no gets. */
  double getHitRatio();

  /** Entries evicted by the policy to stay within the bound. */
  long getEvictions();

  /** Entries found expired when an operation touched them. */
  long getExpirationsOnAccess();

  /** Entries removed by maintenance because their deadline passed. */
  long getExpirationsByMaintenance();

  /** Loader calls that returned. */
  long getLoadSuccesses();

  /** Loader calls that threw. */
  long getLoadFailures();

  /** Mean time of one loader call in milliseconds; 0 when there were none. */
  double getAverageLoadMillis();

  /** Writes queued by write-behind and not yet handed to the writer. */
  long getWriteBehindBacklog();

  /** Write-behind batches the writer completed. */
  long getWriteBehindFlushes();

  /** Write-behind batches sent again after a failure. */
  long getWriteBehindRetries();

  /** Keys the cache's warm-up has loaded so far; 0 when it has none. */
  long getWarmUpKeysLoaded();

  /** Keys the warm-up loads in all; 0 when the cache has none, {@code -1} before its key source is read. */
  long getWarmUpKeysTotal();

  /** Whether the warm-up has finished (or failed, or there is none). */
  boolean isWarmUpDone();
}
