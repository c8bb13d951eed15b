package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.stat.CacheRegionStatistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writers update versioned books (optimistic locking, retried) while readers read them through new
 * sessions with {@link CacheMode#NORMAL}, so that a reader's miss puts the state it loaded into the cache
 * ({@code putFromLoad}) while writers update the same books. Larder must never let a reader see a state
 * that was not committed, nor hold a state newer than the database, and once the writers stop every book
 * read through the cache equals its row. Under read-write, versions a reader sees never go backwards
 * either: Hibernate's soft locks and version comparison refuse an older {@code putFromLoad}, and Larder
 * must apply that decision atomically. Under non-strict read-write, a slow reader may put back the state
 * it loaded before a commit, so versions may go backwards and a book may stay older than its row until
 * its next update: there the cache must still hold only committed states never newer than the database,
 * and equal the database once each book is updated again with no reader running.
 *
 * <p>Writers read with {@link CacheMode#GET}; the cache is filled before the run and after it. Each run
 * prints its conflicts and the book region's hits, misses and puts as Hibernate and Larder count them.
 */
class ConcurrentReadWriteTest {

  private static final int BOOKS = 16;
  private static final int WRITERS = 3;
  private static final int READERS = 3;
  private static final int WRITES_PER_WRITER = 120;
  private static final int READS_PER_READER = 300;
  private static final int MAX_ATTEMPTS = 500;

  /** A state of a book: what a reader saw or a writer committed. */
  private record State(long id, int version, String title, int stock) {
    static State of(Book book) {
      return new State(book.getId(), book.getVersion(), book.getTitle(), book.getStock());
    }
  }

  @ParameterizedTest
  @EnumSource(value = AccessType.class, names = {"READ_WRITE", "NONSTRICT_READ_WRITE"})
  void readersSeeOnlyCommittedStatesAndTheCacheEndsEqualToTheDatabase(AccessType strategy) throws Exception {
    try (TestHibernate hibernate = TestHibernate.withLarder(strategy)) {
      List<Long> ids = createBooks(hibernate);
      Set<State> committed = ConcurrentHashMap.newKeySet();
      ids.forEach(id -> committed.add(hibernate.fromTransaction(session -> State.of(session.find(Book.class, id)))));
      Queue<State> seen = new ConcurrentLinkedQueue<>();
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger conflicts = new AtomicInteger();
      // Non-strict read-write lets a slow reader put back the state it loaded before a concurrent commit
      // (its putFromLoad compares no version and the writer has already invalidated the entry), so a
      // later read may see an older version than an earlier one; it must still be a committed state and
      // never newer than the database. Read-write must never go backwards.
      boolean versionsNeverGoBackwards = strategy == AccessType.READ_WRITE;
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(WRITERS + READERS);

      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        threads.add(new Thread(() -> run(start, done, failures,
            () -> write(hibernate, ids, writer, committed, conflicts)), "writer-" + w));
      }
      for (int r = 0; r < READERS; r++) {
        int reader = r;
        threads.add(new Thread(() -> run(start, done, failures,
            () -> read(hibernate, ids, reader, seen, versionsNeverGoBackwards)), "reader-" + r));
      }
      threads.forEach(Thread::start);
      start.countDown();
      assertThat(done.await(5, TimeUnit.MINUTES)).as("all threads finished").isTrue();
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(failures).isEmpty();
      assertThat(seen).hasSize(READERS * READS_PER_READER);
      assertThat(committed).containsAll(seen);
      assertThat(totalStock(hibernate)).isEqualTo(WRITERS * WRITES_PER_WRITER);
      int putBack = 0;
      for (long id : ids) {
        State cached = cachedState(hibernate, id);
        State row = row(hibernate, id);
        assertThat(committed).as("book %s in the cache is a committed state", id).contains(cached);
        assertThat(cached.version()).as("book %s in the cache is not newer than the database", id)
            .isLessThanOrEqualTo(row.version());
        if (versionsNeverGoBackwards) {
          assertThat(cached).as("book %s in the cache equals its row", id).isEqualTo(row);
        } else if (!cached.equals(row)) {
          putBack++;
        }
      }
      printCounts(hibernate, strategy, conflicts.get(), putBack);
      if (!versionsNeverGoBackwards) {
        // Non-strict: a reader's put-back after the last commit of a book stays until the next update
        // (EntityNonStrictReadWriteAccess.unlockItem removes the entry; putFromLoad compares no version).
        // So the cache ends equal to the database once each book is updated with no reader running.
        for (long id : ids) {
          committed.add(writeWithRetry(hibernate, id, "settled", conflicts));
        }
        for (long id : ids) {
          assertThat(cachedState(hibernate, id)).as("book %s in the cache equals its row", id).isEqualTo(row(hibernate, id));
        }
      }
    }
  }

  private static void printCounts(TestHibernate hibernate, AccessType strategy, int conflicts, int putBack) {
    CacheRegionStatistics region = hibernate.statistics().getDomainDataRegionStatistics(TestHibernate.BOOK_REGION);
    CacheStatisticsMXBean larder = larderStatistics(TestHibernate.BOOK_REGION);
    System.out.printf("%s: %d conflicts, %d books left older than their row; book region hits/misses/puts:"
        + " Hibernate %d/%d/%d, Larder %d/%d/%d%n", strategy, conflicts, putBack, region.getHitCount(), region.getMissCount(), region.getPutCount(),
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

  private static List<Long> createBooks(TestHibernate hibernate) {
    String[] isbns = new String[BOOKS];
    for (int i = 0; i < BOOKS; i++) {
      isbns[i] = "isbn-" + i;
    }
    hibernate.createAuthor("Many", isbns);
    List<Long> ids = new ArrayList<>();
    for (String isbn : isbns) {
      ids.add(hibernate.bookId(isbn));
    }
    return ids;
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void run(CountDownLatch start, CountDownLatch done, Queue<Throwable> failures, Work work) {
    try {
      start.await();
      work.run();
    } catch (Throwable t) {
      failures.add(t);
    } finally {
      done.countDown();
    }
  }

  private static void write(TestHibernate hibernate, List<Long> ids, int writer, Set<State> committed,
      AtomicInteger conflicts) {
    for (int i = 0; i < WRITES_PER_WRITER; i++) {
      long id = ids.get((writer + i * 5) % ids.size());
      String title = "writer " + writer + " write " + i;
      committed.add(writeWithRetry(hibernate, id, title, conflicts));
    }
  }

  /** One increment of the book's stock, retried until no other writer got in between. */
  private static State writeWithRetry(TestHibernate hibernate, long id, String title, AtomicInteger conflicts) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try (Session session = hibernate.sessionFactory().openSession()) {
        Transaction transaction = session.beginTransaction();
        try {
          Book book = session.find(Book.class, id, CacheMode.GET);
          book.setStock(book.getStock() + 1);
          book.setTitle(title);
          transaction.commit();
          return State.of(book);
        } catch (RuntimeException e) {
          if (transaction.isActive()) {
            transaction.rollback();
          }
          if (!isConflict(e)) {
            throw e;
          }
          conflicts.incrementAndGet();
          last = e;
        }
      }
    }
    throw new AssertionError("book " + id + " could not be updated in " + MAX_ATTEMPTS + " attempts", last);
  }

  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof jakarta.persistence.OptimisticLockException
          || t instanceof org.hibernate.StaleStateException
          || t instanceof jakarta.persistence.PessimisticLockException
          || t instanceof org.hibernate.PessimisticLockException
          || t instanceof jakarta.persistence.LockTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static void read(TestHibernate hibernate, List<Long> ids, int reader, Queue<State> seen,
      boolean versionsNeverGoBackwards) throws SQLException {
    Map<Long, Integer> lastVersion = new HashMap<>();
    try (Connection connection = hibernate.jdbc();
        PreparedStatement versionInDatabase = connection.prepareStatement("select version from Book where id = ?")) {
      for (int i = 0; i < READS_PER_READER; i++) {
        long id = ids.get((reader * 7 + i) % ids.size());
        State state = hibernate.fromTransaction(session -> State.of(session.find(Book.class, id, CacheMode.NORMAL)));
        seen.add(state);
        versionInDatabase.setLong(1, id);
        try (ResultSet row = versionInDatabase.executeQuery()) {
          row.next();
          assertThat(state.version()).as("version read of book %s is not newer than the database", id)
              .isLessThanOrEqualTo(row.getInt(1));
        }
        Integer previous = lastVersion.put(id, state.version());
        if (versionsNeverGoBackwards && previous != null) {
          assertThat(state.version()).as("versions of book %s never go backwards", id).isGreaterThanOrEqualTo(previous);
        }
      }
    }
  }

  private static int totalStock(TestHibernate hibernate) throws SQLException {
    try (Connection connection = hibernate.jdbc();
        ResultSet row = connection.createStatement().executeQuery("select sum(stock) from Book")) {
      row.next();
      return row.getInt(1);
    }
  }

  /** Reads the book twice through new sessions (the second from the cache, no SQL) and returns the second. */
  private static State cachedState(TestHibernate hibernate, long id) {
    hibernate.inTransaction(session -> session.find(Book.class, id));
    long statements = hibernate.statistics().getPrepareStatementCount();
    State cached = hibernate.fromTransaction(session -> State.of(session.find(Book.class, id)));
    assertThat(hibernate.statistics().getPrepareStatementCount()).as("book %s served from the cache", id)
        .isEqualTo(statements);
    return cached;
  }

  /** The book's row, read with JDBC past every cache. */
  private static State row(TestHibernate hibernate, long id) throws SQLException {
    try (Connection connection = hibernate.jdbc();
        PreparedStatement select = connection.prepareStatement("select version, title, stock from Book where id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return new State(id, row.getInt(1), row.getString(2), row.getInt(3));
      }
    }
  }
}
