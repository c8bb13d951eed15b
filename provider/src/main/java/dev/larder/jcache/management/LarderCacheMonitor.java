package dev.larder.jcache.management;

import dev.larder.warmup.WarmUpProgressMXBean;
import java.util.Objects;

/**
 * The {@link LarderCacheMXBean} of one cache: joins the cache's live {@link CacheMetricsSource} with its
 * {@link CacheStatistics}. Also what the Micrometer binder reads.
 *
 * <p>Thread-safety: thread-safe; it keeps no state of its own and reads both sources on every call.
 */
public final class LarderCacheMonitor implements LarderCacheMXBean {

  private final CacheMetricsSource source;
  private final CacheStatistics statistics;

  public LarderCacheMonitor(CacheMetricsSource source, CacheStatistics statistics) {
    this.source = Objects.requireNonNull(source, "source");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
  }

  /** The counters this monitor reads. */
  public CacheStatistics statistics() {
    return statistics;
  }

  @Override
  public long getSize() {
    return source.estimatedSize();
  }

  @Override
  public long getWeight() {
    return source.weightedSize();
  }

  @Override
  public long getMaximum() {
    return source.maximum();
  }

  @Override
  public String getPolicy() {
    return source.policyName();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return statistics.isEnabled();
  }

  @Override
  public double getHitRatio() {
    long hits = statistics.getCacheHits();
    long gets = hits + statistics.getCacheMisses();
    return gets == 0 ? 0.0 : (double) hits / gets;
  }

  @Override
  public long getEvictions() {
    return statistics.getCacheEvictions();
  }

  @Override
  public long getExpirationsOnAccess() {
    return statistics.getExpiredOnAccess();
  }

  @Override
  public long getExpirationsByMaintenance() {
    return statistics.getExpiredByMaintenance();
  }

  @Override
  public long getLoadSuccesses() {
    return statistics.getLoadSuccesses();
  }

  @Override
  public long getLoadFailures() {
    return statistics.getLoadFailures();
  }

  @Override
  public double getAverageLoadMillis() {
    long loads = statistics.getLoadSuccesses() + statistics.getLoadFailures();
    return loads == 0 ? 0.0 : statistics.getTotalLoadTimeNanos() / 1e6 / loads;
  }

  @Override
  public long getWriteBehindBacklog() {
    return source.writeBehindBacklog();
  }

  @Override
  public long getWriteBehindFlushes() {
    return source.writeBehindFlushes();
  }

  @Override
  public long getWriteBehindRetries() {
    return source.writeBehindRetries();
  }

  @Override
  public long getWarmUpKeysLoaded() {
    WarmUpProgressMXBean progress = source.warmUpProgress();
    return progress == null ? 0 : progress.getKeysLoaded();
  }

  @Override
  public long getWarmUpKeysTotal() {
    WarmUpProgressMXBean progress = source.warmUpProgress();
    return progress == null ? 0 : progress.getKeysTotal();
  }

  @Override
  public boolean isWarmUpDone() {
    WarmUpProgressMXBean progress = source.warmUpProgress();
    return progress == null || progress.isDone();
  }
}
