package dev.larder.jcache.management;

/**
 * The live values of one cache that Larder's management reads on demand: its size and bound, and the
 * write-behind backlog. {@code dev.larder.jcache.LarderCache} already has the first four methods, so it can
 * simply implement this interface.
 *
 * <p>Thread-safety: implementations must allow calls from any thread (JMX and metrics threads) at any
 * time; values may be estimates.
 */
public interface CacheGauges {

  /** Entries in the cache, approximately. */
  long estimatedSize();

  /** Total weight of the entries (equal to the size when there is no weigher). */
  long weightedSize();

  /** The bound: maximum entries or maximum weight; {@code Long.MAX_VALUE} when unbounded. */
  long maximum();

  /** The eviction policy's name. */
  String policyName();

  /** Writes queued by write-behind and not yet handed to the writer; 0 for caches without write-behind. */
  default long writeBehindBacklog() {
    return 0;
  }
}
