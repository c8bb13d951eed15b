package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.cache.spi.access.AccessType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writers update versioned books (optimistic locking, retried) while readers read them through new
 * sessions; Larder must never let a reader see a state that was not committed, nor hold a state newer
 * than the database, and once the writers stop every book read through the cache equals its row.
 *
 * <p>Readers read with {@link CacheMode#GET}, writers too: then only Hibernate's update path writes the
 * cache. With {@link CacheMode#NORMAL} a slow reader may put back the state it read before a commit
 * (Hibernate's soft locks allow that when writers overlap, and non-strict read-write always does), and
 * versions would go backwards with any provider. The cache is filled before the run and after it.
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
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(WRITERS + READERS);

      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        threads.add(new Thread(() -> run(start, done, failures,
            () -> write(hibernate, ids, writer, committed)), "writer-" + w));
      }
      for (int r = 0; r < READERS; r++) {
        int reader = r;
        threads.add(new Thread(() -> run(start, done, failures,
            () -> read(hibernate, ids, reader, seen)), "reader-" + r));
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
      for (long id : ids) {
        assertCachedStateEqualsRow(hibernate, id);
      }
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

  private static void write(TestHibernate hibernate, List<Long> ids, int writer, Set<State> committed) {
    for (int i = 0; i < WRITES_PER_WRITER; i++) {
      long id = ids.get((writer + i * 5) % ids.size());
      String title = "writer " + writer + " write " + i;
      committed.add(writeWithRetry(hibernate, id, title));
    }
  }

  /** One increment of the book's stock, retried until no other writer got in between. */
  private static State writeWithRetry(TestHibernate hibernate, long id, String title) {
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

  private static void read(TestHibernate hibernate, List<Long> ids, int reader, Queue<State> seen) throws SQLException {
    Map<Long, Integer> lastVersion = new HashMap<>();
    try (Connection connection = hibernate.jdbc();
        PreparedStatement versionInDatabase = connection.prepareStatement("select version from Book where id = ?")) {
      for (int i = 0; i < READS_PER_READER; i++) {
        long id = ids.get((reader * 7 + i) % ids.size());
        State state = hibernate.fromTransaction(session -> State.of(session.find(Book.class, id, CacheMode.GET)));
        seen.add(state);
        versionInDatabase.setLong(1, id);
        try (ResultSet row = versionInDatabase.executeQuery()) {
          row.next();
          assertThat(state.version()).as("version read of book %s is not newer than the database", id)
              .isLessThanOrEqualTo(row.getInt(1));
        }
        Integer previous = lastVersion.put(id, state.version());
        if (previous != null) {
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

  /** Reads the book twice through new sessions (the second from the cache, no SQL) and compares it to its row. */
  private static void assertCachedStateEqualsRow(TestHibernate hibernate, long id) throws SQLException {
    hibernate.inTransaction(session -> session.find(Book.class, id));
    long statements = hibernate.statistics().getPrepareStatementCount();
    State cached = hibernate.fromTransaction(session -> State.of(session.find(Book.class, id)));
    assertThat(hibernate.statistics().getPrepareStatementCount()).as("book %s served from the cache", id)
        .isEqualTo(statements);

    try (Connection connection = hibernate.jdbc();
        PreparedStatement select = connection.prepareStatement("select version, title, stock from Book where id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(cached).isEqualTo(new State(id, row.getInt(1), row.getString(2), row.getInt(3)));
      }
    }
  }
}
