package dev.larder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.LarderCache;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import dev.larder.policy.PolicyKind;
import dev.larder.warmup.WarmUpProgress;
import java.io.Closeable;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Managers opened from sample files through the JCache provider. */
class ConfiguredManagerTest {

  private final LarderCachingProvider provider = new LarderCachingProvider();
  private final ClassLoader loader = getClass().getClassLoader();

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  private CacheManager open(String resource) {
    return provider.getCacheManager(URI.create("classpath:config/" + resource), loader);
  }

  @Test
  void namedCacheOfTheFileExistsWithEveryOptionWhenTheManagerOpens() {
    CacheManager manager = open("manager.conf");

    assertThat(manager.getCacheNames()).containsExactly("orders");
    Cache<Long, String> orders = manager.getCache("orders", Long.class, String.class);
    @SuppressWarnings("unchecked")
    LarderConfiguration<Long, String> c = orders.getConfiguration(LarderConfiguration.class);
    assertThat(c.isStoreByValue()).isFalse();
    assertThat(c.isStatisticsEnabled()).isTrue();
    assertThat(c.isManagementEnabled()).isTrue();
    assertThat(c.getPolicy()).isEqualTo(PolicyKind.SIEVE);
    assertThat(c.getMaximumWeight()).isEqualTo(64 * 1024);
    assertThat(c.getWeigherFactory().create()).isInstanceOf(Samples.LengthWeigher.class);
    assertThat(c.getTickerFactory().create()).isInstanceOf(Samples.ZeroTicker.class);
    assertThat(c.getExecutorFactory().create()).isInstanceOf(Samples.CallerRunsExecutor.class);
    ExpiryPolicy expiry = c.getExpiryPolicyFactory().create();
    assertThat(expiry.getExpiryForCreation()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.HOURS, 1));
    assertThat(expiry.getExpiryForAccess()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10));
    assertThat(expiry.getExpiryForUpdate()).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 30));
    assertThat(c.getCacheLoaderFactory().create()).isInstanceOf(Samples.EchoLoader.class);
    assertThat(c.getCacheWriterFactory().create()).isInstanceOf(Samples.NullWriter.class);
    assertThat(c.isReadThrough()).isTrue();
    assertThat(c.isWriteThrough()).isTrue();
    assertThat(c.getWriteMode()).isEqualTo(WriteMode.AROUND);
    WriteBehindSettings behind = c.getWriteBehind();
    assertThat(behind.getBatchSize()).isEqualTo(25);
    assertThat(behind.getFsyncPolicy()).isEqualTo(WriteBehindSettings.FsyncPolicy.NEVER);
    assertThat(behind.getSerializerClass()).isEqualTo("dev.larder.integration.JavaJournalSerializer");
    assertThat(behind.getJournalSegmentSize()).isEqualTo(1024 * 1024);
    assertThat(behind.getCloseTimeout()).isEqualTo(Duration.ofSeconds(45));
    List<CacheEntryListenerConfiguration<Long, String>> listeners = new java.util.ArrayList<>();
    c.getCacheEntryListenerConfigurations().forEach(listeners::add);
    assertThat(listeners).singleElement().satisfies(l -> {
      assertThat(l.isOldValueRequired()).isTrue();
      assertThat(l.isSynchronous()).isTrue();
    });
    LarderCache<?, ?> larder = orders.unwrap(LarderCache.class);
    assertThat(larder.maximum()).isEqualTo(64 * 1024);
    assertThat(larder.policyName()).isEqualToIgnoringCase("sieve");
  }

  @Test
  void namedCacheIsWarmBeforeTheManagerIsHandedOut() {
    CacheManager manager = open("manager.conf");
    Cache<Long, String> orders = manager.getCache("orders", Long.class, String.class);

    WarmUpProgress progress = orders.unwrap(LarderCache.class).warmUpProgress();
    assertThat(progress.isDone()).isTrue();
    assertThat(progress.getKeysLoaded()).isEqualTo(3);
    assertThat(orders.containsKey(1L)).isTrue();
    assertThat(orders.containsKey(3L)).isTrue();
    assertThat(orders.containsKey(4L)).isFalse();
  }

  @Test
  void cacheCreatedWithAPlainMutableConfigurationTakesItsTemplate() {
    CacheManager manager = open("manager.conf");

    Cache<Object, Object> region = manager.createCache("com.example.Order", new MutableConfiguration<>());

    @SuppressWarnings("unchecked")
    LarderConfiguration<Object, Object> c = region.getConfiguration(LarderConfiguration.class);
    assertThat(c.getPolicy()).isEqualTo(PolicyKind.S3_FIFO);
    assertThat(c.isStatisticsEnabled()).as("from defaults").isTrue();
    assertThat(region.unwrap(LarderCache.class).maximum()).isEqualTo(2000);
    Cache<Object, Object> timestamps =
        manager.createCache("default-update-timestamps-region", new MutableConfiguration<>());
    assertThat(timestamps.unwrap(LarderCache.class).maximum()).isEqualTo(10000);
    @SuppressWarnings("unchecked")
    LarderConfiguration<Object, Object> t = timestamps.getConfiguration(LarderConfiguration.class);
    assertThat(t.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
    assertThat(t.getPolicy()).isEqualTo(PolicyKind.FIFO);
  }

  @Test
  void writeBehindSettingsOfTheFileTakeEffect() {
    RecordingWriter.batches.clear();
    CacheManager manager = open("write-behind.conf");
    Cache<String, String> queue = manager.getCache("queue", String.class, String.class);

    queue.put("a", "1");
    queue.put("b", "2");

    await().atMost(30, TimeUnit.SECONDS).until(() -> !RecordingWriter.batches.isEmpty());
    assertThat(RecordingWriter.batches).containsExactly(Map.of("a", "1", "b", "2"));
  }

  @Test
  void templateDoesNotCreateACacheThatWasNotAskedFor() {
    CacheManager manager = open("manager.conf");

    assertThat(manager.<Object, Object>getCache("com.example.Never")).isNull();
  }

  @Test
  void systemPropertyOverridesTheFileWhenTheManagerOpens() {
    System.setProperty("larder.caches.orders.maximum-weight", "1000");
    try {
      CacheManager manager = open("manager.conf");

      assertThat(manager.getCache("orders", Long.class, String.class).unwrap(LarderCache.class).maximum())
          .isEqualTo(1000);
    } finally {
      System.clearProperty("larder.caches.orders.maximum-weight");
    }
  }

  @Test
  void brokenFileStopsTheManagerFromOpening() {
    URI uri = URI.create("classpath:config/bad/unknown-policy.conf");

    for (int attempt = 0; attempt < 2; attempt++) {
      LarderConfigException e = catchThrowableOfType(LarderConfigException.class,
          () -> provider.getCacheManager(uri, loader));
      assertThat(e).as("attempt %d", attempt).isNotNull();
      assertThat(e.getFile()).isEqualTo("config/bad/unknown-policy.conf");
      assertThat(e.getLine()).isEqualTo(4);
      assertThat(e.getKey()).isEqualTo("templates.\"com.example.*\".policy");
    }
  }

  @Test
  void cacheThatFailsToOpenClosesTheOthersAndNoManagerIsLeft() {
    ClosingLoader.closed.set(0);

    RuntimeException e = catchThrowableOfType(RuntimeException.class, () -> open("failing-cache.conf"));

    assertThat(e).isNotNull();
    assertThat(e).hasStackTraceContaining("ExplodingLoader");
    assertThat(ClosingLoader.closed.get()).as("the cache opened before was closed").isEqualTo(1);
    assertThat(catchThrowableOfType(RuntimeException.class, () -> open("failing-cache.conf")))
        .as("nothing was kept: opening again tries again").isNotNull();
  }

  @Test
  void backgroundWarmingRunsAfterTheManagerOpens() throws InterruptedException {
    GatedLoader.gate = new CountDownLatch(1);
    GatedLoader.loads.set(0);

    CacheManager manager = open("background-warm-up.conf");
    Cache<Long, String> products = manager.getCache("products", Long.class, String.class);
    WarmUpProgress progress = products.unwrap(LarderCache.class).warmUpProgress();

    assertThat(progress.isDone()).isFalse();
    assertThat(GatedLoader.loads.get()).isZero();
    GatedLoader.gate.countDown();
    assertThat(progress.awaitDone(30, TimeUnit.SECONDS)).isTrue();
    assertThat(progress.getFailure()).isNull();
    assertThat(progress.getKeysLoaded()).isEqualTo(5);
    assertThat(GatedLoader.loads.get()).isEqualTo(5);
    assertThat(products.containsKey(10L)).isTrue();
    assertThat(products.containsKey(14L)).isTrue();
  }

  @Test
  void closingTheCacheStopsBackgroundWarming() throws InterruptedException {
    GatedLoader.gate = new CountDownLatch(1);
    CacheManager manager = open("background-warm-up-in-batches.conf");
    Cache<Long, String> products = manager.getCache("products", Long.class, String.class);
    WarmUpProgress progress = products.unwrap(LarderCache.class).warmUpProgress();

    products.close();
    GatedLoader.gate.countDown();

    assertThat(progress.awaitDone(30, TimeUnit.SECONDS)).isTrue();
    assertThat(progress.getFailure()).contains("closed");
    assertThat(progress.getKeysLoaded()).isLessThan(progress.getKeysTotal());
  }

  @Test
  void defaultUriReadsLarderConfFromTheClassLoader() {
    ClassLoader renaming = new ClassLoader(loader) {
      @Override
      protected URL findResource(String name) {
        return ConfigFile.DEFAULT_RESOURCE.equals(name) ? getParent().getResource("config/default-larder.conf") : null;
      }

      @Override
      protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
      }
    };

    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), renaming);

    assertThat(manager.getCacheNames()).containsExactly("greetings");
    assertThat(manager.getCache("greetings").unwrap(LarderCache.class).maximum()).isEqualTo(10);
  }

  @Test
  void defaultUriWithoutLarderConfOpensNoCaches() {
    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), loader);

    assertThat(manager.getCacheNames()).isEmpty();
  }

  /** Loads only once the test opens {@link #gate}; counts the keys it loaded. */
  public static final class GatedLoader implements CacheLoader<Long, String> {
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static final AtomicInteger loads = new AtomicInteger();

    @Override
    public String load(Long key) {
      return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Map<Long, String> result = new HashMap<>();
      keys.forEach(k -> result.put(k, "product-" + k));
      loads.addAndGet(result.size());
      return result;
    }
  }

  /** Runs each task on a new thread, so a gated load blocks no shared pool. */
  public static final class ThreadPerTaskExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
      Thread thread = new Thread(command, "warm-up-test");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Records each batch it is given. */
  public static final class RecordingWriter implements CacheWriter<String, String> {
    static final Queue<Map<String, String>> batches = new ConcurrentLinkedQueue<>();

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      batches.add(Map.of(entry.getKey(), entry.getValue()));
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      Map<String, String> batch = new HashMap<>();
      entries.forEach(e -> batch.put(e.getKey(), e.getValue()));
      entries.clear();
      batches.add(batch);
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }
  }

  /** Counts how often it is closed. */
  public static final class ClosingLoader implements CacheLoader<Object, Object>, Closeable {
    static final AtomicInteger closed = new AtomicInteger();

    @Override
    public Object load(Object key) {
      return key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      return Map.of();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  /** Cannot be built. */
  public static final class ExplodingLoader implements CacheLoader<Object, Object> {
    public ExplodingLoader() {
      throw new IllegalStateException("ExplodingLoader cannot be built");
    }

    @Override
    public Object load(Object key) {
      return key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      return Map.of();
    }
  }
}
