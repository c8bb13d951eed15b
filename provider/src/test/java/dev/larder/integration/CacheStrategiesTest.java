package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.larder.integration.jdbc.JdbcKeyValueStore;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheWriterException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-through, write-through, write-around and write-behind through the JCache API, on H2. */
class CacheStrategiesTest {

  private static final AtomicInteger MANAGERS = new AtomicInteger();

  @TempDir
  Path dir;

  private DataSource db;
  private JdbcKeyValueStore<String, String> store;
  private CountingLoader<String, String> loader;
  private RecordingWriter<String, String> writer;
  private final List<CacheManager> managers = new ArrayList<>();
  private ExecutorService threads;

  @BeforeEach
  void setUp() {
    db = H2.newInMemory();
    store = H2.stringStore(db);
    loader = new CountingLoader<>(store);
    writer = new RecordingWriter<>(store);
  }

  @AfterEach
  void tearDown() {
    if (loader.gate != null) {
      loader.gate.countDown();
    }
    writer.failing = false;
    writer.failureRate = 0;
    if (threads != null) {
      threads.shutdownNow();
    }
    managers.forEach(CacheManager::close);
  }

  private CacheManager newManager() {
    var provider = Caching.getCachingProvider(LarderCachingProvider.class.getName());
    CacheManager manager = provider.getCacheManager(
        URI.create("larder:integ-" + MANAGERS.incrementAndGet()), getClass().getClassLoader());
    managers.add(manager);
    return manager;
  }

