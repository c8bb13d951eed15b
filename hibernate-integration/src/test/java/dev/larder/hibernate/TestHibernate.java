package dev.larder.hibernate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cache.spi.RegionFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.stat.Statistics;

/**
 * A session factory over a fresh in-memory H2 database with the test domain, and the helpers the tests
 * share: transactions, statistics, direct JDBC access that bypasses Hibernate, the Larder caches behind
 * the regions. Closing it closes the factory (and so its cache manager) and drops the database.
 *
 * <p>Thread-safety: as thread-safe as the session factory; {@link #jdbc()} hands each caller its own connection.
 */
final class TestHibernate implements AutoCloseable {

  static final String BOOK_REGION = Book.class.getName();
  static final String BOOK_NATURAL_ID_REGION = Book.class.getName() + "##NaturalId";
  static final String AUTHOR_REGION = Author.class.getName();
  static final String BOOKS_COLLECTION_REGION = Author.class.getName() + ".books";

  private final String url;
  private final StandardServiceRegistry registry;
  private final SessionFactory sessionFactory;

  private TestHibernate(Map<String, Object> settings, AccessType strategy) {
    this.url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    Map<String, Object> all = new HashMap<>();
    all.put("hibernate.connection.url", url);
    all.put("hibernate.connection.username", "sa");
    all.put("hibernate.connection.password", "");
    all.put("hibernate.connection.pool_size", "16");
    all.put("hibernate.hbm2ddl.auto", "create-drop");
    all.put("hibernate.generate_statistics", "true");
    all.putAll(settings);
    this.registry = new StandardServiceRegistryBuilder().applySettings(all).build();
    try {
      Metadata metadata = new MetadataSources(registry)
          .addAnnotatedClass(Author.class)
          .addAnnotatedClass(Book.class)
          .buildMetadata();
      if (strategy != null) {
        String name = strategy.getExternalName();
        metadata.getEntityBinding(Book.class.getName()).getRootClass().setCacheConcurrencyStrategy(name);
        metadata.getEntityBinding(Author.class.getName()).getRootClass().setCacheConcurrencyStrategy(name);
        metadata.getCollectionBinding(BOOKS_COLLECTION_REGION).setCacheConcurrencyStrategy(name);
      }
      this.sessionFactory = metadata.buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  /** Larder through its short name, with the query cache on, plus {@code extra} settings. */
  static TestHibernate withLarder(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hibernate.cache.region.factory_class", "larder");
    settings.put("hibernate.cache.use_query_cache", "true");
    settings.putAll(extra);
    return new TestHibernate(settings, null);
  }

  static TestHibernate withLarder() {
    return withLarder(Map.of());
  }

  /** Larder with every cached role of the domain switched to {@code strategy}. */
  static TestHibernate withLarder(AccessType strategy) {
    return new TestHibernate(Map.of("hibernate.cache.region.factory_class", "larder"), strategy);
  }

  /** Exactly {@code settings} (plus the database ones). */
  static TestHibernate withSettings(Map<String, Object> settings) {
    return new TestHibernate(settings, null);
  }

  SessionFactory sessionFactory() {
    return sessionFactory;
  }

  Statistics statistics() {
    return sessionFactory.getStatistics();
  }

  RegionFactory regionFactory() {
    return sessionFactory.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory();
  }

  /** The cache manager behind the regions (hibernate-jcache's). */
  CacheManager cacheManager() {
    return ((LarderRegionFactory) regionFactory()).getCacheManager();
  }

  Cache<Object, Object> regionCache(String regionName) {
    return cacheManager().getCache(regionName);
  }

  void inTransaction(Consumer<Session> work) {
    sessionFactory.inTransaction(work);
  }

  <T> T fromTransaction(Function<Session, T> work) {
    return sessionFactory.fromTransaction(work);
  }

  /** A new JDBC connection to the database, that no Hibernate cache sees. */
  Connection jdbc() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  /** An author with books of the given ISBNs, committed; returns the author's id. */
  long createAuthor(String name, String... isbns) {
    return fromTransaction(session -> {
      Author author = new Author(name);
      session.persist(author);
      for (String isbn : isbns) {
        session.persist(new Book(isbn, "Title of " + isbn, author));
      }
      return author.getId();
    });
  }

  long bookId(String isbn) {
    return fromTransaction(session -> session.createQuery("select b.id from Book b where b.isbn = :isbn", Long.class)
        .setParameter("isbn", isbn).getSingleResult());
  }

  @Override
  public void close() {
    try {
      sessionFactory.close();
    } finally {
      StandardServiceRegistryBuilder.destroy(registry);
      try (Connection connection = jdbc()) {
        connection.createStatement().execute("SHUTDOWN");
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop the test database " + url, e);
      }
    }
  }
}
