package dev.larder.benchmarks.jcache;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.cache2k.Cache2kBuilder;
import org.cache2k.jcache.ExtendedMutableConfiguration;
import org.cache2k.jcache.JCacheConfig;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.impl.copy.SerializingCopier;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The JCache providers under comparison, each obtained explicitly by class name (several share the
 * classpath) and each bounded to the same entry count in its own way. The JSR-107 reference
 * implementation has no bound at all: its caches grow to every key they are given.
 *
 * <p>Thread-safety: stateless; {@link #open} returns a cache the caller owns and closes.
 */
public enum Provider {

  /** Larder, bounded by {@link LarderConfiguration#setMaximumSize} (W-TinyLFU by default). */
  LARDER("dev.larder.jcache.spi.LarderCachingProvider", true) {
    @Override
    <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType, Settings settings) {
      LarderConfiguration<Integer, V> configuration = new LarderConfiguration<>();
      configuration.setMaximumSize(settings.maximumSize());
      return standard(configuration, valueType, settings);
    }
  },

  /** Caffeine's JCache module, bounded by {@link CaffeineConfiguration#setMaximumSize}. */
  CAFFEINE("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider", true) {
    @Override
    <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType, Settings settings) {
      CaffeineConfiguration<Integer, V> configuration = new CaffeineConfiguration<>();
      configuration.setMaximumSize(OptionalLong.of(settings.maximumSize()));
      configuration.setTypes(Integer.class, valueType);
      configuration.setStoreByValue(settings.storeByValue());
      configuration.setStatisticsEnabled(settings.statistics());
      if (settings.expiry()) {
        configuration.setExpiryPolicyFactory(expiryFactory());
      }
      return configuration;
    }
  },

  /**
   * Ehcache 3, bounded by an on-heap resource pool of that many entries. Its JSR-107 layer takes
   * store-by-value and expiry from the native configuration, so both are set there: a serializing
   * value copier and a time-to-live (which is what a creation expiry is).
   */
  EHCACHE("org.ehcache.jsr107.EhcacheCachingProvider", true) {
    @Override
    <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType, Settings settings) {
      CacheConfigurationBuilder<Integer, V> builder = CacheConfigurationBuilder.newCacheConfigurationBuilder(
          Integer.class, valueType, ResourcePoolsBuilder.heap(settings.maximumSize()));
      if (settings.expiry()) {
        builder = builder.withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(
            java.time.Duration.ofMinutes(EXPIRY_MINUTES)));
      }
      if (settings.storeByValue()) {
        builder = builder.withValueCopier(SerializingCopier.<V>asCopierClass());
      }
      return Eh107Configuration.fromEhcacheCacheConfiguration(builder);
    }
  },

  /**
   * cache2k, bounded by {@code Cache2kBuilder.entryCapacity}; JCache options set on the same
   * configuration. Given a cache2k configuration, cache2k's JCache layer stops copying for
   * store-by-value unless its {@link JCacheConfig} section asks to, so that section is added.
   */
  CACHE2K("org.cache2k.jcache.provider.JCacheProvider", true) {
    @Override
    <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType, Settings settings) {
      ExtendedMutableConfiguration<Integer, V> configuration = ExtendedMutableConfiguration.of(
          Cache2kBuilder.of(Integer.class, valueType)
              .entryCapacity(settings.maximumSize())
              .with(JCacheConfig.class, section -> section.copyAlwaysIfRequested(true)));
      return standard(configuration, valueType, settings);
    }
  },

  /** The JSR-107 reference implementation: it cannot be bounded, so it holds every key it is given. */
  RI("org.jsr107.ri.spi.RICachingProvider", false) {
    @Override
    <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType, Settings settings) {
      return standard(new MutableConfiguration<>(), valueType, settings);
    }
  };

  /** The creation expiry used when {@link Settings#expiry()} is on. */
  public static final long EXPIRY_MINUTES = 10;

  /**
   * What a benchmark asks of a cache.
   *
   * @param maximumSize the entry bound (ignored by {@link #RI})
   * @param storeByValue JCache store-by-value semantics (values are copied in and out)
   * @param statistics JCache statistics on, through {@link CacheManager#enableStatistics}
   * @param expiry a {@value #EXPIRY_MINUTES}-minute creation expiry on every entry
   */
  public record Settings(long maximumSize, boolean storeByValue, boolean statistics, boolean expiry) {}

  private final String providerClass;
  private final boolean bounded;

  Provider(String providerClass, boolean bounded) {
    this.providerClass = providerClass;
    this.bounded = bounded;
  }

  /** The fully qualified name of the provider's {@link CachingProvider}. */
  public String providerClass() {
    return providerClass;
  }

  /** Whether the provider honours an entry bound ({@code false} for the RI). */
  public boolean isBounded() {
    return bounded;
  }

  /** The lower-case name used in JMH parameters and reports. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a provider up by {@link #id()}. */
  public static Provider of(String id) {
    for (Provider provider : values()) {
      if (provider.id().equals(id)) {
        return provider;
      }
    }
    throw new IllegalArgumentException("unknown JCache provider '" + id + "'; expected one of larder, caffeine,"
        + " ehcache, cache2k, ri");
  }

  abstract <V> javax.cache.configuration.Configuration<Integer, V> configuration(Class<V> valueType,
      Settings settings);

  /** Creates a cache named {@code name} with {@code settings}; closing the returned handle closes its manager. */
  public <V> OpenCache<V> open(String name, Class<V> valueType, Settings settings) {
    CachingProvider cachingProvider = Caching.getCachingProvider(providerClass);
    CacheManager manager = cachingProvider.getCacheManager(cachingProvider.getDefaultURI(),
        cachingProvider.getDefaultClassLoader());
    try {
      Cache<Integer, V> cache = manager.createCache(name, configuration(valueType, settings));
      manager.enableStatistics(name, settings.statistics());
      return new OpenCache<>(manager, cache);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static <V, C extends MutableConfiguration<Integer, V>> C standard(C configuration, Class<V> valueType,
      Settings settings) {
    configuration.setTypes(Integer.class, valueType);
    configuration.setStoreByValue(settings.storeByValue());
    configuration.setStatisticsEnabled(settings.statistics());
    if (settings.expiry()) {
      configuration.setExpiryPolicyFactory(expiryFactory());
    }
    return configuration;
  }

  private static Factory<ExpiryPolicy> expiryFactory() {
    return CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, EXPIRY_MINUTES));
  }

  /**
   * A cache and the manager that owns it.
   *
   * <p>Thread-safety: the cache is as thread-safe as its provider makes it; close once.
   */
  public record OpenCache<V>(CacheManager manager, Cache<Integer, V> cache) implements AutoCloseable {
    @Override
    public void close() {
      manager.close();
    }
  }
}
