package dev.larder.jcache.management;

import dev.larder.warmup.WarmUpProgressMXBean;

/**
 * What Larder's management reads from a live cache on demand: its size and bound, its write-behind
 * figures and its warm-up progress. {@code dev.larder.jcache.LarderCache} implements it: the write-behind
 * figures read its {@code WriteBehindWriter} ({@code getBacklogSize()}, {@code getFlushCount()},
 * {@code getRetryCount()}) and are 0 for a cache without write-behind.
 *
 * <p>Thread-safety: implementations must allow calls from any thread (JMX and metrics threads) at any
 * time; values may be estimates.
 */
public interface CacheMetricsSource {

  /** Entries in the cache, approximately. */
  long estimatedSize();

  /** Total weight of the entries (equal to the size when there is no weigher). */
  long weightedSize();

  /** The bound: maximum entries or maximum weight; {@code -1} when unbounded. */
  long maximum();

  /** The eviction policy's name. */
  String policyName();

  /** Keys whose write or delete has not reached the writer yet; 0 for caches without write-behind. */
  default long writeBehindBacklog() {
    return 0;
  }

  /** Batches write-behind handed to the writer successfully; 0 for caches without write-behind. */
  default long writeBehindFlushes() {
    return 0;
  }

  /** Batches write-behind sent again after a failure; 0 for caches without write-behind. */
  default long writeBehindRetries() {
    return 0;
  }

  /** The progress of the cache's warm-up, or {@code null} when the cache is not warmed. */
  default WarmUpProgressMXBean warmUpProgress() {
    return null;
  }
}
