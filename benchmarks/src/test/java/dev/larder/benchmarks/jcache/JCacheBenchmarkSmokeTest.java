package dev.larder.benchmarks.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.benchmarks.workload.Cursor;
import dev.larder.benchmarks.workload.KeySequence;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds the JCache benchmark's state for Larder and each peer provider and variant and runs a few thousand of
 * its operations: it catches a provider that cannot be created as configured, and checks that
 * store-by-value really copies.
 */
class JCacheBenchmarkSmokeTest {

  static Stream<Arguments> providersAndVariants() {
    return Stream.of("larder", "caffeine", "ehcache", "cache2k", "ri", JCacheBenchmark.MAP)
        .flatMap(p -> Stream.of(Arguments.of(p, false, false, false), Arguments.of(p, true, true, true)));
  }

  @ParameterizedTest(name = "{0} byValue={1} stats={2} expiry={3}")
  @MethodSource("providersAndVariants")
  void benchmarkStateRunsOperationsAndReadsBackWhatItPut(String provider, boolean byValue, boolean stats,
      boolean expiry) {
    JCacheBenchmark benchmark = new JCacheBenchmark();
    benchmark.provider = provider;
    benchmark.readPercent = 75;
    benchmark.storeByValue = byValue;
    benchmark.statistics = stats;
    benchmark.expiry = expiry;
    benchmark.setUp();
    try {
      Cursor cursor = new Cursor();
      for (int i = 0; i < 5_000; i++) {
        benchmark.operate(cursor);
      }
      Integer key = KeySequence.keyOfRank(0);
      ValueBean value = new ValueBean(7, "seven", 7);
      benchmark.target.put(key, value);
      ValueBean read = benchmark.target.get(key);
      assertThat(read).isEqualTo(value);
      if (byValue && !provider.equals(JCacheBenchmark.MAP)) {
        assertThat(read).isNotSameAs(value);
      } else {
        assertThat(read).isSameAs(value);
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
