package dev.larder.benchmarks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the small {@code lirs/cs} trace at one size through a few caches and OPT, the way the full
 * simulator does, and checks that the results are sane.
 */
class SimulatorSmokeTest {

  private static final int SIZE = 141;

  private static Workload cs() {
    return Workloads.traces(TracesDirectory.get()).stream()
        .filter(w -> w.name().equals("lirs/cs"))
        .findFirst()
        .orElseThrow();
  }

  /** An independent, obviously correct LRU: an access-ordered LinkedHashMap. */
  private static long referenceLruHits(long[] keys, int capacity) {
    Map<Long, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > capacity;
      }
    };
    long hits = 0;
    for (long key : keys) {
      if (lru.get(key) != null) {
        hits++;
      } else {
        lru.put(key, Boolean.TRUE);
      }
    }
    return hits;
  }

  @Test
  void optimalBoundsCaffeineAndLruOnCs() throws Exception {
    Workload cs = cs();
    List<Result> results = Simulator.run(List.of(cs), List.of(Simulator.CAFFEINE, Simulator.OPT), 2,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    long[] keys = cs.prepare(SIZE).keys();
    long lru = referenceLruHits(keys, SIZE);

    assertThat(results).allSatisfy(r -> assertThat(r.accesses()).isEqualTo(6_781));
    Result caffeine = find(results, Simulator.CAFFEINE, SIZE);
    Result opt = find(results, Simulator.OPT, SIZE);
    assertThat(opt.hits()).isGreaterThanOrEqualTo(caffeine.hits()).isGreaterThanOrEqualTo(lru);
    assertThat(caffeine.hits()).isPositive();
    assertThat(caffeine.overflows()).isZero();
  }

  private static Result find(List<Result> results, String policy, int size) {
    return results.stream()
        .filter(r -> r.policy().equals(policy) && r.size() == size)
        .findFirst()
        .orElseThrow();
  }
}
