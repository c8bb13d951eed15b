package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteAroundTest {

  /** The system of record, shared by the loader and the writer. */
  private static final Map<String, String> DATABASE = new ConcurrentHashMap<>();

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void clean() {
    manager.close();
    DATABASE.clear();
  }

  static final class DatabaseLoader implements CacheLoader<String, String>, Serializable {
    @Override
    public String load(String key) {
      return DATABASE.get(key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> found = new HashMap<>();
      keys.forEach(key -> {
        if (DATABASE.containsKey(key)) {
          found.put(key, DATABASE.get(key));
        }
      });
      return found;
    }
  }

  static final class DatabaseWriter implements CacheWriter<String, String>, Serializable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      DATABASE.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (var it = entries.iterator(); it.hasNext(); ) {
        write(it.next());
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {
      DATABASE.remove(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(DATABASE::remove);
      keys.clear();
    }
  }

  private Cache<String, String> cache() {
    LarderConfiguration<String, String> configuration = new LarderConfiguration<String, String>()
        .setReadThrough(true)
        .setWriteThrough(true)
        .setCacheLoaderFactory(DatabaseLoader::new)
        .setCacheWriterFactory(DatabaseWriter::new)
        .setWriteMode(WriteMode.AROUND);
    return manager.createCache("around", configuration);
  }

  @Test
  void putWritesToTheWriterButNeverStores() {
    Cache<String, String> cache = cache();

    cache.put("k", "v");

    assertThat(DATABASE).containsEntry("k", "v");
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void putInvalidatesAnEntryCachedBefore() {
    Cache<String, String> cache = cache();
    DATABASE.put("k", "old");
    assertThat(cache.get("k")).isEqualTo("old");
    assertThat(cache.containsKey("k")).isTrue();

    cache.put("k", "new");

    assertThat(cache.containsKey("k")).isFalse();
    assertThat(cache.get("k")).as("the next read loads the written value").isEqualTo("new");
  }

  @Test
  void putAllWritesEveryEntryAndStoresNone() {
    Cache<String, String> cache = cache();

    cache.putAll(Map.of("a", "1", "b", "2"));

    assertThat(DATABASE).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(cache.containsKey("a")).isFalse();
    assertThat(cache.containsKey("b")).isFalse();
  }

  /** Reads the database, then waits for the test before answering: a load slower than a write. */
  static final class StalledLoader implements CacheLoader<String, String>, Serializable {
    static final CountDownLatch READ = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Override
    public String load(String key) {
      String value = DATABASE.get(key);
      READ.countDown();
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return value;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException("not used");
    }
  }

  @Test
  void aLoadThatRacesAWriteDoesNotCacheTheOlderValue() throws Exception {
    Cache<String, String> cache = manager.createCache("racing", new LarderConfiguration<String, String>()
        .setReadThrough(true)
        .setWriteThrough(true)
        .setCacheLoaderFactory(StalledLoader::new)
        .setCacheWriterFactory(DatabaseWriter::new)
        .setWriteMode(WriteMode.AROUND));
    DATABASE.put("k", "old");
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> cache.get("k"));
    assertThat(StalledLoader.READ.await(30, TimeUnit.SECONDS)).isTrue();

    cache.put("k", "new");
    StalledLoader.RELEASE.countDown();

    assertThat(reader.get(30, TimeUnit.SECONDS)).as("the read began before the write").isEqualTo("old");
    assertThat(cache.containsKey("k")).as("the older value was not cached").isFalse();
    assertThat(DATABASE).containsEntry("k", "new");
  }
}
