package dev.larder.benchmarks.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builds the write-strategy benchmark for each strategy, puts through it and checks the rows reach H2. */
class WriteStrategyBenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"through", "behind", "behind-journal-interval", "behind-journal-every-write"})
  void everyStrategyWritesItsPutsToTheDatabase(String strategy) throws Exception {
    WriteStrategyBenchmark benchmark = new WriteStrategyBenchmark();
    benchmark.strategy = strategy;
    benchmark.setUp();
    try {
      for (int i = 0; i < 500; i++) {
        benchmark.put();
      }
      benchmark.manager.close();
      assertThat(rows(benchmark)).isPositive().isLessThanOrEqualTo(WriteStrategyBenchmark.KEYS);
    } finally {
      benchmark.tearDown();
    }
  }

  private static int rows(WriteStrategyBenchmark benchmark) throws SQLException {
    try (Connection connection = benchmark.pool.getConnection();
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM ITEMS")) {
      result.next();
      return result.getInt(1);
    }
  }
}