  private LarderConfiguration<String, String> configuration(WriteMode mode) {
    return new LarderConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader))
        .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(writer))
        .setReadThrough(true)
        .setWriteThrough(true)
        .setWriteMode(mode);
  }

  private Cache<String, String> cache(LarderConfiguration<String, String> configuration) {
    return newManager().createCache("items", configuration);
  }

  // ---------------------------------------------------------------- read-through

  @Test
  void thirtyTwoThreadsMissingOneKeyCauseExactlyOneLoaderCall() throws Exception {
    store.write(new WrittenEntry("hot", "from-db"));
    Cache<String, String> cache = cache(configuration(WriteMode.THROUGH));
    loader.gate = new CountDownLatch(1);
    int n = 32;
    threads = Executors.newFixedThreadPool(n);
    var start = new CountDownLatch(1);
    var started = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(threads.submit(() -> {
        synchronized (readers) {
          readers.add(Thread.currentThread());
        }
        start.await();
        started.incrementAndGet();
        return cache.get("hot");
      }));
    }
    start.countDown();
    // Every reader is past the start gate and parked: one in the loader, the others waiting for it.
    await().until(() -> started.get() == n && allWaiting(readers));

    loader.gate.countDown();
    for (Future<String> result : results) {
      assertThat(result.get()).isEqualTo("from-db");
    }
    assertThat(loader.loads.get()).isEqualTo(1);
  }

  private static boolean allWaiting(List<Thread> threads) {
    synchronized (threads) {
      return threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
    }
  }

  // ---------------------------------------------------------------- write-through

  @Test
  void writeThroughStoresInTheDatabaseAndTheCache() {
    Cache<String, String> cache = cache(configuration(WriteMode.THROUGH));
    cache.put("a", "1");
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(loader.loads.get()).isZero();
  }

  @Test
  void writeThroughLeavesTheCacheUnchangedWhenTheWriterThrows() {
    Cache<String, String> cache = cache(configuration(WriteMode.THROUGH));
    cache.put("a", "1");
    writer.failing = true;

    assertThatThrownBy(() -> cache.put("a", "2")).isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.put("b", "1")).isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.remove("a")).isInstanceOf(CacheWriterException.class);

    writer.failing = false;
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(cache.containsKey("b")).isFalse();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  // ---------------------------------------------------------------- write-around

  @Test
  void writeAroundWritesTheDatabaseButNeverStoresOnPut() {
    Cache<String, String> cache = cache(configuration(WriteMode.AROUND));
    cache.put("a", "1");
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
    assertThat(cache.containsKey("a")).isFalse();

    assertThat(cache.get("a")).isEqualTo("1"); // read-through loads it
    assertThat(loader.loads.get()).isEqualTo(1);
    assertThat(cache.containsKey("a")).isTrue();

    cache.put("a", "2"); // invalidates the cached copy instead of replacing it
    assertThat(cache.containsKey("a")).isFalse();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "2"));
    assertThat(cache.get("a")).isEqualTo("2");
    assertThat(loader.loads.get()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- write-behind

  private LarderConfiguration<String, String> behind(WriteBehindSettings settings) {
    return configuration(WriteMode.BEHIND).setWriteBehind(settings);
  }

  @Test
  void writeBehindReadsSeeTheQueuedWriteEvenWhenTheEntryIsGone() {
    store.write(new WrittenEntry("b", "in-db"));
    Cache<String, String> cache = cache(behind(new WriteBehindSettings().setFlushDelay(Duration.ofHours(1))));
    cache.put("a", "1");
    cache.remove("b");
    assertThat(H2.rows(db)).isEqualTo(Map.of("b", "in-db"));

    cache.clear(); // drops the entries without telling the writer, as eviction would
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(cache.get("b")).isNull();
    assertThat(cache.getAll(java.util.Set.of("a", "b"))).isEqualTo(Map.of("a", "1"));
    assertThat(loader.loads.get()).isZero();
    assertThat(loader.loadAlls.get()).isZero();
    assertThat(H2.rows(db)).isEqualTo(Map.of("b", "in-db"));
  }

  @Test
  void writeBehindCoalescesAThousandWritesToTenKeysAndTheDatabaseEndsWithTheLastValues() {
    CacheManager manager = newManager();
    Cache<String, String> cache = manager.createCache("items",
        behind(new WriteBehindSettings().setFlushDelay(Duration.ofHours(1))));
    for (int i = 0; i < 1_000; i++) {
      cache.put("k" + (i % 10), "v" + i);
    }
    manager.close();

    assertThat(writer.batches).hasSize(1);
    Map<String, String> expected = new TreeMap<>();
    for (int k = 0; k < 10; k++) {
      expected.put("k" + k, "v" + (990 + k));
    }
    assertThat(H2.rows(db)).isEqualTo(expected);
  }

  @Test
  void writeBehindLosesNothingThroughAWriterOutage() {
    CacheManager manager = newManager();
    Cache<String, String> cache = manager.createCache("items", behind(new WriteBehindSettings()
        .setFlushDelay(Duration.ofMillis(1)).setBatchSize(25)
        .setRetryInitialBackoff(Duration.ofMillis(1)).setRetryMaxBackoff(Duration.ofMillis(20))));
    writer.failing = true;
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      cache.put("k" + i, "v" + i);
      expected.put("k" + i, "v" + i);
    }
    await().until(() -> writer.batches.size() >= 5); // several failed attempts
    assertThat(H2.rows(db)).isEmpty();
    for (int i = 0; i < 200; i += 2) {
      cache.put("k" + i, "w" + i); // newer writes while the writer is down
      expected.put("k" + i, "w" + i);
    }

    writer.failing = false;
    await().until(() -> H2.rows(db).equals(expected));
    manager.close();
    assertThat(H2.rows(db)).isEqualTo(expected);
  }

  @Test
  void writeBehindKeepsPerKeyOrderUnderAConcurrentPutRemoveStorm() throws Exception {
    storm(new WriteBehindSettings()
        .setFlushDelay(Duration.ZERO).setBatchSize(16)
        .setRetryInitialBackoff(Duration.ofMillis(1)).setRetryMaxBackoff(Duration.ofMillis(5)));
  }

  @Test
  void writeBehindWithAJournalKeepsPerKeyOrderUnderAStormAndRemovesItsFilesWhenDone() throws Exception {
    storm(new WriteBehindSettings()
        .setFlushDelay(Duration.ofMillis(1)).setBatchSize(16)
        .setRetryInitialBackoff(Duration.ofMillis(1)).setRetryMaxBackoff(Duration.ofMillis(5))
        .setJournalPath(dir.resolve("storm.journal")).setJournalSegmentSize(4096)
        .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.NEVER));
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("storm.journal"));
    }
  }

  /** 8 threads put and remove their own keys through the cache while the writer fails 10% of batches. */
  private void storm(WriteBehindSettings settings) throws Exception {
    CacheManager manager = newManager();
    Cache<String, String> cache = manager.createCache("items", behind(settings));
    writer.failureRate = 0.1;
    int threadCount = 8;
    int keysPerThread = 8;
    int opsPerThread = 2_000;
    threads = Executors.newFixedThreadPool(threadCount);
    Map<String, String> expected = new ConcurrentHashMap<>();
    var start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      int thread = t;
      done.add(threads.submit(() -> {
        start.await();
        Map<String, String> last = new HashMap<>();
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < opsPerThread; i++) {
          String key = "t" + thread + "-k" + random.nextInt(keysPerThread);
          if (random.nextInt(4) == 0) {
            cache.remove(key);
            last.put(key, null);
          } else {
            String value = i + "";
            cache.put(key, value);
            last.put(key, value);
          }
        }
        for (Map.Entry<String, String> e : last.entrySet()) {
          assertThat(cache.get(e.getKey())).as("read-your-write of " + e.getKey()).isEqualTo(e.getValue());
          if (e.getValue() != null) {
            expected.put(e.getKey(), e.getValue());
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    writer.failureRate = 0;
    manager.close();

    assertThat(H2.rows(db)).isEqualTo(new TreeMap<>(expected));
    assertThat(writer.batches.size()).isGreaterThan(1);
    assertPutsOfEachKeyNeverGoBack(writer.operations());
  }

  /** The values written to a key grow (they are operation indexes), so a smaller one after a larger is a reorder. */
  private static void assertPutsOfEachKeyNeverGoBack(List<String> operations) {
    Pattern put = Pattern.compile("put (\\S+)=(\\d+)");
    Map<String, Integer> latest = new HashMap<>();
    for (String op : operations) {
      Matcher m = put.matcher(op);
      if (m.matches()) {
        int value = Integer.parseInt(m.group(2));
        Integer before = latest.put(m.group(1), value);
        assertThat(before == null || before <= value).as("%s after %s", op, before).isTrue();
      }
    }
  }

  @Test
  void aWriteBehindCacheReplaysItsJournalBeforeItServes() {
    Path journal = dir.resolve("items.journal");
    CacheManager first = newManager();
    Cache<String, String> cache = first.createCache("items", behind(new WriteBehindSettings()
        .setJournalPath(journal).setFlushDelay(Duration.ofHours(1)).setCloseTimeout(Duration.ZERO)));
    cache.put("a", "1");
    cache.put("b", "2");
    cache.remove("b");
    first.close(); // no time to flush: the journal keeps the writes
    assertThat(H2.rows(db)).isEmpty();

    CacheManager second = newManager();
    Cache<String, String> reopened = second.createCache("items", behind(new WriteBehindSettings()
        .setJournalPath(journal).setFlushDelay(Duration.ofHours(1))));
    // Replayed writes are due at once, so they may already be in the database or still queued: either
    // way the first reads see them, because the journal was replayed before createCache returned.
    assertThat(reopened.get("a")).isEqualTo("1");
    assertThat(reopened.get("b")).isNull();
    second.close();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aFullWriteBehindBacklogFailsThePutWithAClearExceptionAndTheCacheKeepsItsOldValue() {
    Cache<String, String> cache = cache(behind(new WriteBehindSettings()
        .setMaxBacklog(1).setBacklogWaitTimeout(Duration.ofMillis(10)).setFlushDelay(Duration.ofHours(1))));
    cache.put("a", "1");
    assertThatThrownBy(() -> cache.put("b", "2"))
        .isInstanceOf(CacheWriterException.class)
        .hasMessageContaining("write-behind backlog of cache 'items' is full");
    assertThat(cache.containsKey("b")).isFalse();
    assertThat(cache.get("a")).isEqualTo("1");
  }

  /** A plain entry for writing straight to the store. */
  private record WrittenEntry(String getKey, String getValue) implements Cache.Entry<String, String> {
    @Override
    public <T> T unwrap(Class<T> clazz) {
      throw new IllegalArgumentException();
    }
  }
}
