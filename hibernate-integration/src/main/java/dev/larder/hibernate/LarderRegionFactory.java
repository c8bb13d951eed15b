package dev.larder.hibernate;

import dev.larder.config.ConfigFile;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.jcache.ConfigSettings;
import org.hibernate.cache.jcache.MissingCacheStrategy;
import org.hibernate.cache.jcache.internal.JCacheAccessImpl;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.cache.spi.support.DomainDataStorageAccess;
import org.hibernate.cache.spi.support.RegionNameQualifier;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Hibernate's second-level cache on Larder: hibernate-jcache's {@link JCacheRegionFactory} with Larder's
 * provider, Larder's default configuration and per-region defaults. Select it with
 * {@code hibernate.cache.region.factory_class=larder}; no other property is needed.
 *
 * <ul>
 *   <li>The JCache provider is always Larder's; {@code hibernate.javax.cache.uri} still picks the
 *       configuration file, and without it the provider's default URI (Larder's default configuration)
 *       is used. {@code hibernate.javax.cache.provider} naming another provider is refused.
 *   <li>A region the cache manager does not know is created by Larder ({@link RegionConfigurations#defaults}
 *       under the configuration file's defaults and the template that matches the region's name), and all
 *       such regions are reported in one log line when the session factory has started, instead of one
 *       warning each. This is hibernate-jcache's
 *       {@code missing_cache_strategy=create}; an explicit {@code fail} is honoured, and an explicit
 *       {@code create-warn} turns the line into a warning.
 *   <li>The update-timestamps region is never evicted nor expired. A bound or expiry it would inherit
 *       from the file's {@code defaults} or a template is dropped, with one warning that names it and
 *       where it was set; a bound or expiry in the region's own entry of the file, or on a cache created
 *       before Hibernate started, is refused at start with a message that names the setting.
 * </ul>
 *
 * <p>Thread-safety: Hibernate starts and stops a region factory from one thread; region creation may
 * come from several (query regions are created on first use), and is safe: the cache manager is
 * thread-safe and a creation race is settled by using the cache that won.
 */
public class LarderRegionFactory extends JCacheRegionFactory {

  /** The name that selects this factory in {@code hibernate.cache.region.factory_class}. */
  public static final String SHORT_NAME = "larder";

  /** Larder's JCache provider, by class name (as {@code hibernate.javax.cache.provider} names providers). */
  static final String PROVIDER_CLASS_NAME = LarderCachingProvider.class.getName();

  private static final System.Logger LOGGER = System.getLogger(LarderRegionFactory.class.getName());

  private volatile boolean failOnMissingCache;
  private volatile boolean statisticsEnabled;
  private volatile CreatedRegionsLog createdRegions;
  private volatile ConfigFile configFile;

  /** Used by Hibernate, through the short name or the class name. */
  public LarderRegionFactory() {}

  @Override
  protected void prepareForUse(SessionFactoryOptions settings, Map<String, Object> configValues) {
    Object requested = configValues == null ? null : configValues.get(ConfigSettings.MISSING_CACHE_STRATEGY);
    MissingCacheStrategy strategy = MissingCacheStrategy.interpretSetting(requested);
    failOnMissingCache = strategy == MissingCacheStrategy.FAIL;
    Level level = requested != null && strategy == MissingCacheStrategy.CREATE_WARN ? Level.WARNING : Level.INFO;
    statisticsEnabled = settings.isStatisticsEnabled();

    Map<String, Object> values = configValues == null ? new HashMap<>() : new HashMap<>(configValues);
    // Larder creates missing caches itself (see regionCache), so hibernate-jcache's own creation path,
    // with its warning per region and its plain MutableConfiguration, is never taken.
    values.put(ConfigSettings.MISSING_CACHE_STRATEGY,
        (failOnMissingCache ? MissingCacheStrategy.FAIL : MissingCacheStrategy.CREATE).getExternalRepresentation());
    super.prepareForUse(settings, values);
    configFile = RegionConfigurations.configFileOf(getCacheManager());
    createdRegions = new CreatedRegionsLog(level, RegionConfigurations.settingsSource(configFile));
  }

  @Override
  protected CachingProvider getCachingProvider(Map<String, Object> properties) {
    Object requested = properties == null ? null : properties.get(ConfigSettings.PROVIDER);
    if (requested != null && !PROVIDER_CLASS_NAME.equals(requested.toString())) {
      throw new CacheException("hibernate.cache.region.factory_class=" + SHORT_NAME + " runs on Larder's JCache provider ("
          + PROVIDER_CLASS_NAME + "), but " + ConfigSettings.PROVIDER + " names " + requested
          + ": remove that property, or use hibernate.cache.region.factory_class=jcache for another provider");
    }
    return Caching.getCachingProvider(PROVIDER_CLASS_NAME);
  }

  @Override
  protected DomainDataStorageAccess createDomainDataStorageAccess(
      DomainDataRegionConfig regionConfig, DomainDataRegionBuildingContext buildingContext) {
    return new JCacheAccessImpl(
        regionCache(regionConfig.getRegionName(), RegionKind.of(regionConfig), buildingContext.getSessionFactory()));
  }

  @Override
  protected StorageAccess createQueryResultsRegionStorageAccess(
      String regionName, SessionFactoryImplementor sessionFactory) {
    String name = defaultRegionName(regionName, sessionFactory,
        DEFAULT_QUERY_RESULTS_REGION_UNQUALIFIED_NAME, LEGACY_QUERY_RESULTS_REGION_UNQUALIFIED_NAMES);
    return new JCacheAccessImpl(regionCache(name, RegionKind.QUERY_RESULTS, sessionFactory));
  }

  @Override
  protected StorageAccess createTimestampsRegionStorageAccess(
      String regionName, SessionFactoryImplementor sessionFactory) {
    String name = defaultRegionName(regionName, sessionFactory,
        DEFAULT_UPDATE_TIMESTAMPS_REGION_UNQUALIFIED_NAME, LEGACY_UPDATE_TIMESTAMPS_REGION_UNQUALIFIED_NAMES);
    return new JCacheAccessImpl(regionCache(name, RegionKind.UPDATE_TIMESTAMPS, sessionFactory));
  }

  /** The cache of a region: the one the cache manager has, or a new one from the file's defaults and templates. */
  private Cache<Object, Object> regionCache(String unqualifiedName, RegionKind kind, SessionFactoryImplementor sessionFactory) {
    verifyStarted();
    String name = RegionNameQualifier.INSTANCE.qualify(unqualifiedName, sessionFactory.getSessionFactoryOptions());
    CacheManager manager = getCacheManager();
    Cache<Object, Object> existing = manager.getCache(name);
    if (kind == RegionKind.UPDATE_TIMESTAMPS) {
      return timestampsCache(manager, name, existing, sessionFactory);
    }
    return existing != null ? existing
        : createRegionCache(manager, name, kind, sessionFactory, RegionConfigurations.defaults(statisticsEnabled));
  }

  /**
   * The update-timestamps region's cache, unbounded and eternal: a cache the application created before
   * Hibernate started must already be so; otherwise the cache takes from the file everything but the
   * bound and expiry of {@code defaults} and templates (those are dropped, with one warning; a named cache
   * the manager already built with them is rebuilt without), and a bound or expiry in its own entry is
   * refused.
   */
  private Cache<Object, Object> timestampsCache(
      CacheManager manager, String name, Cache<Object, Object> existing, SessionFactoryImplementor sessionFactory) {
    ConfigFile file = configFile != null ? configFile : ConfigFile.empty();
    boolean ownEntry = file.hasEntry(name);
    if (existing != null && !ownEntry) {
      RegionConfigurations.requireNeverEvicted(name, RegionConfigurations.configurationOf(existing),
          "the cache created before Hibernate started",
          "Create it without a bound or expiry, or let Larder create it.");
      return existing;
    }
    Configuration<Object, Object> request = ConfigFile.withoutInheritedLimits(
        ownEntry ? new MutableConfiguration<>() : RegionConfigurations.defaults(statisticsEnabled));
    RegionConfigurations.requireNeverEvicted(name, file.resolve(name, request), "its entry in " + file.source(),
        "Remove them from that entry (or write maximum-size = unbounded and expiry = eternal there).");
    List<String> dropped = file.inheritedLimits(name);
    Cache<Object, Object> cache = existing;
    if (existing != null && RegionConfigurations.mayLoseEntries(RegionConfigurations.configurationOf(existing))) {
      // Built by the manager when it opened, with the inherited limits; rebuilt without them.
      manager.destroyCache(name);
      cache = manager.createCache(name, request);
    } else if (existing == null) {
      cache = createRegionCache(manager, name, RegionKind.UPDATE_TIMESTAMPS, sessionFactory, request);
    }
    RegionConfigurations.requireNeverEvicted(name, RegionConfigurations.configurationOf(cache),
        "its configuration", "Give it none.");
    if (!dropped.isEmpty()) {
      LOGGER.log(Level.WARNING, RegionConfigurations.droppedLimitsWarning(name, dropped));
    }
    return cache;
  }

  private Cache<Object, Object> createRegionCache(CacheManager manager, String name, RegionKind kind,
      SessionFactoryImplementor sessionFactory, Configuration<Object, Object> request) {
    if (failOnMissingCache) {
      throw new CacheException("Larder: no cache is configured for the " + kind.label() + " region '" + name
          + "' and " + ConfigSettings.MISSING_CACHE_STRATEGY + "=fail forbids creating it");
    }
    try {
      Cache<Object, Object> cache = manager.createCache(name, request);
      createdRegions.created(name, kind, RegionConfigurations.templateOf(configFile, name), sessionFactory);
      return cache;
    } catch (javax.cache.CacheException alreadyCreated) {
      Cache<Object, Object> cache = manager.getCache(name);
      if (cache == null) {
        throw alreadyCreated;
      }
      return cache;
    }
  }
}
