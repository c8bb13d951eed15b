package dev.larder.benchmarks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.policy.PolicyKind;
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

  private static final List<String> POLICIES = List.of(PolicyKind.LRU.name(), PolicyKind.S3_FIFO.name(),
      PolicyKind.W_TINYLFU.name(), Simulator.CAFFEINE, Simulator.OPT);

  private static List<Result> replayCs() throws Exception {
    return Simulator.run(List.of(cs()), POLICIES, 2,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  @Test
  void everyReplayCountsEveryAccessOfTheTrace() throws Exception {
    List<Result> results = replayCs();

    assertThat(results).hasSize(POLICIES.size() * Workloads.fractionsOf(1_409).length);
    assertThat(results).allSatisfy(r -> assertThat(r.accesses()).isEqualTo(6_781));
  }

  @Test
  void optimalIsAtLeastEveryPolicyAtEverySize() throws Exception {
    List<Result> results = replayCs();

    for (Result r : results) {
      assertThat(find(results, Simulator.OPT, r.size()).hits())
          .as("OPT vs %s at %d", r.policy(), r.size())
          .isGreaterThanOrEqualTo(r.hits());
    }
  }

  @Test
  void larderLruMatchesAnIndependentLru() throws Exception {
    Workload cs = cs();
    long[] keys = cs.prepare(SIZE).keys();

    Result lru = Simulator.replay(cs, SIZE, PolicyKind.LRU.name());

    assertThat(lru.hits()).isEqualTo(referenceLruHits(keys, SIZE));
  }

  @Test
  void boundedCachesStayWithinTheirBoundWithoutHelp() throws Exception {
    Workload cs = cs();

    for (String policy : List.of(PolicyKind.W_TINYLFU.name(), Simulator.CAFFEINE)) {
      Result r = Simulator.replay(cs, SIZE, policy);
      assertThat(r.overflows()).as(policy).isZero();
      assertThat(r.hits()).as(policy).isPositive();
    }
  }

  private static Result find(List<Result> results, String policy, int size) {
    return results.stream()
        .filter(r -> r.policy().equals(policy) && r.size() == size)
        .findFirst()
        .orElseThrow();
  }
}
