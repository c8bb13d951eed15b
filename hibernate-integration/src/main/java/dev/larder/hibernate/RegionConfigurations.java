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
 * The configuration Larder gives a region that the configuration file does not name, and the rules that
 * keep the update-timestamps region from ever being evicted or expired.
 *
 * <p>Why the timestamps region is special: Hibernate validates a cached query result against the last
 * update time of each table it read. A timestamp that is evicted or expires reads as "never updated",
 * so the query cache would serve a result older than committed data. So the timestamps region takes
 * no bound and no expiry from the file's {@code defaults} or templates (Larder drops them and says so
 * in one warning), while a bound or expiry the user gives that region on purpose (in its own entry of
 * the file, or by creating the cache before Hibernate starts) is refused at start: a configuration that
 * says one thing about this very region and does another is a bug the user should see.
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
   * Throws when {@code configuration}, meant for the update-timestamps region, may lose an entry by
   * eviction or expiry.
   *
   * @param origin where the configuration comes from, in words ("its entry in file:...")
   * @param advice how to fix it, a sentence
   */
  static void requireNeverEvicted(String regionName, CompleteConfiguration<?, ?> configuration, String origin, String advice) {
    List<String> problems = ways(configuration);
    if (!problems.isEmpty()) {
      throw new CacheException("Larder: the update-timestamps region '" + regionName
          + "' must never evict nor expire an entry (a lost timestamp lets the query cache return results "
          + "older than committed data), but it is given " + String.join(", ", problems) + " by "
          + origin + ". " + advice);
    }
  }

  /** Whether a cache configured so can lose an entry by eviction or expiry. */
  static boolean mayLoseEntries(CompleteConfiguration<?, ?> configuration) {
    return !ways(configuration).isEmpty();
  }

  /** The ways {@code configuration} can lose an entry, in words; empty when it cannot. */
  private static List<String> ways(CompleteConfiguration<?, ?> configuration) {
    List<String> problems = new ArrayList<>();
    if (configuration instanceof LarderConfiguration<?, ?> larder) {
      if (larder.getMaximumSize() >= 0) {
        problems.add("maximumSize=" + larder.getMaximumSize());
      }
      if (larder.getMaximumWeight() >= 0) {
        problems.add("maximumWeight=" + larder.getMaximumWeight());
      }
    }
    expiryProblem(configuration.getExpiryPolicyFactory()).ifPresent(problems::add);
    return problems;
  }

  /** The configuration of a live cache. */
  @SuppressWarnings("unchecked")
  static CompleteConfiguration<?, ?> configurationOf(Cache<?, ?> cache) {
    return cache.getConfiguration(CompleteConfiguration.class);
  }

  /** The one warning line that says which inherited limits the timestamps region does not take. */
  static String droppedLimitsWarning(String regionName, List<String> dropped) {
    return "Larder: the update-timestamps region '" + regionName + "' must never evict nor expire an entry,"
        + " so it does not take " + String.join(", ", dropped) + " and is unbounded and eternal (to silence"
        + " this, give it an entry of its own in that file with maximum-size = unbounded and expiry = eternal,"
        + " or narrow the template)";
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
