package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.hibernate.CacheMode;
import org.hibernate.stat.CacheRegionStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's region statistics and Larder's per-cache statistics (the JCache statistics MXBean, which
 * Larder turns on for the regions it creates when Hibernate's statistics are on) count the same events.
 *
 * <p>Hibernate's read-write protocol reads the region before each put (to look for a soft lock); those
 * reads are JCache gets that Larder counts and Hibernate does not. So hits and puts are compared over
 * the whole test, and misses over reads that do not put ({@link CacheMode#GET}).
 */
class StatisticsTest {

  private TestHibernate hibernate;
  private List<Long> bookIds;

  @BeforeEach
  void createData() {
    hibernate = TestHibernate.withLarder();
    hibernate.createAuthor("Lem", "l-1", "l-2", "l-3");
    bookIds = List.of(hibernate.bookId("l-1"), hibernate.bookId("l-2"), hibernate.bookId("l-3"));
    hibernate.sessionFactory().getCache().evictRegion(BOOK_REGION);
  }

  @AfterEach
  void close() {
    hibernate.close();
  }

  @Test
  void larderCountsTheHitsAndPutsHibernateCounts() {
    Counts before = counts();
    loadEachBookInANewSession(CacheMode.NORMAL);
    loadEachBookInANewSession(CacheMode.NORMAL);
    loadEachBookInANewSession(CacheMode.NORMAL);
    Counts after = counts();

    assertThat(after.hibernatePuts - before.hibernatePuts).isEqualTo(3);
    assertThat(after.larderPuts - before.larderPuts).isEqualTo(after.hibernatePuts - before.hibernatePuts);
    assertThat(after.hibernateHits - before.hibernateHits).isEqualTo(6);
    assertThat(after.larderHits - before.larderHits).isEqualTo(after.hibernateHits - before.hibernateHits);
  }

  @Test
  void larderCountsTheMissesHibernateCounts() {
    Counts before = counts();
    loadEachBookInANewSession(CacheMode.GET);
    Counts after = counts();

    assertThat(after.hibernateMisses - before.hibernateMisses).isEqualTo(3);
    assertThat(after.larderMisses - before.larderMisses).isEqualTo(after.hibernateMisses - before.hibernateMisses);
    assertThat(after.larderPuts - before.larderPuts).isZero();
  }

  @Test
  void larderCountsTheQueryCacheHitsMissesAndPutsHibernateCounts() {
    String region = "default-query-results-region";
    for (int i = 0; i < 3; i++) {
      hibernate.inTransaction(session -> session.createQuery("select b from Book b order by b.isbn", Book.class)
          .setCacheable(true).getResultList());
    }

    CacheRegionStatistics hibernateQueries = hibernate.statistics().getQueryRegionStatistics(region);
    CacheStatisticsMXBean larderQueries = larderStatistics(region);
    assertThat(hibernateQueries.getMissCount()).isEqualTo(1);
    assertThat(hibernateQueries.getPutCount()).isEqualTo(1);
    assertThat(hibernateQueries.getHitCount()).isEqualTo(2);
    assertThat(larderQueries.getCacheMisses()).isEqualTo(hibernateQueries.getMissCount());
    assertThat(larderQueries.getCachePuts()).isEqualTo(hibernateQueries.getPutCount());
    assertThat(larderQueries.getCacheHits()).isEqualTo(hibernateQueries.getHitCount());
  }

  private void loadEachBookInANewSession(CacheMode mode) {
    for (long id : bookIds) {
      hibernate.inTransaction(session -> session.find(Book.class, id, mode));
    }
  }

  private record Counts(long hibernateHits, long hibernateMisses, long hibernatePuts,
                        long larderHits, long larderMisses, long larderPuts) {}

  private Counts counts() {
    CacheRegionStatistics region = hibernate.statistics().getDomainDataRegionStatistics(BOOK_REGION);
    CacheStatisticsMXBean larder = larderStatistics(BOOK_REGION);
    return new Counts(region.getHitCount(), region.getMissCount(), region.getPutCount(),
        larder.getCacheHits(), larder.getCacheMisses(), larder.getCachePuts());
  }

  /** The JCache statistics MXBean of the Larder cache behind {@code region}. */
  private static CacheStatisticsMXBean larderStatistics(String region) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      Set<ObjectName> names = server.queryNames(new ObjectName("javax.cache:type=CacheStatistics,*"), null);
      List<ObjectName> matching = names.stream()
          .filter(name -> region.equals(name.getKeyProperty("Cache"))
              || ObjectName.quote(region).equals(name.getKeyProperty("Cache")))
          .toList();
      assertThat(matching).as("statistics MXBeans of cache %s among %s", region, names).hasSize(1);
      return JMX.newMXBeanProxy(server, matching.get(0), CacheStatisticsMXBean.class);
    } catch (MalformedObjectNameException e) {
      throw new AssertionError(e);
    }
  }
}
