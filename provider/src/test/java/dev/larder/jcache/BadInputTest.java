package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings({"unchecked", "rawtypes"})
class BadInputTest {

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private Cache<String, Integer> typedCache() {
    return manager.createCache("typed", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class));
  }

  @Test
  void nullKeyIsRejectedWithNullPointerException() {
    Cache<String, Integer> cache = typedCache();
    assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.put(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.remove(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.containsKey(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.invoke(null, (entry, args) -> null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void nullValueIsRejectedWithNullPointerException() {
    Cache<String, Integer> cache = typedCache();
    assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.putIfAbsent("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.replace("k", 1, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.getAndPut("k", null)).isInstanceOf(NullPointerException.class);
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void nullArgumentIsRejectedWithNullPointerException() {
    Cache<String, Integer> cache = typedCache();
    assertThatThrownBy(() -> cache.getAll(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.putAll(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.invoke("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.registerCacheEntryListener(null)).isInstanceOf(NullPointerException.class);
    Set<String> withNull = new HashSet<>();
    withNull.add(null);
    assertThatThrownBy(() -> cache.removeAll(withNull)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void putAllWithANullValueStoresNothing() {
    Cache<String, Integer> cache = typedCache();
    Map<String, Integer> entries = new java.util.HashMap<>();
    entries.put("a", 1);
    entries.put("b", null);

    assertThatThrownBy(() -> cache.putAll(entries)).isInstanceOf(NullPointerException.class);
    assertThat(cache.containsKey("a")).isFalse();
  }

  @Test
  void valueOfTheWrongTypeIsRejectedWithClassCastException() {
    Cache raw = typedCache();
    assertThatThrownBy(() -> raw.put("k", "not an integer"))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> raw.put(42, 1)).isInstanceOf(ClassCastException.class);
    assertThat(raw.containsKey("k")).isFalse();
  }

  @Test
  void closedCacheRejectsEveryCallWithIllegalStateException() {
    Cache<String, Integer> cache = typedCache();
    cache.close();

    assertThat(cache.isClosed()).isTrue();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.put("k", 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(cache::iterator).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(cache::clear).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closedManagerRejectsEveryCallWithIllegalStateException() {
    manager.close();

    assertThatThrownBy(() -> manager.getCache("typed")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> manager.createCache("x", new MutableConfiguration<>()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(manager::getCacheNames).isInstanceOf(IllegalStateException.class);
  }

  /** A loader that always fails. */
  static final class FailingLoader implements CacheLoader<String, Integer>, Serializable {
    @Override
    public Integer load(String key) {
      throw new IllegalStateException("database down");
    }

    @Override
    public Map<String, Integer> loadAll(Iterable<? extends String> keys) {
      throw new IllegalStateException("database down");
    }
  }

  @Test
  void throwingLoaderGivesCacheLoaderExceptionAndCachesNothing() {
    Cache<String, Integer> cache = manager.createCache("loading", new MutableConfiguration<String, Integer>()
        .setReadThrough(true)
        .setCacheLoaderFactory(FailingLoader::new));

    assertThatThrownBy(() -> cache.get("k"))
        .isInstanceOf(CacheLoaderException.class)
        .hasRootCauseMessage("database down");
    assertThatThrownBy(() -> cache.getAll(Set.of("k"))).isInstanceOf(CacheLoaderException.class);
    assertThat(cache.containsKey("k")).isFalse();
  }

  /** A writer that always fails and counts its calls. */
  static final class FailingWriter implements CacheWriter<String, Integer>, Serializable {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
      CALLS.incrementAndGet();
      throw new IllegalStateException("database down");
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
      CALLS.incrementAndGet();
      throw new IllegalStateException("database down");
    }

    @Override
    public void delete(Object key) {
      CALLS.incrementAndGet();
      throw new IllegalStateException("database down");
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      CALLS.incrementAndGet();
      throw new IllegalStateException("database down");
    }
  }

  @Test
  void throwingWriterGivesCacheWriterExceptionAndLeavesTheCacheUnchanged() {
    MutableConfiguration<String, Integer> configuration = new MutableConfiguration<String, Integer>()
        .setWriteThrough(true)
        .setCacheWriterFactory(FailingWriter::new);
    Cache<String, Integer> cache = manager.createCache("writing", configuration);
    Cache<String, Integer> seeded = cache.unwrap(LarderCache.class);

    assertThatThrownBy(() -> cache.put("k", 1)).isInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("k")).isFalse();
    assertThatThrownBy(() -> cache.putAll(Map.of("a", 1, "b", 2))).isInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("a")).isFalse();
    assertThat(seeded.iterator().hasNext()).isFalse();
    assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> {
      entry.setValue(5);
      return null;
    })).isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("k")).isFalse();
    assertThat(FailingWriter.CALLS).hasPositiveValue();
  }
}
