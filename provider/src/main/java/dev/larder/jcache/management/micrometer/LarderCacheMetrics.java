package dev.larder.jcache.management.micrometer;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.management.LarderCacheMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.cache.Cache;

/**
 * Publishes one Larder cache's metrics to a Micrometer registry, tagged {@code cache} and
 * {@code cacheManager}, under Micrometer's cache meter names where one exists: {@code cache.size},
 * {@code cache.gets} ({@code result=hit|miss}), {@code cache.puts}, {@code cache.evictions},
 * {@code cache.removals}, {@code cache.load} ({@code result=success|failure}) and {@code cache.load.duration};
 * and Larder's own: {@code cache.weight}, {@code cache.maximum} (tagged with the {@code policy}),
 * {@code cache.expirations} ({@code cause=access|maintenance}), {@code cache.writebehind.backlog},
 * {@code cache.writebehind.flushes}, {@code cache.writebehind.retries}.
 *
 * <p>Meters read the {@link LarderCacheMonitor} when the registry polls them; like every Micrometer
 * binder, the meters hold the monitor weakly, so the cache must keep it referenced.
 *
 * <p>Thread-safety: thread-safe; bind it once per registry.
 */
public final class LarderCacheMetrics extends CacheMeterBinder<LarderCacheMonitor> {

  /**
   * @param monitor the cache's monitor
   * @param cacheName value of the {@code cache} tag
   * @param cacheManager value of the {@code cacheManager} tag (the manager's URI)
   * @param tags further tags for every meter
   */
  public LarderCacheMetrics(LarderCacheMonitor monitor, String cacheName, String cacheManager, Iterable<Tag> tags) {
    super(Objects.requireNonNull(monitor, "monitor"), Objects.requireNonNull(cacheName, "cacheName"),
        Tags.concat(tags, "cacheManager", Objects.requireNonNull(cacheManager, "cacheManager")));
  }

  /**
   * Binds the metrics of a Larder cache, named from the cache and its manager's URI, to the registry:
   * {@code LarderCacheMetrics.monitor(registry, cache)}.
   *
   * @param cache a cache of Larder's provider (anything that unwraps to {@link LarderCache})
   * @param tags further tags, as key/value pairs
   * @throws IllegalArgumentException if {@code cache} is not a Larder cache
   */
  public static LarderCacheMetrics monitor(MeterRegistry registry, Cache<?, ?> cache, String... tags) {
    Objects.requireNonNull(cache, "cache");
    return monitor(registry, cache, cache.unwrap(LarderCache.class).monitor(), tags);
  }

  /**
   * Binds the metrics {@code monitor} reads, named from {@code cache} and its manager's URI, to the registry.
   *
   * @param tags further tags, as key/value pairs
   */
  public static LarderCacheMetrics monitor(MeterRegistry registry, Cache<?, ?> cache, LarderCacheMonitor monitor,
      String... tags) {
    LarderCacheMetrics metrics = new LarderCacheMetrics(monitor, cache.getName(),
        String.valueOf(cache.getCacheManager().getURI()), Tags.of(tags));
    metrics.bindTo(registry);
    return metrics;
  }

  @Override
  protected Long size() {
    LarderCacheMonitor monitor = getCache();
    return monitor == null ? null : monitor.getSize();
  }

  @Override
  protected long hitCount() {
    LarderCacheMonitor monitor = getCache();
    return monitor == null ? 0 : monitor.statistics().getCacheHits();
  }

  @Override
  protected Long missCount() {
    LarderCacheMonitor monitor = getCache();
    return monitor == null ? null : monitor.statistics().getCacheMisses();
  }

  @Override
  protected Long evictionCount() {
    LarderCacheMonitor monitor = getCache();
    return monitor == null ? null : monitor.getEvictions();
  }

  @Override
  protected long putCount() {
    LarderCacheMonitor monitor = getCache();
    return monitor == null ? 0 : monitor.statistics().getCachePuts();
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    LarderCacheMonitor monitor = getCache();
    if (monitor == null) {
      return;
    }
    Iterable<Tag> tags = getTagsWithCacheName();
    counter(registry, "cache.removals", monitor, m -> m.statistics().getCacheRemovals(), tags,
        "Entries removed from the cache on request");
    counter(registry, "cache.load", monitor, LarderCacheMonitor::getLoadSuccesses, Tags.concat(tags, "result", "success"),
        "Loader calls that returned a value or null");
    counter(registry, "cache.load", monitor, LarderCacheMonitor::getLoadFailures, Tags.concat(tags, "result", "failure"),
        "Loader calls that threw");
    TimeGauge.builder("cache.load.duration", monitor, TimeUnit.NANOSECONDS,
            m -> m.statistics().getTotalLoadTimeNanos())
        .tags(tags).description("Time spent in the cache loader").register(registry);
    counter(registry, "cache.expirations", monitor, LarderCacheMonitor::getExpirationsOnAccess,
        Tags.concat(tags, "cause", "access"), "Entries found expired when an operation touched them");
    counter(registry, "cache.expirations", monitor, LarderCacheMonitor::getExpirationsByMaintenance,
        Tags.concat(tags, "cause", "maintenance"), "Entries removed by maintenance because their deadline passed");
    Gauge.builder("cache.weight", monitor, LarderCacheMonitor::getWeight)
        .tags(tags).description("Total weight of the entries").register(registry);
    Gauge.builder("cache.maximum", monitor, LarderCacheMonitor::getMaximum)
        .tags(Tags.concat(tags, "policy", monitor.getPolicy()))
        .description("The bound on entries or weight").register(registry);
    Gauge.builder("cache.writebehind.backlog", monitor, LarderCacheMonitor::getWriteBehindBacklog)
        .tags(tags).description("Writes queued by write-behind, not yet handed to the writer").register(registry);
    counter(registry, "cache.writebehind.flushes", monitor, LarderCacheMonitor::getWriteBehindFlushes, tags,
        "Write-behind batches handed to the writer");
    counter(registry, "cache.writebehind.retries", monitor, LarderCacheMonitor::getWriteBehindRetries, tags,
        "Write-behind batches that failed and were scheduled again");
  }

  private static void counter(MeterRegistry registry, String name, LarderCacheMonitor monitor,
      ToDoubleFunction<LarderCacheMonitor> count, Iterable<Tag> tags, String description) {
    FunctionCounter.builder(name, monitor, count).tags(tags).description(description).register(registry);
  }
}
