package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hibernate.cache.region.factory_class=larder} alone switches Larder on; regions nobody configured
 * are reported in one line; an update-timestamps region that could lose entries is refused.
 */
class ShortNameTest {

  private static final String TIMESTAMPS_REGION = "default-update-timestamps-region";

  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.start();
  }

  @AfterEach
  void stopCapturing() {
    logs.close();
  }

  @Test
  void shortNameAloneSwitchesLarderOn() {
    try (TestHibernate hibernate = TestHibernate.withSettings(Map.of("hibernate.cache.region.factory_class", "larder"))) {
      assertThat(hibernate.regionFactory()).isInstanceOf(LarderRegionFactory.class);
      hibernate.createAuthor("Tolstoy", "t-1");
      long id = hibernate.bookId("t-1");
      hibernate.inTransaction(session -> session.find(Book.class, id));
      long statements = hibernate.statistics().getPrepareStatementCount();

      hibernate.inTransaction(session -> session.find(Book.class, id));

      assertThat(hibernate.statistics().getPrepareStatementCount()).isEqualTo(statements);
      assertThat(hibernate.regionCache(BOOK_REGION).unwrap(LarderCache.class)).isNotNull();
    }
  }

  @Test
  void regionsNoConfigurationNamesAreReportedInOneLine() {
    try (TestHibernate hibernate = TestHibernate.withLarder()) {
      List<String> larderLines = logs.larderLines();
      assertThat(larderLines).hasSize(1);
      assertThat(larderLines.get(0)).contains(BOOK_REGION, TestHibernate.AUTHOR_REGION,
          TestHibernate.BOOKS_COLLECTION_REGION, TestHibernate.BOOK_NATURAL_ID_REGION,
          "default-query-results-region", TIMESTAMPS_REGION);
      assertThat(logs.larderLevels()).containsExactly(Level.INFO);
      assertThat(logs.hibernateWarningsPerRegion()).isEmpty();
      assertThat(hibernate.regionCache(TIMESTAMPS_REGION)).isNotNull();
    }
  }

  @Test
  void queryRegionFirstUsedAfterStartGetsALineOfItsOwn() {
    try (TestHibernate hibernate = TestHibernate.withLarder()) {
      hibernate.inTransaction(session -> session.createQuery("select b from Book b", Book.class)
          .setCacheable(true).setCacheRegion("all-books").getResultList());

      List<String> larderLines = logs.larderLines();
      assertThat(larderLines).hasSize(2);
      assertThat(larderLines.get(0)).doesNotContain("all-books");
      assertThat(larderLines.get(1)).contains("all-books (query results)");
      assertThat(hibernate.regionCache("all-books")).isNotNull();
    }
  }

  @Test
  void explicitCreateWarnTurnsTheLineIntoAWarning() {
    try (TestHibernate hibernate = TestHibernate.withLarder(
        Map.of("hibernate.javax.cache.missing_cache_strategy", "create-warn"))) {
      assertThat(logs.larderLevels()).containsExactly(Level.WARNING);
      assertThat(logs.hibernateWarningsPerRegion()).isEmpty();
    }
  }

  @Test
  void plainHibernateJcacheWarnsOncePerRegionInstead() {
    try (TestHibernate hibernate = TestHibernate.withSettings(Map.of(
        "hibernate.cache.region.factory_class", "jcache", "hibernate.cache.use_query_cache", "true",
        "hibernate.javax.cache.provider", LarderRegionFactory.PROVIDER_CLASS_NAME))) {
      assertThat(logs.hibernateWarningsPerRegion()).hasSizeGreaterThanOrEqualTo(6);
      assertThat(logs.larderLines()).isEmpty();
    }
  }

  @Test
  void boundedTimestampsRegionIsRefused() {
    try (CacheManager manager = newCacheManager()) {
      manager.createCache(TIMESTAMPS_REGION, new LarderConfiguration<Object, Object>().setMaximumSize(1_000));

      assertThatThrownBy(() -> TestHibernate.withLarder(Map.of("hibernate.javax.cache.cache_manager", manager)).close())
          .rootCause()
          .hasMessageContaining(TIMESTAMPS_REGION)
          .hasMessageContaining("maximumSize=1000")
          .hasMessageContaining("the cache created before Hibernate started");
    }
  }

  @Test
  void expiringTimestampsRegionIsRefused() {
    try (CacheManager manager = newCacheManager()) {
      manager.createCache(TIMESTAMPS_REGION, new MutableConfiguration<Object, Object>()
          .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new CreatedExpiryPolicy(Duration.ONE_MINUTE))));

      assertThatThrownBy(() -> TestHibernate.withLarder(Map.of("hibernate.javax.cache.cache_manager", manager)).close())
          .rootCause()
          .hasMessageContaining(TIMESTAMPS_REGION)
          .hasMessageContaining("1 minutes after creation");
    }
  }

  @Test
  void unboundedEternalTimestampsRegionIsAccepted() {
    CacheManager manager = newCacheManager();
    manager.createCache(TIMESTAMPS_REGION, new LarderConfiguration<Object, Object>());

    try (manager; TestHibernate hibernate = TestHibernate.withLarder(Map.of("hibernate.javax.cache.cache_manager", manager))) {
      assertThat(hibernate.cacheManager()).isSameAs(manager);
      assertThat(logs.larderLines().get(0)).doesNotContain(TIMESTAMPS_REGION);
    }
  }

  @Test
  void anotherJCacheProviderIsRefusedWithTheShortName() {
    assertThatThrownBy(() -> TestHibernate.withLarder(
        Map.of("hibernate.javax.cache.provider", "com.example.OtherCachingProvider")).close())
        .rootCause()
        .hasMessageContaining("com.example.OtherCachingProvider")
        .hasMessageContaining("factory_class=jcache");
  }

  @Test
  void missingCacheStrategyFailIsHonoured() {
    assertThatThrownBy(() -> TestHibernate.withLarder(
        Map.of("hibernate.javax.cache.missing_cache_strategy", "fail")).close())
        .rootCause()
        .hasMessageContaining("missing_cache_strategy=fail");
  }

  /** Larder's default cache manager, which a test fills before Hibernate uses it, then closes. */
  private static CacheManager newCacheManager() {
    return Caching.getCachingProvider(LarderRegionFactory.PROVIDER_CLASS_NAME).getCacheManager();
  }
}
