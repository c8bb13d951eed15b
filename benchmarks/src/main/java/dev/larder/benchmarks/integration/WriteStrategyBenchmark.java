package dev.larder.benchmarks.integration;

import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import dev.larder.integration.jdbc.ColumnType;
import dev.larder.integration.jdbc.JdbcKeyValueStore;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Put throughput of a Larder cache writing to an H2 database in file mode: write-through (each put is
 * an upsert and a commit before it returns) against write-behind (each put is queued, optionally
 * journaled, and written later in coalesced batches).
 *
 * <p>Setup per trial: a fresh temporary directory holding the H2 file database
 * ({@code jdbc:h2:file:<dir>/db}, H2's default commit settings), reached through H2's
 * {@code JdbcConnectionPool} (without a pool, every write would reopen the database file and the
 * write-through figure would measure that), with table {@code ITEMS(ID INTEGER
 * PRIMARY KEY, VAL VARCHAR(100))} behind Larder's {@code JdbcKeyValueStore} (standard {@code MERGE}),
 * and one cache (unbounded, store-by-reference) whose writer is that store. Keys are uniform over
 * {@value #KEYS}; values are short strings. Four threads put. Strategies:
 * <ul>
 *   <li>{@code through}: {@link WriteMode#THROUGH};</li>
 *   <li>{@code behind}: {@link WriteMode#BEHIND}, no journal;</li>
 *   <li>{@code behind-journal-interval}: with a journal fsynced every 100 ms;</li>
 *   <li>{@code behind-journal-every-write}: with a journal fsynced on every put.</li>
 * </ul>
 * Write-behind uses a 50 ms flush delay, batches of 500 and a backlog of 100,000 keys (more than
 * {@value #KEYS}, so puts never wait for room: what is measured is the cost of accepting a write; the
 * database sees at most one write per key per flush). The trial's tear-down closes the cache manager,
 * which flushes the queue outside the measurement.
 *
 * <p>Needs {@code com.h2database:h2} on the benchmarks' classpath. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar WriteStrategyBenchmark}.
 *
 * <p>Thread-safety: the cache is shared ({@link Scope#Benchmark}); keys come from each thread's
 * {@link ThreadLocalRandom}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(4)
public class WriteStrategyBenchmark {

  static final int KEYS = 10_000;

  @Param({"through", "behind", "behind-journal-interval", "behind-journal-every-write"})
  public String strategy;

  private Path dir;
  JdbcConnectionPool pool;
  CacheManager manager;
  private Cache<Integer, String> cache;
  private String[] values;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("larder-write-strategy");
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa", "");
    var store = JdbcKeyValueStore.builder(pool, ColumnType.integer(), ColumnType.varchar(100))
        .table("ITEMS").keyColumn("ID").valueColumn("VAL").build();
    store.createTableIfMissing();

    var configuration = new LarderConfiguration<Integer, String>()
        .setTypes(Integer.class, String.class)
        .setStoreByValue(false)
        .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(store))
        .setWriteThrough(true);
    if (!strategy.equals("through")) {
      var settings = new WriteBehindSettings()
          .setFlushDelay(Duration.ofMillis(50))
          .setBatchSize(500)
          .setMaxBacklog(100_000)
          .setCloseTimeout(Duration.ofMinutes(5));
      switch (strategy) {
        case "behind" -> { }
        case "behind-journal-interval" -> settings.setJournalPath(dir.resolve("items.journal"))
            .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.INTERVAL).setFsyncInterval(Duration.ofMillis(100));
        case "behind-journal-every-write" -> settings.setJournalPath(dir.resolve("items.journal"))
            .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.EVERY_WRITE);
        default -> throw new IllegalArgumentException("unknown strategy " + strategy);
      }
      configuration.setWriteMode(WriteMode.BEHIND).setWriteBehind(settings);
    }
    manager = Caching.getCachingProvider(LarderCachingProvider.class.getName())
        .getCacheManager(URI.create("larder:write-strategy-" + strategy), getClass().getClassLoader());
    cache = manager.createCache("items", configuration);
    values = new String[1024];
    for (int i = 0; i < values.length; i++) {
      values[i] = "value-" + i;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    manager.close();
    pool.dispose();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public void put() {
    var random = ThreadLocalRandom.current();
    cache.put(random.nextInt(KEYS), values[random.nextInt(values.length)]);
  }
}
