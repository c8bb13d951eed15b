package dev.larder.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrequencySketchTest {

  @Test
  void countsOccurrencesUpToFifteen() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_000);

    for (int i = 1; i <= 20; i++) {
      sketch.increment(42);
      assertThat(sketch.frequency(42)).isEqualTo(Math.min(i, FrequencySketch.MAX_COUNT));
    }
    assertThat(sketch.frequency(43)).isLessThanOrEqualTo(1);
  }

  @Test
  void countsNothingBeforeItIsSized() {
    FrequencySketch sketch = new FrequencySketch();

    sketch.increment(1);

    assertThat(sketch.isInitialized()).isFalse();
    assertThat(sketch.frequency(1)).isZero();
  }

  @Test
  void growingKeepsEveryEstimate() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(16, 1_000_000);
    int[] before = new int[2_000];
    for (int key = 0; key < before.length; key++) {
      for (int i = 0; i < key % 7; i++) {
        sketch.increment(key);
      }
    }
    for (int key = 0; key < before.length; key++) {
      before[key] = sketch.frequency(key);
    }

    sketch.ensureCapacity(4_096, 1_000_000);

    assertThat(sketch.tableLength()).isEqualTo(4_096);
    for (int key = 0; key < before.length; key++) {
      assertThat(sketch.frequency(key)).as("key %s", key).isEqualTo(before[key]);
    }
  }

  @Test
  void tableFollowsTheKeysWhileTheAgingPeriodFollowsTheBound() {
    FrequencySketch sketch = new FrequencySketch();

    sketch.ensureCapacity(100, 1_000_000);

    assertThat(sketch.tableLength()).isEqualTo(128);
    assertThat(sketch.sampleSize()).isEqualTo(10_000_000);
  }

  @Test
  void distinctKeysRarelyDisturbEachOther() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_024);
    for (int key = 0; key < 512; key++) {
      for (int i = 0; i < (key % 4); i++) {
        sketch.increment(key);
      }
    }
    int exact = 0;
    for (int key = 0; key < 512; key++) {
      if (sketch.frequency(key) == key % 4) {
        exact++;
      }
    }
    assertThat(exact).isGreaterThan(480);
  }

  @Test
  void halvingAgesEveryCounter() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_000);
    for (int i = 0; i < 12; i++) {
      sketch.increment(7);
    }
    for (int i = 0; i < 5; i++) {
      sketch.increment(8);
    }

    sketch.halve();

    assertThat(sketch.frequency(7)).isEqualTo(6);
    assertThat(sketch.frequency(8)).isEqualTo(2);
  }

  @Test
  void fullSampleTriggersHalving() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_024);
    int sample = sketch.sampleSize();
    for (int i = 0; i < 10; i++) {
      sketch.increment(-1);
    }
    int key = 0;
    while (sketch.size() < sample - 1) {
      sketch.increment(1_000 + (key++ % 50_000));
    }
    int before = sketch.frequency(-1);
    assertThat(before).isGreaterThanOrEqualTo(10);

    sketch.increment(2_000_000);

    int after = sketch.frequency(-1);
    assertThat(after).isBetween(before / 2, (before + 1) / 2);
    assertThat(sketch.size()).isLessThanOrEqualTo(sample / 2);
  }
}
