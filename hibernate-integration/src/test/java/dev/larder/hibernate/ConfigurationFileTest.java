package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regions take the templates and entries of the configuration file; the timestamps region stays whole. */
class ConfigurationFileTest {

  private static final String URI = "hibernate.javax.cache.uri";

  @Test
  void domainRegionsTakeTheTemplateThatMatchesTheirName() {
    try (TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-templates.conf"))) {
      LarderCache<?, ?> books = hibernate.regionCache(BOOK_REGION).unwrap(LarderCache.class);
      LarderCache<?, ?> collection = hibernate.regionCache(TestHibernate.BOOKS_COLLECTION_REGION).unwrap(LarderCache.class);

      assertThat(books.maximum()).isEqualTo(500);
      assertThat(books.policyName()).containsIgnoringCase("lru");
      assertThat(collection.maximum()).isEqualTo(500);
    }
  }

  @Test
  void createdRegionsAreListedInOneLineWithTheirTemplate() {
    try (LogCapture logs = LogCapture.start();
        TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-templates.conf"))) {
      assertThat(logs.larderLines()).hasSize(1);
      assertThat(logs.larderLines().get(0))
          .contains("larder-hibernate-templates.conf")
          .contains(BOOK_REGION + " (entity, template \"dev.larder.hibernate.*\")")
          .contains(TestHibernate.BOOKS_COLLECTION_REGION + " (collection, template \"dev.larder.hibernate.*\")")
          .contains("default-update-timestamps-region (update timestamps)")
          .doesNotContain("default-query-results-region");
      assertThat(logs.hibernateWarningsPerRegion()).isEmpty();
    }
  }

  @Test
  void queryRegionNamedInTheFileKeepsItsOwnEntry() {
    try (TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-templates.conf"))) {
      LarderCache<?, ?> queries = hibernate.regionCache("default-query-results-region").unwrap(LarderCache.class);

      assertThat(queries.maximum()).isEqualTo(100);
    }
  }

  @Test
  void timestampsRegionIsNotBoundedByATemplateThatDoesNotMatchIt() {
    try (TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-templates.conf"))) {
      hibernate.createAuthor("Woolf", "w-1");
      LarderCache<?, ?> timestamps = hibernate.regionCache("default-update-timestamps-region").unwrap(LarderCache.class);

      assertThat(timestamps.getConfiguration(LarderConfiguration.class).getMaximumSize()).isEqualTo(-1);
    }
  }

  @Test
  void defaultsThatBoundEveryCacheAreRefusedForTheTimestampsRegion() {
    assertThatThrownBy(() -> TestHibernate.withLarder(Map.of(URI, "larder-hibernate-bounded-defaults.conf")).close())
        .rootCause()
        .hasMessageContaining("default-update-timestamps-region")
        .hasMessageContaining("maximumSize=1000")
        .hasMessageContaining("the defaults of");
  }

  @Test
  void timestampsEntryThatExpiresIsRefused() {
    assertThatThrownBy(() -> TestHibernate.withLarder(Map.of(URI, "larder-hibernate-expiring-timestamps.conf")).close())
        .rootCause()
        .hasMessageContaining("default-update-timestamps-region")
        .hasMessageContaining("its entry in")
        .hasMessageContaining("after creation");
  }
}
