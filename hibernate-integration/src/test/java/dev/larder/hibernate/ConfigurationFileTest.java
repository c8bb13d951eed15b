package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.LarderCache;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.policy.PolicyKind;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.Test;

/**
 * Regions take the templates and entries of the configuration file; the timestamps region stays whole:
 * limits it would inherit are dropped with a warning, limits its own entry sets are refused.
 */
class ConfigurationFileTest {

  private static final String URI = "hibernate.javax.cache.uri";
  private static final String TIMESTAMPS_REGION = "default-update-timestamps-region";

  private static List<String> warnings(LogCapture logs) {
    return logs.larderLines().stream().filter(line -> line.contains("must never evict")).toList();
  }

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
  void boundOfTheDefaultsIsDroppedFromTheTimestampsRegionWithOneWarning() {
    try (LogCapture logs = LogCapture.start();
        TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-bounded-defaults.conf"))) {
      LarderCache<?, ?> timestamps = hibernate.regionCache(TIMESTAMPS_REGION).unwrap(LarderCache.class);
      LarderCache<?, ?> books = hibernate.regionCache(BOOK_REGION).unwrap(LarderCache.class);

      assertThat(timestamps.getConfiguration(LarderConfiguration.class).getMaximumSize()).isEqualTo(-1);
      assertThat(books.maximum()).as("other regions keep the defaults").isEqualTo(1000);
      assertThat(logs.larderLevels()).containsExactlyInAnyOrder(Level.INFO, Level.WARNING);
      assertThat(warnings(logs)).singleElement().asString()
          .contains(TIMESTAMPS_REGION)
          .contains("maximum-size = 1000 (the defaults, ")
          .contains("larder-hibernate-bounded-defaults.conf:3)");
    }
  }

  @Test
  void boundAndExpiryOfATemplateAreDroppedFromTheTimestampsRegion() {
    try (LogCapture logs = LogCapture.start();
        TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-timestamps-template.conf"))) {
      LarderConfiguration<?, ?> timestamps =
          hibernate.regionCache(TIMESTAMPS_REGION).getConfiguration(LarderConfiguration.class);
      LarderConfiguration<?, ?> queries =
          hibernate.regionCache("default-query-results-region").getConfiguration(LarderConfiguration.class);

      assertThat(timestamps.getMaximumSize()).isEqualTo(-1);
      assertThat(timestamps.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
      assertThat(queries.getMaximumSize()).as("the query region keeps the template").isEqualTo(100_000);
      assertThat(warnings(logs)).singleElement().asString()
          .containsPattern("maximum-size = 100000 \\(the template \"\\*-region\", \\S*larder-hibernate-timestamps-template\\.conf:4\\)")
          .containsPattern("expiry \\(the template \"\\*-region\", \\S*larder-hibernate-timestamps-template\\.conf:4\\)");
    }
  }

  @Test
  void timestampsEntryThatInheritsTheDefaultBoundIsRebuiltWithoutIt() {
    try (LogCapture logs = LogCapture.start();
        TestHibernate hibernate = TestHibernate.withLarder(Map.of(URI, "larder-hibernate-timestamps-entry-inherits.conf"))) {
      LarderCache<?, ?> timestamps = hibernate.regionCache(TIMESTAMPS_REGION).unwrap(LarderCache.class);

      assertThat(timestamps.getConfiguration(LarderConfiguration.class).getMaximumSize()).isEqualTo(-1);
      assertThat(timestamps.getConfiguration(LarderConfiguration.class).getPolicy())
          .as("the rest of its entry stays").isEqualTo(PolicyKind.FIFO);
      assertThat(warnings(logs)).singleElement().asString().contains("maximum-size = 1000 (the defaults");
    }
  }

  @Test
  void timestampsEntryThatBoundsIsRefused() {
    assertThatThrownBy(() -> TestHibernate.withLarder(Map.of(URI, "larder-hibernate-bounded-timestamps.conf")).close())
        .rootCause()
        .hasMessageContaining(TIMESTAMPS_REGION)
        .hasMessageContaining("maximumSize=5000")
        .hasMessageContaining("its entry in")
        .hasMessageContaining("larder-hibernate-bounded-timestamps.conf");
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
