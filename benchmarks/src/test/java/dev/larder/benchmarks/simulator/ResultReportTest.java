package dev.larder.benchmarks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's table, checks and chart, from hand-made results. */
class ResultReportTest {

  private static final Workload WORKLOAD = Workload.generated("synthetic/test", "hand-made", new int[] {10, 100},
      4, size -> new long[] {1, 2, 3, 4});
  private static final List<String> POLICIES = List.of("LRU", "W_TINYLFU", Simulator.CAFFEINE, Simulator.OPT);

  private static Result result(int size, String policy, long hits) {
    return new Result(WORKLOAD.name(), size, policy, 1_000, hits, 0, 1);
  }

  private static ResultReport report(long lruHitsAtTen) {
    return new ResultReport(List.of(WORKLOAD), POLICIES, List.of(
        result(10, "LRU", lruHitsAtTen), result(10, "W_TINYLFU", 300), result(10, Simulator.CAFFEINE, 250),
        result(10, Simulator.OPT, 400),
        result(100, "LRU", 500), result(100, "W_TINYLFU", 600), result(100, Simulator.CAFFEINE, 650),
        result(100, Simulator.OPT, 700)));
  }

  @Test
  void tableShowsDifferenceToCaffeineAndDistanceFromBestLarderPolicyToOptimum() {
    String table = report(200).markdown();

    assertThat(table).contains("| synthetic/test | 10 | 20.00 | 30.00 | 25.00 | 40.00 | +5.00 | W_TINYLFU | 10.00 |");
    assertThat(table).contains("| synthetic/test | 100 | 50.00 | 60.00 | 65.00 | 70.00 | -5.00 | W_TINYLFU | 10.00 |");
  }

  @Test
  void resultAboveTheOptimumIsReported() {
    assertThat(report(200).optimumViolations()).isEmpty();
    assertThat(report(450).optimumViolations()).singleElement().asString().contains("LRU 450 hits > OPT 400");
  }

  @Test
  void chartDrawsOneLinePerPolicy() {
    String svg = report(200).chart(WORKLOAD);

    assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
    assertThat(svg.split("<polyline", -1)).hasSize(POLICIES.size() + 1);
    assertThat(svg).contains(">OPT</text>").contains(">Caffeine</text>");
  }
}
