package dev.larder.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.cfg.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hibernate ORM entity-by-id loads, each in a new session (as a request of a web application does), with
 * the second-level cache on Larder, on Caffeine's JCache and on Ehcache's JCache (all three through
 * hibernate-jcache), and with no second-level cache (every load is an SQL query to an in-memory H2).
 *
 * <p>Fairness: the region is stored by reference for every provider. That is Larder's region default;
 * for Caffeine and Ehcache the region is created up front by reference, since hibernate-jcache would
 * create it with a plain {@code MutableConfiguration} (store by value: a serialised copy per read).
 * Several JCache providers share the classpath, so each is chosen by class name
 * ({@code hibernate.javax.cache.provider} / {@code Caching.getCachingProvider(name)}).
 *
 * <p>Thread-safety: JMH state; the session factory is shared, each thread has its own cursor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HibernateL2Benchmark {

  static final String REGION = "bench-item";

  /** The benchmark's entity: a small row, cached read-write in region {@value #REGION}. */
  @Entity(name = "BenchItem")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = REGION)
  public static class BenchItem {
    @Id
    private long id;
    private String name;
    private int quantity;

    protected BenchItem() {}

    BenchItem(long id) {
      this.id = id;
      this.name = "item " + id;
      this.quantity = (int) (id % 100);
    }

    public String getName() {
      return name;
    }
  }

  @Param({"larder", "caffeine", "ehcache", "none"})
  public String cache;

  @Param({"1000"})
  public int entities;

  private SessionFactory sessionFactory;

  @Setup(Level.Trial)
  public void setUp() {
    Configuration configuration = new Configuration()
        .addAnnotatedClass(BenchItem.class)
        .setProperty("hibernate.connection.url", "jdbc:h2:mem:" + UUID.randomUUID())
        .setProperty("hibernate.connection.username", "sa")
        .setProperty("hibernate.connection.password", "")
        .setProperty("hibernate.connection.pool_size", "8")
        .setProperty("hibernate.hbm2ddl.auto", "create-drop");
    switch (cache) {
      case "larder" -> configuration.setProperty("hibernate.cache.region.factory_class", "larder");
      case "caffeine" -> useJCache(configuration, "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
      case "ehcache" -> useJCache(configuration, "org.ehcache.jsr107.EhcacheCachingProvider");
      case "none" -> configuration.setProperty("hibernate.cache.use_second_level_cache", "false");
      default -> throw new IllegalArgumentException("unknown cache '" + cache + "': larder, caffeine, ehcache or none");
    }
    sessionFactory = configuration.buildSessionFactory();
    sessionFactory.inTransaction(session -> {
      for (long id = 0; id < entities; id++) {
        session.persist(new BenchItem(id));
      }
    });
    for (long id = 0; id < entities; id++) {
      long key = id;
      sessionFactory.inTransaction(session -> session.find(BenchItem.class, key));
    }
  }

  private static void useJCache(Configuration configuration, String providerClassName) {
    CacheManager manager = Caching.getCachingProvider(providerClassName).getCacheManager();
    if (manager.getCache(REGION) == null) {
      manager.createCache(REGION, new MutableConfiguration<>().setStoreByValue(false));
    }
    configuration.setProperty("hibernate.cache.region.factory_class", "jcache")
        .setProperty("hibernate.javax.cache.provider", providerClassName)
        .getProperties().put("hibernate.javax.cache.cache_manager", manager);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sessionFactory.close();
  }

  /** Each thread walks the ids in its own order. */
  @State(Scope.Thread)
  public static class Cursor {
    long next = Thread.currentThread().getId() * 7919;
  }

  @Benchmark
  public String loadByIdInNewSession(Cursor cursor) {
    long id = Math.floorMod(cursor.next++, entities);
    try (Session session = sessionFactory.openSession()) {
      return session.find(BenchItem.class, id).getName();
    }
  }
}
