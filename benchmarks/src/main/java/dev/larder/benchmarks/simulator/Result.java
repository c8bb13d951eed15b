package dev.larder.benchmarks.simulator;

/**
 * The outcome of replaying one workload at one cache size through one policy. Immutable, so safe to
 * hand between the simulator's threads.
 *
 * @param overflows inserts after which the cache was over its bound until an explicit {@code cleanUp()}
 * @param nanos wall time of the replay (informative only; the machine is shared)
 */
record Result(String workload, int size, String policy, long accesses, long hits, long overflows, long nanos) {

  /** Hits per access, in percent. */
  double hitRatioPercent() {
    return accesses == 0 ? 0 : 100.0 * hits / accesses;
  }
}
