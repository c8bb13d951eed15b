package dev.larder.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs each example's {@code main} once and checks what it printed, so that the examples keep working. */
class ExamplesTest {

  private static String output(Runnable main) {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  @Test
  void theDemoMissesEveryProductColdAndHitsEveryProductWarm() {
    String out = output(() -> Demo.main(new String[0]));
    assertThat(out)
        .contains("cold pass: 2,000 reads, 0 hits, 2,000 misses, 2,000 loader calls")
        .contains("warm pass: 2,000 reads, 2,000 hits, 0 misses, 0 loader calls")
        .contains("total: 2,000 hits, 2,000 misses, hit ratio 50%");
  }

  @Test
  void theReadThroughExampleLoadsOnMissOnly() {
    String out = output(() -> ReadThroughExample.main(new String[0]));
    assertThat(out)
        .contains("get(1) -> product-1   loader calls: load=1, loadAll=0\n")
        .contains("get(1) -> product-1   loader calls: load=1, loadAll=0 (a hit)")
        .contains("get(99) -> null   loader calls: load=2, loadAll=0")
        .contains("getAll(1, 2, 3, 4) -> {1=product-1, 2=product-2, 3=product-3, 4=product-4}   loader calls: load=2, loadAll=1");
  }

  @Test
  void theWriteThroughExampleWritesBeforeTheCacheChangesAndKeepsTheCacheOnFailure() {
    String out = output(() -> WriteThroughExample.main(new String[0]));
    assertThat(out)
        .contains("writer calls: [write(1=apple), write(2=pear)]   database: {1=apple, 2=pear}")
        .contains("writer calls: [write(1=apple), write(2=pear), delete(2)]   database: {1=apple}")
        .contains("put(1, banana) with the database down failed")
        .contains("after the failure: cache get(1) -> apple, database: {1=apple}, loader calls: 0");
  }

  @Test
  void theWriteAroundExampleNeverStoresOnPut() {
    String out = output(() -> WriteAroundExample.main(new String[0]));
    assertThat(out)
        .contains("put(1, apple)    writer calls: [write(1=apple)]   database: {1=apple}   cached: false")
        .contains("get(1) -> apple   loader calls: 1   cached: true")
        .contains("database: {1=apricot}   cached: false")
        .contains("get(1) -> apricot   loader calls: 2");
  }

  @Test
  void theWriteBehindExampleCoalescesAThousandPutsIntoOneBatch() {
    String out = output(() -> WriteBehindExample.main(new String[0]));
    assertThat(out)
        .contains("1000 puts to 10 products returned   writer calls: 0   database rows: 0")
        .contains("after clear(), get(1) -> version-1000 (from the write-behind queue; loader calls: 0)")
        .contains("after close        writer calls: [writeAll(10 entries)]   database: {1=version-1000, 2=version-991,");
  }
}
