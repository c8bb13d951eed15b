package dev.larder.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WTinyLfuPolicyTest {

  @Test
  void oneHitWonderScanDoesNotFlushTheHotSet() {
    PolicyHarness tinyLfu = new PolicyHarness(PolicyKind.W_TINYLFU, 100);
    PolicyHarness lru = new PolicyHarness(PolicyKind.LRU, 100);
    long[] hotHitsInLastRounds = new long[2];
    PolicyHarness[] harnesses = {tinyLfu, lru};
    for (int h = 0; h < 2; h++) {
      PolicyHarness harness = harnesses[h];
      int scanKey = 1_000_000;
      // Each round reads the 50 hot keys, then 200 keys never seen again: more than LRU can hold.
      for (int round = 0; round < 60; round++) {
        for (int key = 0; key < 50; key++) {
          if (harness.access(key) && round >= 50) {
            hotHitsInLastRounds[h]++;
          }
        }
        for (int i = 0; i < 200; i++) {
          harness.access(scanKey++);
        }
      }
    }

    assertThat(hotHitsInLastRounds[0]).as("hot hits of W-TinyLFU in the last 10 rounds").isGreaterThanOrEqualTo(490);
    assertThat(countHot(tinyLfu)).isEqualTo(50);
    assertThat(hotHitsInLastRounds[1]).as("LRU, for contrast, is flushed").isZero();
  }

  private static long countHot(PolicyHarness harness) {
    return harness.resident.keySet().stream().filter(key -> key < 50).count();
  }

  @Test
  void readsBeforeTheStoreIsHalfFullAreCountedAndPromote() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 1_000);
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    // The window holds 10 entries, so the first keys are in probation after 30 inserts.
    for (int key = 0; key < 30; key++) {
      harness.access(key);
    }
    harness.access(0);
    harness.access(0);

    assertThat(harness.resident.get(0).state).isEqualTo(WTinyLfuPolicy.PROTECTED);
    assertThat(policy.sketch.frequency(Integer.hashCode(0))).isEqualTo(3);
    assertThat(policy.sketch.tableLength()).as("sized ahead of the entries, not for the bound").isLessThan(1_024);
  }

  @Test
  void newcomerLessPopularThanTheVictimIsRejected() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 100);
    for (int round = 0; round < 5; round++) {
      for (int key = 0; key < 100; key++) {
        harness.access(key);
      }
    }
    harness.access(5_000);
    harness.access(5_001);
    harness.access(5_002);

    assertThat(harness.resident).hasSize(100);
    assertThat(harness.resident.keySet().stream().filter(key -> key < 100).count()).isGreaterThanOrEqualTo(99);
  }

  @Test
  void hillClimbingGrowsTheWindowForARecencyWorkload() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 1_000);
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    long initialWindow = policy.windowMaximum;
    SplittableRandom random = new SplittableRandom(7);
    // Each new key is read again a few hundred requests later and then never: recency is all.
    for (int i = 0; i < 200_000; i++) {
      harness.access(i);
      harness.access(Math.max(0, i - random.nextInt(400)));
    }

    assertThat(policy.windowMaximum).isGreaterThan(initialWindow * 10);
    assertThat(policy.windowMaximum + policy.protectedMaximum).isLessThanOrEqualTo(1_000);
    assertThat(harness.weight).isLessThanOrEqualTo(1_000);
  }

  @Test
  void hillClimbingShrinksAGrownWindowForAFrequencyWorkload() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 1_000);
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      harness.access(i);
      harness.access(Math.max(0, i - random.nextInt(400)));
    }
    long grown = policy.windowMaximum;
    // Then a skewed, stable popularity: a small hot set amid a stream of one-hit keys.
    for (int i = 0; i < 400_000; i++) {
      harness.access(random.nextInt(4) == 0 ? 1_000_000 + i : random.nextInt(800));
    }

    assertThat(policy.windowMaximum).isLessThan(grown);
  }
}
