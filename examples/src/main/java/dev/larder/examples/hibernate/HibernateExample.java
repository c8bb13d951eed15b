package dev.larder.examples.hibernate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * Hibernate with Larder as its second-level cache, on an embedded H2 database. One setting switches
 * Larder on: {@code hibernate.cache.region.factory_class=larder}.
 *
 * <p>The program stores a small library, then plays the same reads (books by id, by ISBN, an author's
 * books, a cached query) through new sessions, as a web application would per request: once with the
 * second-level cache and once without. It prints Larder's hits and misses and how many SQL statements
 * the cache saved, for example:
 *
 * <pre>
 * Second-level cache (Larder): 308 hits, 3 misses, 3 puts; query cache: 19 hits
 * SQL statements for 20 rounds of reads: 160 without the cache, 4 with Larder: 156 saved
 * </pre>
 *
 * <p>{@code HibernateExampleTest} runs it.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class HibernateExample {

  private static final int ROUNDS = 20;

  /** What one run measured. */
  public record Result(long hits, long misses, long puts, long statementsWithCache, long statementsWithoutCache) {
    /** The SQL statements the second-level cache saved. */
    public long statementsSaved() {
      return statementsWithoutCache - statementsWithCache;
    }
  }

  private HibernateExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing its report to {@code out}. */
  public static Result run(PrintStream out) {
    long withoutCache;
    try (SessionFactory plain = sessionFactory(false)) {
      withoutCache = playReads(plain).getPrepareStatementCount();
    }
    try (SessionFactory cached = sessionFactory(true)) {
      Statistics statistics = playReads(cached);
      Result result = new Result(statistics.getSecondLevelCacheHitCount(), statistics.getSecondLevelCacheMissCount(),
          statistics.getSecondLevelCachePutCount(), statistics.getPrepareStatementCount(), withoutCache);
      out.printf("Second-level cache (Larder): %d hits, %d misses, %d puts; query cache: %d hits%n",
          result.hits(), result.misses(), result.puts(), statistics.getQueryCacheHitCount());
      out.printf("SQL statements for %d rounds of reads: %d without the cache, %d with Larder: %d saved%n",
          ROUNDS, result.statementsWithoutCache(), result.statementsWithCache(), result.statementsSaved());
      return result;
    }
  }

  private static SessionFactory sessionFactory(boolean secondLevelCache) {
    Configuration configuration = new Configuration()
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        .setProperty("hibernate.connection.url", "jdbc:h2:mem:" + UUID.randomUUID())
        .setProperty("hibernate.connection.username", "sa")
        .setProperty("hibernate.connection.password", "")
        .setProperty("hibernate.hbm2ddl.auto", "create-drop")
        .setProperty("hibernate.generate_statistics", "true");
    if (secondLevelCache) {
      configuration.setProperty("hibernate.cache.region.factory_class", "larder")
          .setProperty("hibernate.cache.use_query_cache", "true");
    } else {
      configuration.setProperty("hibernate.cache.use_second_level_cache", "false");
    }
    return configuration.buildSessionFactory();
  }

  /** Stores the library, then reads it {@link #ROUNDS} times; returns the statistics of the reads alone. */
  private static Statistics playReads(SessionFactory sessionFactory) {
    List<Long> authorIds = new ArrayList<>();
    sessionFactory.inTransaction(session -> {
      for (String name : List.of("Ursula K. Le Guin", "Italo Calvino", "Stanislaw Lem")) {
        Author author = new Author(name);
        session.persist(author);
        authorIds.add(author.getId());
        for (int i = 1; i <= 3; i++) {
          session.persist(new Book(name.charAt(0) + "-" + i, name + ", book " + i, author));
        }
      }
    });
    Statistics statistics = sessionFactory.getStatistics();
    statistics.clear();
    for (int round = 0; round < ROUNDS; round++) {
      for (long authorId : authorIds) {
        sessionFactory.inTransaction(session -> session.find(Author.class, authorId).getBooks().size());
      }
      sessionFactory.inTransaction(session -> session.bySimpleNaturalId(Book.class).load("I-2"));
      sessionFactory.inTransaction(session -> session
          .createQuery("select b from Book b where b.author.name = :name order by b.isbn", Book.class)
          .setParameter("name", "Stanislaw Lem")
          .setCacheable(true)
          .getResultList());
    }
    return statistics;
  }
}
