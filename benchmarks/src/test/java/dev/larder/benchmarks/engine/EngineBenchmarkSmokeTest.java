package dev.larder.benchmarks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one engine benchmark method through JMH for one short iteration per implementation (not a measurement). */
class EngineBenchmarkSmokeTest {

  @Test
  void eachImplementationCompletesAShortJmhIteration() throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(EngineBenchmark.class.getName() + ".oneThread")
        .param("readPercent", "95")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        .build()).run();

    assertThat(results).hasSize(3);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
