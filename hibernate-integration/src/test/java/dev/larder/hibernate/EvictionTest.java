package dev.larder.hibernate;

import static dev.larder.hibernate.TestHibernate.BOOKS_COLLECTION_REGION;
import static dev.larder.hibernate.TestHibernate.BOOK_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.LarderCache;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import org.hibernate.cache.internal.DefaultCacheKeysFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evictions asked of {@code SessionFactory.getCache()} reach the Larder caches behind the regions. */
class EvictionTest {

  private TestHibernate hibernate;
  private long firstAuthor;
  private long secondAuthor;
  private long bookId;

  @BeforeEach
  void fillTheCaches() {
    hibernate = TestHibernate.withLarder();
    firstAuthor = hibernate.createAuthor("Calvino", "c-1", "c-2");
    secondAuthor = hibernate.createAuthor("Borges", "b-1");
    bookId = hibernate.bookId("c-1");
    hibernate.inTransaction(session -> {
      session.find(Author.class, firstAuthor).getBooks().size();
      session.find(Author.class, secondAuthor).getBooks().size();
    });
    assertThat(entityIdsIn(BOOK_REGION)).hasSize(3);
    assertThat(keysIn(BOOKS_COLLECTION_REGION)).hasSize(2);
  }

  @AfterEach
  void close() {
    hibernate.close();
  }

  @Test
  void evictingAnEntityRemovesItsEntryFromLarder() {
    hibernate.sessionFactory().getCache().evictEntityData(Book.class, bookId);

    List<Object> ids = entityIdsIn(BOOK_REGION);
    assertThat(ids).hasSize(2).doesNotContain(bookId);
  }

  @Test
  void evictingACollectionRoleEmptiesItsLarderCache() {
    hibernate.sessionFactory().getCache().evictCollectionData(BOOKS_COLLECTION_REGION);

    assertThat(keysIn(BOOKS_COLLECTION_REGION)).isEmpty();
    assertThat(entityIdsIn(BOOK_REGION)).hasSize(3);
  }

  @Test
  void evictingARegionEmptiesItsLarderCache() {
    hibernate.sessionFactory().getCache().evictRegion(BOOK_REGION);

    assertThat(keysIn(BOOK_REGION)).isEmpty();
    assertThat(larderCache(BOOK_REGION).estimatedSize()).isZero();
    assertThat(keysIn(BOOKS_COLLECTION_REGION)).hasSize(2);
  }

  private LarderCache<?, ?> larderCache(String region) {
    return hibernate.regionCache(region).unwrap(LarderCache.class);
  }

  private List<Object> keysIn(String region) {
    List<Object> keys = new ArrayList<>();
    for (Cache.Entry<Object, Object> entry : hibernate.regionCache(region)) {
      keys.add(entry.getKey());
    }
    return keys;
  }

  private List<Object> entityIdsIn(String region) {
    return keysIn(region).stream().map(DefaultCacheKeysFactory::staticGetEntityId).toList();
  }
}
