package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hibernate starts on the {@code defaults} and {@code templates} of the example file in the project's
 * README, read from the README at test time, and the query cache then sees committed updates. The
 * example's {@code caches} block is left out (it names {@code com.example} classes that do not exist
 * here), and its {@code "com.example.*"} template is applied to the test domain's package instead.
 */
class ReadmeExampleTest {

  private static final String EXAMPLE_PACKAGE = "com.example.*";
  private static final String TIMESTAMPS_REGION = "default-update-timestamps-region";

  @Test
  void hibernateStartsOnTheReadmeExampleWithAWholeTimestampsRegion(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("larder.conf");
    Files.writeString(file, readmeDefaultsAndTemplates());

    try (LogCapture logs = LogCapture.start();
        TestHibernate hibernate = TestHibernate.withLarder(Map.of("hibernate.javax.cache.uri", file.toUri().toString()))) {
      LarderConfiguration<?, ?> timestamps =
          hibernate.regionCache(TIMESTAMPS_REGION).getConfiguration(LarderConfiguration.class);
      LarderConfiguration<?, ?> books =
          hibernate.regionCache(TestHibernate.BOOK_REGION).getConfiguration(LarderConfiguration.class);
      LarderConfiguration<?, ?> queries =
          hibernate.regionCache("default-query-results-region").getConfiguration(LarderConfiguration.class);

      assertThat(timestamps.getMaximumSize()).isEqualTo(-1);
      assertThat(timestamps.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
      assertThat(logs.larderLines()).as("the example says it itself: nothing to drop")
          .noneMatch(line -> line.contains("must never evict"));
      assertThat(books.getMaximumSize()).as("the com.example.* template").isEqualTo(2000);
      assertThat(books.getExpiryPolicyFactory().create().getExpiryForAccess())
          .isEqualTo(new Duration(TimeUnit.MINUTES, 10));
      assertThat(queries.getMaximumSize()).as("the defaults").isEqualTo(10_000);
    }
  }

  @Test
  void queryCacheOnTheReadmeExampleSeesACommittedUpdate(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("larder.conf");
    Files.writeString(file, readmeDefaultsAndTemplates());

    try (TestHibernate hibernate = TestHibernate.withLarder(Map.of("hibernate.javax.cache.uri", file.toUri().toString()))) {
      hibernate.createAuthor("Austen", "a-1");
      assertThat(titles(hibernate)).containsExactly("Title of a-1");
      long hits = hibernate.statistics().getQueryCacheHitCount();
      assertThat(titles(hibernate)).containsExactly("Title of a-1");
      assertThat(hibernate.statistics().getQueryCacheHitCount()).isEqualTo(hits + 1);

      long id = hibernate.bookId("a-1");
      hibernate.inTransaction(session -> session.find(Book.class, id).setTitle("Emma"));

      assertThat(titles(hibernate)).containsExactly("Emma");
    }
  }

  private static List<String> titles(TestHibernate hibernate) {
    return hibernate.fromTransaction(session -> session.createQuery("select b.title from Book b", String.class)
        .setCacheable(true).getResultList());
  }

  /**
   * The README's {@code ```hocon} example with only its {@code defaults} and {@code templates}, the
   * {@code "com.example.*"} template renamed to the test domain's package.
   */
  static String readmeDefaultsAndTemplates() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
    int start = readme.indexOf("```hocon\n");
    assertThat(start).as("the README has a ```hocon example").isNotNegative();
    String example = readme.substring(start + "```hocon\n".length(), readme.indexOf("```", start + 9));
    Config larder = ConfigFactory.parseString(example).getConfig("larder");
    assertThat(larder.root().keySet()).contains("defaults", "templates");
    ConfigObject templates = larder.getObject("templates");
    assertThat(templates).containsKey(EXAMPLE_PACKAGE);

    Config result = ConfigFactory.empty().withValue("larder.defaults", larder.getValue("defaults"));
    for (Map.Entry<String, ConfigValue> template : templates.entrySet()) {
      String pattern = template.getKey().equals(EXAMPLE_PACKAGE) ? Book.class.getPackageName() + ".*" : template.getKey();
      result = result.withValue(ConfigUtil.joinPath("larder", "templates", pattern), template.getValue());
    }
    return result.root().render(ConfigRenderOptions.concise());
  }
}
