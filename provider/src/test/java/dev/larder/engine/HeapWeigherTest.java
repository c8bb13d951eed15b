package dev.larder.engine;

import static dev.larder.engine.StoreTestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapWeigherTest {

  private final HeapWeigher<Object, Object> weigher = new HeapWeigher<>();

  @Test
  void latinStringCostsOneBytePerCharacterPlusItsObjects() {
    assertThat(HeapWeigher.estimate("")).isEqualTo(24 + 16);
    assertThat(HeapWeigher.estimate("abcdefgh")).isEqualTo(24 + 24);
    assertThat(HeapWeigher.estimate("x".repeat(1_000))).isEqualTo(24 + 1_016);
  }

  @Test
  void nonLatinStringCostsTwoBytesPerCharacter() {
    assertThat(HeapWeigher.estimate("\u4e2d".repeat(100))).isEqualTo(24 + 216);
  }

  @Test
  void boxedNumbersHaveTheirObjectSize() {
    assertThat(HeapWeigher.estimate(1)).isEqualTo(16);
    assertThat(HeapWeigher.estimate(1L)).isEqualTo(24);
    assertThat(HeapWeigher.estimate(1.0d)).isEqualTo(24);
  }

  @Test
  void arraysCountHeaderElementsAndReferencedObjects() {
    assertThat(HeapWeigher.estimate(new byte[100])).isEqualTo(120);
    assertThat(HeapWeigher.estimate(new long[10])).isEqualTo(96);
    assertThat(HeapWeigher.estimate(new Object[] {1, 2L})).isEqualTo(24 + 16 + 24);
  }

  @Test
  void collectionsAndMapsCountTheirElements() {
    assertThat(HeapWeigher.estimate(List.of("a", "b"))).isGreaterThan(2 * HeapWeigher.estimate("a"));
    assertThat(HeapWeigher.estimate(Map.of(1, new byte[1_000]))).isGreaterThan(1_000);
  }

  /** An object the weigher knows nothing about. */
  static final class Point {
    long x;
    long y;
    int label;
    Object next;
  }

  @Test
  void unknownObjectsFallBackToTheirShallowSize() {
    // 12 header + 8 + 8 + 4 + 4 = 36, aligned to 40
    assertThat(HeapWeigher.estimate(new Point())).isEqualTo(40);
  }

  @Test
  void entryWeightAddsTheOverheadKeyAndValue() {
    assertThat(weigher.weigh(1, "abcdefgh")).isEqualTo(HeapWeigher.ENTRY_OVERHEAD + 16 + 48);
  }

  @Test
  void memoryBoundedStoreStaysUnderItsByteBudget() {
    Store<Integer, byte[]> store = StoreBuilder.<Integer, byte[]>newBuilder()
        .maximumWeight(100_000).weigher(new HeapWeigher<>()).executor(Runnable::run).build();

    for (int i = 0; i < 1_000; i++) {
      put(store, i, new byte[1_000]);
    }

    assertThat(store.weightedSize()).isLessThanOrEqualTo(100_000).isGreaterThan(90_000);
    assertThat(store.estimatedSize()).isBetween(80L, 100L);
  }
}
