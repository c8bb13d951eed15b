package dev.larder.benchmarks.jcache;

import dev.larder.benchmarks.workload.Cursor;
import dev.larder.benchmarks.workload.KeySequence;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
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
 * Throughput of {@code javax.cache.Cache.get} and {@code put} for Larder and the peer providers
 * (Caffeine's JCache, Ehcache 3, cache2k, the JSR-107 RI) and a plain {@link ConcurrentHashMap} as the
 * ceiling: Zipf(0.99) keys over 2^20 keys, every cache bounded to 2^16 entries in its own way (the RI
 * cannot be: it holds every key) and pre-filled with its 2^16 hottest keys. Values are
 * {@link ValueBean}s, so store-by-value really copies.
 *
 * <p>The parameters' defaults are the base case (by reference, no statistics, no expiry); the suite
 * script {@code benchmarks/run-jcache-suite.sh} runs the pruned factorial documented in the README
 * by passing {@code -p}. The map ignores {@code storeByValue}, {@code statistics} and {@code expiry}.
 *
 * <p>Thread-safety: the cache is shared ({@link Scope#Benchmark}); each thread walks the key sequence
 * from its own offset.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class JCacheBenchmark {

  /** The entry bound of every bounded provider. */
  public static final int MAXIMUM_SIZE = 1 << 16;
  /** The name of the map ceiling in the {@code provider} parameter. */
  public static final String MAP = "chm";
  private static final int VALUES = 1 << 10;

  /** {@code larder}, {@code caffeine}, {@code ehcache}, {@code cache2k}, {@code ri} or {@code chm}. */
  @Param({"larder", "caffeine", "ehcache", "cache2k", "ri", MAP})
  public String provider;

  /** Share of reads; the rest are puts. */
  @Param({"100", "95", "75", "50", "0"})
  public int readPercent;

  /** JCache store-by-value (copy on the way in and out). */
  @Param({"false"})
  public boolean storeByValue;

  /** JCache statistics enabled. */
  @Param({"false"})
  public boolean statistics;

  /** A ten-minute creation expiry on every entry. */
  @Param({"false"})
  public boolean expiry;

  Target target;
  KeySequence sequence;
  ValueBean[] values;

  /** The operations the benchmark needs. */
  interface Target extends AutoCloseable {
    ValueBean get(Integer key);

    void put(Integer key, ValueBean value);

    @Override
    void close();
  }

  @Setup(Level.Trial)
  public void setUp() {
    sequence = new KeySequence(readPercent, 42);
    values = new ValueBean[VALUES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = new ValueBean(i, "value-" + i, i * 31L);
    }
    target = open(provider, new Provider.Settings(MAXIMUM_SIZE, storeByValue, statistics, expiry));
    for (int rank = 0; rank < MAXIMUM_SIZE; rank++) {
      target.put(KeySequence.keyOfRank(rank), values[rank & (VALUES - 1)]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    target.close();
  }

  static Target open(String provider, Provider.Settings settings) {
    if (provider.equals(MAP)) {
      ConcurrentHashMap<Integer, ValueBean> map = new ConcurrentHashMap<>();
      return new Target() {
        @Override
        public ValueBean get(Integer key) {
          return map.get(key);
        }

        @Override
        public void put(Integer key, ValueBean value) {
          map.put(key, value);
        }

        @Override
        public void close() {
          map.clear();
        }
      };
    }
    Provider.OpenCache<ValueBean> open = Provider.of(provider).open("jcache-benchmark", ValueBean.class, settings);
    Cache<Integer, ValueBean> cache = open.cache();
    return new Target() {
      @Override
      public ValueBean get(Integer key) {
        return cache.get(key);
      }

      @Override
      public void put(Integer key, ValueBean value) {
        cache.put(key, value);
      }

      @Override
      public void close() {
        open.close();
      }
    };
  }

  /** One operation (a get, or a put per the read share), from one thread. */
  @Benchmark
  @Threads(1)
  public Object oneThread(Cursor cursor) {
    return operate(cursor);
  }

  /** The same, from two threads at once. */
  @Benchmark
  @Threads(2)
  public Object twoThreads(Cursor cursor) {
    return operate(cursor);
  }

  Object operate(Cursor cursor) {
    int i = cursor.index++;
    Integer key = sequence.key(i);
    if (sequence.isWrite(i)) {
      ValueBean value = values[i & (VALUES - 1)];
      target.put(key, value);
      return value;
    }
    return target.get(key);
  }
}
