package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.configuration.LarderConfiguration;
import java.io.Closeable;
import java.io.Serializable;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  /** Every Cache method the spec says throws IllegalStateException once the cache is closed. */
  static Stream<Arguments> cacheCalls() {
    MutableCacheEntryListenerConfiguration<String, Integer> listener =
        new MutableCacheEntryListenerConfiguration<>(RecordingCreated::new, null, false, true);
    EntryProcessor<String, Integer, Object> processor = (entry, args) -> null;
    return Stream.of(
        call("get", cache -> cache.get("k")),
        call("getAll", cache -> cache.getAll(Set.of("k"))),
        call("containsKey", cache -> cache.containsKey("k")),
        call("loadAll", cache -> cache.loadAll(Set.of("k"), false, null)),
        call("put", cache -> cache.put("k", 1)),
        call("getAndPut", cache -> cache.getAndPut("k", 1)),
        call("putAll", cache -> cache.putAll(Map.of("k", 1))),
        call("putIfAbsent", cache -> cache.putIfAbsent("k", 1)),
        call("remove(key)", cache -> cache.remove("k")),
        call("remove(key, value)", cache -> cache.remove("k", 1)),
        call("getAndRemove", cache -> cache.getAndRemove("k")),
        call("replace(key, old, new)", cache -> cache.replace("k", 1, 2)),
        call("replace(key, value)", cache -> cache.replace("k", 1)),
        call("getAndReplace", cache -> cache.getAndReplace("k", 1)),
        call("removeAll(keys)", cache -> cache.removeAll(Set.of("k"))),
        call("removeAll()", Cache::removeAll),
        call("clear", Cache::clear),
        call("invoke", cache -> cache.invoke("k", processor)),
        call("invokeAll", cache -> cache.invokeAll(Set.of("k"), processor)),
        call("registerCacheEntryListener", cache -> cache.registerCacheEntryListener(listener)),
        call("deregisterCacheEntryListener", cache -> cache.deregisterCacheEntryListener(listener)),
        call("iterator", Cache::iterator));
  }

  private static Arguments call(String name, ThrowingConsumer<Cache<String, Integer>> call) {
    return Arguments.of(name, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cacheCalls")
  void closedCacheRejectsEveryCallWithIllegalStateException(String name, ThrowingConsumer<Cache<String, Integer>> call) {
    Cache<String, Integer> cache = typedCache();
    cache.close();

    assertThat(cache.isClosed()).isTrue();
    assertThatThrownBy(() -> call.accept(cache)).as(name).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closedCacheStillAnswersWhatTheSpecAllows() {
    Cache<String, Integer> cache = typedCache();
    cache.close();

    assertThat(cache.getName()).isEqualTo("typed");
    assertThat(cache.getCacheManager()).isSameAs(manager);
    assertThat(cache.unwrap(LarderCache.class)).isSameAs(cache);
    assertThat(cache.getConfiguration(MutableConfiguration.class).getKeyType()).isEqualTo(String.class);
    cache.close();
    assertThat(cache.isClosed()).isTrue();
  }

  @Test
  void iteratorTakenBeforeCloseStopsAfterIt() {
    Cache<String, Integer> cache = typedCache();
    cache.put("a", 1);
    cache.put("b", 2);
    Iterator<Cache.Entry<String, Integer>> iterator = cache.iterator();
    iterator.next();

    cache.close();

    assertThatThrownBy(iterator::hasNext).isInstanceOf(IllegalStateException.class);
  }

  /** Every CacheManager method the spec says throws IllegalStateException once the manager is closed. */
  static Stream<Arguments> managerCalls() {
    return Stream.of(
        Arguments.of("createCache", (ThrowingConsumer<CacheManager>) m -> m.createCache("x", new MutableConfiguration<>())),
        Arguments.of("getCache(name)", (ThrowingConsumer<CacheManager>) m -> m.getCache("typed")),
        Arguments.of("getCache(name, types)", (ThrowingConsumer<CacheManager>) m -> m.getCache("typed", String.class, Integer.class)),
        Arguments.of("getCacheNames", (ThrowingConsumer<CacheManager>) CacheManager::getCacheNames),
        Arguments.of("destroyCache", (ThrowingConsumer<CacheManager>) m -> m.destroyCache("typed")),
        Arguments.of("enableManagement", (ThrowingConsumer<CacheManager>) m -> m.enableManagement("typed", true)),
        Arguments.of("enableStatistics", (ThrowingConsumer<CacheManager>) m -> m.enableStatistics("typed", true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("managerCalls")
  void closedManagerRejectsEveryCallWithIllegalStateException(String name, ThrowingConsumer<CacheManager> call) {
    typedCache();
    manager.close();

    assertThat(manager.isClosed()).isTrue();
    assertThatThrownBy(() -> call.accept(manager)).as(name).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closedManagerStillAnswersWhatTheSpecAllows() {
    manager.close();

    assertThat(manager.getURI()).isNotNull();
    assertThat(manager.getCachingProvider()).isNotNull();
    assertThat(manager.getProperties()).isNotNull();
    assertThat(manager.unwrap(LarderCacheManager.class)).isSameAs(manager);
    manager.close();
    assertThat(manager.isClosed()).isTrue();
  }

  /** A created-listener that does nothing, for registration calls. */
  static final class RecordingCreated implements CacheEntryCreatedListener<String, Integer>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(event -> { });
    }
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

  /** A writer that fails on keys starting with "bad" (every batch holding one) and counts its calls. */
  static final class FailingWriter implements CacheWriter<String, Integer>, Serializable {
    static final AtomicInteger CALLS = new AtomicInteger();

    private static void check(Object key) {
      CALLS.incrementAndGet();
      if (key.toString().startsWith("bad")) {
        throw new IllegalStateException("database refuses " + key);
      }
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
      check(entry.getKey());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
      entries.forEach(entry -> check(entry.getKey()));
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      check(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(FailingWriter::check);
      keys.clear();
    }
  }

  /** A writer that fails on every call to delete or write "k" (the seeded key) once told to. */
  static final class FailsOnK implements CacheWriter<String, Integer>, Serializable {
    static volatile boolean failing;

    private static void check(Object key) {
      if (failing && key.equals("k")) {
        throw new IllegalStateException("database refuses k");
      }
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
      check(entry.getKey());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
      entries.forEach(entry -> check(entry.getKey()));
    }

    @Override
    public void delete(Object key) {
      check(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(FailsOnK::check);
    }
  }

  static Stream<Arguments> failingWrites() {
    return Stream.of(
        write("put", cache -> cache.put("k", 2)),
        write("putAll", cache -> cache.putAll(Map.of("k", 2))),
        write("getAndPut", cache -> cache.getAndPut("k", 2)),
        write("replace(key, value)", cache -> cache.replace("k", 2)),
        write("replace(key, old, new)", cache -> cache.replace("k", 1, 2)),
        write("getAndReplace", cache -> cache.getAndReplace("k", 2)),
        write("remove(key)", cache -> cache.remove("k")),
        write("remove(key, value)", cache -> cache.remove("k", 1)),
        write("getAndRemove", cache -> cache.getAndRemove("k")),
        write("removeAll(keys)", cache -> cache.removeAll(Set.of("k"))),
        write("removeAll()", Cache::removeAll));
  }

  private static Arguments write(String name, ThrowingConsumer<Cache<String, Integer>> call) {
    return Arguments.of(name, call);
  }

  private Cache<String, Integer> seededWriteThroughCache() {
    FailsOnK.failing = false;
    Cache<String, Integer> cache = manager.createCache("writing", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .setWriteThrough(true)
        .setCacheWriterFactory(FailsOnK::new));
    cache.put("k", 1);
    FailsOnK.failing = true;
    return cache;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingWrites")
  void throwingWriterGivesCacheWriterExceptionAndLeavesTheCacheUnchanged(String name,
      ThrowingConsumer<Cache<String, Integer>> call) {
    Cache<String, Integer> cache = seededWriteThroughCache();

    assertThatThrownBy(() -> call.accept(cache)).as(name).isInstanceOf(CacheWriterException.class);
    FailsOnK.failing = false;
    assertThat(cache.get("k")).as(name).isEqualTo(1);
  }

  static Stream<Arguments> failingProcessors() {
    EntryProcessor<String, Integer, Object> setter = (entry, args) -> {
      entry.setValue(2);
      return null;
    };
    EntryProcessor<String, Integer, Object> remover = (entry, args) -> {
      entry.remove();
      return null;
    };
    return Stream.of(Arguments.of("setValue", setter), Arguments.of("remove", remover));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingProcessors")
  void throwingWriterFailsAnEntryProcessorAndLeavesTheCacheUnchanged(String name,
      EntryProcessor<String, Integer, Object> processor) {
    Cache<String, Integer> cache = seededWriteThroughCache();

    assertThatThrownBy(() -> cache.invoke("k", processor)).as(name)
        .isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(CacheWriterException.class);
    assertThat(cache.invokeAll(Set.of("k"), processor).get("k")).isNotNull()
        .satisfies(result -> assertThatThrownBy(result::get).isInstanceOf(EntryProcessorException.class));
    FailsOnK.failing = false;
    assertThat(cache.get("k")).as(name).isEqualTo(1);
  }

  @Test
  void throwingWriterInABatchStoresOnlyWhatItWrote() {
    Cache<String, Integer> cache = manager.createCache("batch", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .setWriteThrough(true)
        .setCacheWriterFactory(FailingWriter::new));

    Map<String, Integer> entries = new java.util.LinkedHashMap<>();
    entries.put("good", 1);
    entries.put("bad", 2);
    assertThatThrownBy(() -> cache.putAll(entries)).isInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("bad")).isFalse();
    assertThat(FailingWriter.CALLS).hasPositiveValue();
  }

  /** A loader that fails on key "bad" and loads every other key as its length. */
  static final class FailsOnBad implements CacheLoader<String, Integer>, Serializable {
    @Override
    public Integer load(String key) {
      if (key.equals("bad")) {
        throw new IllegalStateException("database refuses bad");
      }
      return key.length();
    }

    @Override
    public Map<String, Integer> loadAll(Iterable<? extends String> keys) {
      Map<String, Integer> loaded = new java.util.HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  @Test
  void loaderFailingOnOneKeyLeavesNothingCached() throws Exception {
    Cache<String, Integer> cache = manager.createCache("partly", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .setReadThrough(true)
        .setCacheLoaderFactory(FailsOnBad::new));

    assertThatThrownBy(() -> cache.get("bad")).isInstanceOf(CacheLoaderException.class);
    assertThatThrownBy(() -> cache.getAll(Set.of("good", "bad"))).isInstanceOf(CacheLoaderException.class);
    CompletableFuture<Exception> outcome = new CompletableFuture<>();
    cache.loadAll(Set.of("good", "bad"), false, new CompletionListener() {
      @Override
      public void onCompletion() {
        outcome.complete(null);
      }

      @Override
      public void onException(Exception e) {
        outcome.complete(e);
      }
    });

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(CacheLoaderException.class);
    assertThat(cache.containsKey("good")).isFalse();
    assertThat(cache.containsKey("bad")).isFalse();
  }

  /** A writer that accepts everything and counts how often it was closed. */
  public static final class CloseableWriter implements CacheWriter<String, Integer>, Closeable, Serializable {
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final AtomicInteger WRITES = new AtomicInteger();

    @Override
    public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
      WRITES.incrementAndGet();
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      WRITES.incrementAndGet();
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  @Test
  void cacheWhoseConstructionFailsClosesWhatItAlreadyCreated() {
    int closedBefore = CloseableWriter.CLOSED.get();
    LarderConfiguration<String, Integer> configuration = new LarderConfiguration<>();
    configuration.setTypes(String.class, Integer.class)
        .setWriteThrough(true)
        .setCacheWriterFactory(CloseableWriter::new);
    configuration.setMaximumWeight(100);

    assertThatThrownBy(() -> manager.createCache("unweighed", configuration))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weigherFactory");
    assertThat(CloseableWriter.CLOSED.get()).isEqualTo(closedBefore + 1);
    assertThat(manager.getCache("unweighed")).isNull();
  }
}
