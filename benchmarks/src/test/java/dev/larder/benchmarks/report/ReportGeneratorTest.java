package dev.larder.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.benchmarks.jcache.JCacheBenchmark;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The report generator reads a real (seconds-long, in-process) JMH JSON result and tabulates it. */
class ReportGeneratorTest {

  @Test
  void reportTabulatesThroughputAndRatiosFromJmhJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("jcache.json");
    new Runner(new OptionsBuilder()
        .include(JCacheBenchmark.class.getName() + ".oneThread")
        .param("provider", "caffeine", "cache2k", JCacheBenchmark.MAP)
        .param("readPercent", "100")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build()).run();

    String report = ReportGenerator.generate(List.of(json));

    assertThat(report)
        .contains("## JCacheBenchmark")
        .contains("| threads | expiry | readPercent | statistics | storeByValue | caffeine | cache2k | chm |")
        .contains("### Ratio to caffeine")
        .contains("### Ratio to cache2k")
        .contains("JDK " + Runtime.version().feature())
        .containsPattern("\\| 1 \\| false \\| 100 \\| false \\| false \\| [0-9.]+ ± NaN \\|");
  }

  @Test
  void jsonReaderHandlesNestingEscapesAndNumbers() {
    Object parsed = Json.parse("{\"a\": [1, -2.5e3, true, null], \"b\": \"x\\\"y\\u0041\"}");
    assertThat(parsed).isEqualTo(java.util.Map.of("a", java.util.Arrays.asList(1.0, -2500.0, true, null),
        "b", "x\"yA"));
  }

  @Test
  void jsonReaderNamesTheOffsetOfBadInput() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.parse("[1, }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 4");
  }
}
