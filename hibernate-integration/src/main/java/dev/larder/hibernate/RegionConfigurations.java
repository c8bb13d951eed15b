package dev.larder.hibernate;

import dev.larder.config.ConfigFile;
import dev.larder.jcache.LarderCacheManager;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.hibernate.cache.CacheException;

/**
 * The configuration Larder gives a region that the configuration file does not name, and the check
 * that the update-timestamps region is never evicted nor expired.
 *
 * <p>Why the timestamps region is special: Hibernate validates a cached query result against the last
 * update time of each table it read. A timestamp that is evicted or expires reads as "never updated",
 * so the query cache would serve a result older than committed data. Larder therefore refuses, at
 * start, a timestamps region with a size or weight bound or with an expiry; it never silently corrects
 * one (a configuration that does not do what it says is a bug the user should see).
 *
 * <p>Thread-safety: stateless.
 */
final class RegionConfigurations {

  private RegionConfigurations() {}

  /**
   * The defaults of a region the configuration file does not name: unbounded and eternal (the {@link LarderConfiguration}
   * defaults), stored by reference because Hibernate caches immutable, already-disassembled state and
   * never changes a value it has handed to the cache, with statistics on when Hibernate's are.
   */
  static LarderConfiguration<Object, Object> defaults(boolean statisticsEnabled) {
    LarderConfiguration<Object, Object> configuration = new LarderConfiguration<>();
    configuration.setStoreByValue(false).setStatisticsEnabled(statisticsEnabled);
    return configuration;
  }

  /**
   * Throws when {@code cache}, the update-timestamps region, may lose an entry by eviction or expiry.
   *
   * @param file the configuration file of the cache's manager, or {@code null}
   * @param existedBefore whether the cache was in its manager before Hibernate asked for it
   */
  static void requireNeverEvicted(String regionName, Cache<?, ?> cache, ConfigFile file, boolean existedBefore) {
    List<String> problems = new ArrayList<>();
    @SuppressWarnings("unchecked")
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (configuration instanceof LarderConfiguration<?, ?> larder) {
      if (larder.getMaximumSize() >= 0) {
        problems.add("maximumSize=" + larder.getMaximumSize());
      }
      if (larder.getMaximumWeight() >= 0) {
        problems.add("maximumWeight=" + larder.getMaximumWeight());
      }
    }
    expiryProblem(configuration.getExpiryPolicyFactory()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new CacheException("Larder: the update-timestamps region '" + regionName
          + "' must never evict nor expire an entry (a lost timestamp lets the query cache return results "
          + "older than committed data), but it is given " + String.join(", ", problems) + " by "
          + origin(file, regionName, existedBefore) + ". Keep bounds and expiry to the templates of the entity, collection "
          + "and query regions (with patterns that do not match this region), and give this region none.");
    }
  }

  /**
   * The configuration file behind a Larder cache manager (read again from the manager's URI, as the
   * manager read it), or {@code null} for another provider's manager.
   */
  static ConfigFile configFileOf(CacheManager manager) {
    try {
      manager.unwrap(LarderCacheManager.class);
    } catch (IllegalArgumentException notLarder) {
      return null;
    }
    return ConfigFile.forManager(manager.getURI(), manager.getCachingProvider().getDefaultURI(), manager.getClassLoader());
  }

  /** What Hibernate's created regions are configured from, in words, for the log line. */
  static String settingsSource(ConfigFile file) {
    return file == null || file.source() == null
        ? "Larder's defaults (no configuration file)"
        : "the defaults and templates of " + file.source();
  }

  /** The pattern of the file's template that applies to {@code cacheName}, or {@code null}. */
  static String templateOf(ConfigFile file, String cacheName) {
    return file == null ? null : file.templateFor(cacheName);
  }

  /** Where the settings of {@code cacheName} come from, in words, for error messages. */
  private static String origin(ConfigFile file, String cacheName, boolean existedBefore) {
    if (file != null && file.source() != null) {
      if (file.namedCaches().containsKey(cacheName)) {
        return "its entry in " + file.source();
      }
      String template = file.templateFor(cacheName);
      if (template != null) {
        return "the template \"" + template + "\" of " + file.source();
      }
      if (!existedBefore) {
        return "the defaults of " + file.source();
      }
    }
    return existedBefore ? "the cache created before Hibernate started" : "its configuration";
  }

  private static Optional<String> expiryProblem(Factory<? extends ExpiryPolicy> factory) {
    if (factory == null) {
      return Optional.empty();
    }
    ExpiryPolicy policy = factory.create();
    List<String> finite = new ArrayList<>();
    describe("creation", policy.getExpiryForCreation(), finite);
    describe("update", policy.getExpiryForUpdate(), finite);
    describe("access", policy.getExpiryForAccess(), finite);
    if (finite.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("an expiry policy (" + policy.getClass().getName() + ") that expires entries "
        + String.join(", ", finite));
  }

  private static void describe(String event, Duration duration, List<String> finite) {
    if (duration != null && !duration.isEternal()) {
      finite.add(duration.getDurationAmount() + " " + duration.getTimeUnit().name().toLowerCase(Locale.ROOT)
          + " after " + event);
    }
  }
}
