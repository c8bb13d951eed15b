package dev.larder.jcache.management;

import java.util.Objects;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * The spec's {@code CacheConfiguration} MXBean: reads a live cache's {@link CompleteConfiguration} on every
 * call, so it always shows the current settings (statistics or management switched on later included).
 *
 * <p>Thread-safety: thread-safe; holds only the cache and reads through it.
 */
public final class CacheConfigurationMXBean implements CacheMXBean {

  private final Cache<?, ?> cache;

  /** @param cache the cache to describe; its configuration is read through {@code getConfiguration(CompleteConfiguration.class)} */
  public CacheConfigurationMXBean(Cache<?, ?> cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  private CompleteConfiguration<?, ?> configuration() {
    @SuppressWarnings("unchecked")
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    return configuration;
  }

  @Override
  public String getKeyType() {
    return configuration().getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return configuration().getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return configuration().isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return configuration().isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return configuration().isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return configuration().isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return configuration().isManagementEnabled();
  }
}
