package dev.larder.benchmarks.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each trace format parses one real file to exactly the access and distinct-key counts of the traces README. */
class TraceFormatTest {

  private static void assertCounts(String file, TraceFormat format, int accesses, long distinct) throws IOException {
    long[] keys = format.read(TracesDirectory.get().resolve(file));
    assertThat(keys).hasSize(accesses);
    assertThat(Arrays.stream(keys).distinct().count()).isEqualTo(distinct);
  }

  @Test
  void lirsTraceSkipsCheckpointMarkers() throws IOException {
    assertCounts("lirs/cs.trace.gz", TraceFormat.LIRS, 6_781, 1_409);
  }

  @Test
  void lirsTraceWithCrlfLineEndsParses() throws IOException {
    assertCounts("lirs/loop.trace.gz", TraceFormat.LIRS, 505_500, 1_011);
  }

  @Test
  void arcTraceExpandsEachLineIntoItsBlockRange() throws IOException {
    assertCounts("arc/OLTP.lis.zst", TraceFormat.ARC, 914_145, 186_880);
  }

  @Test
  void int32TraceParsesBigEndianWords() throws IOException {
    assertCounts("cache2k/web07.trace.xz", TraceFormat.INT32, 76_118, 20_484);
  }

  @Test
  void uint32TraceParsesUnsignedWords() throws IOException {
    long[] keys = TraceFormat.UINT32.read(TracesDirectory.get().resolve("lirs2/w106.trace.xz"));
    assertThat(keys).hasSize(5_292_456);
    assertThat(Arrays.stream(keys).distinct().count()).isEqualTo(275_171);
    assertThat(Arrays.stream(keys).min().orElseThrow()).isNotNegative();
  }

  @Test
  void int64TraceParsesLongKeys() throws IOException {
    assertCounts("corda/trace_vaultservice.gz", TraceFormat.INT64, 135_702, 90_468);
  }

  @Test
  void truncatedBinaryTraceIsRejectedWithItsName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("short.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0});
    }
    assertThatThrownBy(() -> TraceFormat.INT64.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("short.gz")
        .hasMessageContaining("3 trailing");
  }

  @Test
  void workloadRejectsCountsThatDifferFromThePublishedOnes() {
    Workload wrong = Workload.fixed("lirs/cs", "cs with a wrong expectation", new int[] {10},
        size -> new long[] {1, 2, 2}, 3, 3);
    assertThatThrownBy(() -> wrong.prepare(10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parsed 3 accesses to 2 distinct keys");
  }
}
