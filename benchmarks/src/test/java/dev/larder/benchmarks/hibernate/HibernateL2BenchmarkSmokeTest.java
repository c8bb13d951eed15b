package dev.larder.benchmarks.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builds the Hibernate benchmark's session factory for each cache and loads a few entities through it. */
class HibernateL2BenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"larder", "caffeine", "ehcache", "none"})
  void everyCacheLoadsEntitiesById(String cache) {
    HibernateL2Benchmark benchmark = new HibernateL2Benchmark();
    benchmark.cache = cache;
    benchmark.entities = 20;
    benchmark.setUp();
    try {
      HibernateL2Benchmark.Cursor cursor = new HibernateL2Benchmark.Cursor();
      cursor.next = 0;
      for (int i = 0; i < 40; i++) {
        assertThat(benchmark.loadByIdInNewSession(cursor)).isEqualTo("item " + (i % 20));
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
