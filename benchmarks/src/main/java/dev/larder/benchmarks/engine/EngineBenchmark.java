package dev.larder.benchmarks.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.benchmarks.workload.Cursor;
import dev.larder.benchmarks.workload.KeySequence;
import dev.larder.engine.Remapping;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import dev.larder.policy.PolicyKind;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the engine alone (no JCache facade): get and put over Zipf(0.99) keys on a Larder
 * {@link Store} bounded to 2^16 entries under W-TinyLFU, beside Caffeine's {@code Cache} with the same
 * bound and an unbounded {@link ConcurrentHashMap} as the ceiling. Each is pre-filled with its 2^16
 * hottest keys; maintenance runs on each library's default executor (the common pool).
 *
 * <p>Thread-safety: the cache under test is shared ({@link Scope#Benchmark}); each thread walks the key
 * sequence from its own offset ({@link Cursor}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EngineBenchmark {

  /** The entry bound of Larder and Caffeine. */
  public static final int MAXIMUM_SIZE = 1 << 16;

  private static final Remapping<Integer, Integer, Void> PUT_KEY_AS_VALUE = (key, slot) -> {
    slot.set(key, Long.MAX_VALUE);
    return null;
  };

  /** {@code Larder} (the bounded Store), {@code Caffeine} or {@code ConcurrentHashMap}. */
  @Param({"Larder", "Caffeine", "ConcurrentHashMap"})
  public String implementation;

  /** Share of reads; the rest are puts. */
  @Param({"100", "95"})
  public int readPercent;

  Target target;
  KeySequence sequence;

  /** The operations the benchmark needs, over one implementation. */
  interface Target {
    Integer get(Integer key);

    void put(Integer key);
  }

  @Setup(Level.Trial)
  public void setUp() {
    sequence = new KeySequence(readPercent, 42);
    target = create(implementation);
    for (int rank = 0; rank < MAXIMUM_SIZE; rank++) {
      target.put(KeySequence.keyOfRank(rank));
    }
  }

  static Target create(String implementation) {
    switch (implementation) {
      case "Larder": {
        Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
            .policy(PolicyKind.W_TINYLFU)
            .maximumSize(MAXIMUM_SIZE)
            .build();
        return new Target() {
          @Override
          public Integer get(Integer key) {
            return store.get(key);
          }

          @Override
          public void put(Integer key) {
            // As the JCache facade's put does: a present key is updated in place, an absent one inserted.
            if (!store.replaceInPlace(key, key)) {
              store.compute(key, PUT_KEY_AS_VALUE);
            }
          }
        };
      }
      case "Caffeine": {
        Cache<Integer, Integer> cache = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();
        return new Target() {
          @Override
          public Integer get(Integer key) {
            return cache.getIfPresent(key);
          }

          @Override
          public void put(Integer key) {
            cache.put(key, key);
          }
        };
      }
      case "ConcurrentHashMap": {
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        return new Target() {
          @Override
          public Integer get(Integer key) {
            return map.get(key);
          }

          @Override
          public void put(Integer key) {
            map.put(key, key);
          }
        };
      }
      default:
        throw new IllegalArgumentException("unknown implementation '" + implementation
            + "'; expected Larder, Caffeine or ConcurrentHashMap");
    }
  }

  /** One operation (a get, or a put per the read share), from one thread. */
  @Benchmark
  @Threads(1)
  public Integer oneThread(Cursor cursor) {
    return operate(cursor);
  }

  /** The same, from two threads at once. */
  @Benchmark
  @Threads(2)
  public Integer twoThreads(Cursor cursor) {
    return operate(cursor);
  }

  Integer operate(Cursor cursor) {
    int i = cursor.index++;
    Integer key = sequence.key(i);
    if (sequence.isWrite(i)) {
      target.put(key);
      return key;
    }
    return target.get(key);
  }
}
