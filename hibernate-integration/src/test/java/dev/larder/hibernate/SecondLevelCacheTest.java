package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.AUTHOR_REGION;
import static dev.larder.hibernate.TestHibernate.BOOKS_COLLECTION_REGION;
import static dev.larder.hibernate.TestHibernate.BOOK_NATURAL_ID_REGION;
import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.LarderCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entities, collections, natural ids and cacheable queries served by Larder, and kept fresh by writes. */
class SecondLevelCacheTest {

  private static final String BY_AUTHOR =
      "select b from Book b where b.author.name = :name order by b.isbn";

  private TestHibernate hibernate;
  private Statistics statistics;
  private long authorId;
  private long bookId;

  @BeforeEach
  void createData() {
    hibernate = TestHibernate.withLarder();
    statistics = hibernate.statistics();
    authorId = hibernate.createAuthor("Le Guin", "isbn-1", "isbn-2", "isbn-3");
    bookId = hibernate.bookId("isbn-1");
    statistics.clear();
  }

  @AfterEach
  void close() {
    hibernate.close();
  }

  @Test
  void entityLoadedInOneSessionIsServedFromLarderInTheNext() {
    hibernate.inTransaction(session -> session.find(Book.class, bookId));
    long statements = statistics.getPrepareStatementCount();
    long hits = statistics.getDomainDataRegionStatistics(BOOK_REGION).getHitCount();

    String title = hibernate.fromTransaction(session -> session.find(Book.class, bookId).getTitle());

    assertThat(title).isEqualTo("Title of isbn-1");
    assertThat(statistics.getPrepareStatementCount()).isEqualTo(statements);
    assertThat(statistics.getDomainDataRegionStatistics(BOOK_REGION).getHitCount()).isEqualTo(hits + 1);
    assertThat(hibernate.regionCache(BOOK_REGION).unwrap(LarderCache.class)).isNotNull();
  }

  @Test
  void collectionLoadedInOneSessionIsServedFromLarderInTheNext() {
    hibernate.inTransaction(session -> session.find(Author.class, authorId).getBooks().size());
    long statements = statistics.getPrepareStatementCount();
    long collectionHits = statistics.getDomainDataRegionStatistics(BOOKS_COLLECTION_REGION).getHitCount();

    List<String> isbns = hibernate.fromTransaction(session ->
        session.find(Author.class, authorId).getBooks().stream().map(Book::getIsbn).toList());

    assertThat(isbns).containsExactly("isbn-1", "isbn-2", "isbn-3");
    assertThat(statistics.getPrepareStatementCount()).isEqualTo(statements);
    assertThat(statistics.getDomainDataRegionStatistics(BOOKS_COLLECTION_REGION).getHitCount())
        .isEqualTo(collectionHits + 1);
    assertThat(statistics.getDomainDataRegionStatistics(AUTHOR_REGION).getHitCount()).isPositive();
  }

  @Test
  void naturalIdResolvedInOneSessionIsServedFromLarderInTheNext() {
    hibernate.inTransaction(session -> session.bySimpleNaturalId(Book.class).load("isbn-2"));
    long statements = statistics.getPrepareStatementCount();
    long naturalIdHits = statistics.getNaturalIdCacheHitCount();

    Book book = hibernate.fromTransaction(session -> session.bySimpleNaturalId(Book.class).load("isbn-2"));

    assertThat(book.getIsbn()).isEqualTo("isbn-2");
    assertThat(statistics.getPrepareStatementCount()).isEqualTo(statements);
    assertThat(statistics.getNaturalIdCacheHitCount()).isEqualTo(naturalIdHits + 1);
    assertThat(statistics.getDomainDataRegionStatistics(BOOK_NATURAL_ID_REGION).getHitCount()).isPositive();
  }

  @Test
  void cacheableQueryHitsUntilAnUpdateOfItsTableInvalidatesIt() {
    assertThat(titlesByAuthor()).hasSize(3);
    long statements = statistics.getPrepareStatementCount();

    assertThat(titlesByAuthor()).hasSize(3);
    assertThat(statistics.getQueryCacheHitCount()).isEqualTo(1);
    assertThat(statistics.getPrepareStatementCount()).isEqualTo(statements);

    hibernate.inTransaction(session -> session.find(Book.class, bookId).setTitle("Changed"));
    long missesBefore = statistics.getQueryCacheMissCount();

    assertThat(titlesByAuthor()).contains("Changed");
    assertThat(statistics.getQueryCacheHitCount()).isEqualTo(1);
    assertThat(statistics.getQueryCacheMissCount()).isEqualTo(missesBefore + 1);
  }

  private List<String> titlesByAuthor() {
    return hibernate.fromTransaction(session -> session.createQuery(BY_AUTHOR, Book.class)
        .setParameter("name", "Le Guin")
        .setCacheable(true)
        .getResultList().stream().map(Book::getTitle).toList());
  }

  @Test
  void committedUpdateIsSeenByTheNextSession() {
    hibernate.inTransaction(session -> session.find(Book.class, bookId));
    hibernate.inTransaction(session -> session.find(Book.class, bookId).setTitle("Second edition"));

    Book book = hibernate.fromTransaction(session -> session.find(Book.class, bookId));

    assertThat(book.getTitle()).isEqualTo("Second edition");
    assertThat(book.getVersion()).isEqualTo(1);
    assertThat(titleInDatabase(bookId)).isEqualTo("Second edition");
  }

  @Test
  void committedDeleteIsSeenByTheNextSession() {
    hibernate.inTransaction(session -> session.find(Book.class, bookId));
    hibernate.inTransaction(session -> {
      Book book = session.find(Book.class, bookId);
      book.getAuthor().getBooks().remove(book);
      session.remove(book);
    });

    Book byId = hibernate.fromTransaction(session -> session.find(Book.class, bookId));
    Book byIsbn = hibernate.fromTransaction(session -> session.bySimpleNaturalId(Book.class).load("isbn-1"));
    assertThat(byId).isNull();
    assertThat(byIsbn).isNull();
    assertThat(hibernate.fromTransaction((Session session) ->
        session.find(Author.class, authorId).getBooks().stream().map(Book::getIsbn).toList()))
        .containsExactly("isbn-2", "isbn-3");
  }

  private String titleInDatabase(long id) {
    try (Connection connection = hibernate.jdbc();
        PreparedStatement select = connection.prepareStatement("select title from Book where id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("row of book %s", id).isTrue();
        return row.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
