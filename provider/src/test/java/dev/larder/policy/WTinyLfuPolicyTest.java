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
    PolicyHarness harness = thirtyKeysInserted();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
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

  /** A store of 1,000 after inserting keys 0 to 29: its window holds 10, so the first keys are in probation. */
  private static PolicyHarness thirtyKeysInserted() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 1_000);
    for (int key = 0; key < 30; key++) {
      harness.access(key);
    }
    return harness;
  }

  /** Reads {@code key} until the policy stops wanting its reads; returns the reads it took. */
  private static int readUntilQuiet(PolicyHarness harness, int key) {
    PolicyNode node = harness.resident.get(key);
    int reads = 0;
    while (node.wantsReads() && reads < 100) {
      harness.access(key);
      reads++;
    }
    return reads;
  }

  @Test
  void aSaturatedProtectedEntryGoesQuietUntilTheNextHalving() {
    PolicyHarness harness = thirtyKeysInserted();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;

    // Inserted once, promoted by the first read, quiet once the sketch saturates.
    assertThat(readUntilQuiet(harness, 0)).isEqualTo(FrequencySketch.MAX_COUNT - 1);
    PolicyNode node = harness.resident.get(0);
    assertThat(node.state).isEqualTo(PolicyNode.QUIET);
    assertThat(policy.sketch.frequency(Integer.hashCode(0))).isEqualTo(FrequencySketch.MAX_COUNT);

    long hitsBefore = harness.hits;
    harness.access(0);
    harness.access(0);
    assertThat(harness.hits).isEqualTo(hitsBefore + 2);
    assertThat(node.state).as("marked read, once").isEqualTo(PolicyNode.QUIET_READ);

    policy.sketch.halve();
    policy.afterMaintenance();
    assertThat(node.wantsReads()).isTrue();
    assertThat(node.state).isEqualTo(WTinyLfuPolicy.PROTECTED);
    assertThat(policy.sketch.frequency(Integer.hashCode(0))).isEqualTo(FrequencySketch.MAX_COUNT / 2);
  }

  @Test
  void aQuietEntryReadSinceItsLastPassStaysInProtectedAndAnUnreadOneIsDemoted() {
    PolicyHarness harness = thirtyKeysInserted();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    for (int key = 0; key < 3; key++) {
      readUntilQuiet(harness, key);
    }
    PolicyNode read = harness.resident.get(0);
    PolicyNode unread = harness.resident.get(1);
    assertThat(policy.protectedQueue.first).isSameAs(read);
    harness.access(0);

    // Promoting one more entry overflows a protected space of three.
    policy.protectedMaximum = 3;
    harness.access(10);

    assertThat(read.state).as("second chance, unmarked").isEqualTo(PolicyNode.QUIET);
    assertThat(policy.protectedQueue.last).isSameAs(read);
    assertThat(unread.state).isEqualTo(WTinyLfuPolicy.PROBATION);
    assertThat(unread.wantsReads()).isTrue();
    assertThat(policy.protectedWeight).isEqualTo(3);

    harness.access(1);
    assertThat(unread.state).as("its next read promotes it back, still saturated").isEqualTo(PolicyNode.QUIET);
    assertThat(policy.protectedQueue.last).isSameAs(unread);
  }

  /** A store bounded at 20,000 holding {@link WTinyLfuPolicy#TALLY_FROM} keys, key 0 in probation. */
  private static PolicyHarness largeStoreFilled() {
    PolicyHarness harness = new PolicyHarness(PolicyKind.W_TINYLFU, 20_000);
    for (int key = 0; key < WTinyLfuPolicy.TALLY_FROM; key++) {
      harness.access(key);
    }
    assertThat(harness.resident.get(0).state).isEqualTo(WTinyLfuPolicy.PROBATION);
    return harness;
  }

  @Test
  void inALargeStoreAProtectedEntryTalliesItsReadsUntilItsDemotionPassCountsThem() {
    PolicyHarness harness = largeStoreFilled();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    PolicyNode node = harness.resident.get(0);
    int hash = Integer.hashCode(0);

    harness.access(0);
    assertThat(node.wantsReads()).as("promoted, and quiet at once").isFalse();
    assertThat(policy.sketch.frequency(hash)).isEqualTo(2);
    int sampleBefore = policy.sketch.size();
    harness.access(0);
    harness.access(0);
    harness.access(0);
    assertThat(PolicyNode.pending(node.state)).isEqualTo(3);
    assertThat(PolicyNode.wasRead(node.state)).isTrue();
    assertThat(policy.sketch.frequency(hash)).as("not counted yet").isEqualTo(2);
    assertThat(policy.sketch.size()).as("but the reads aged the sketch").isEqualTo(sampleBefore + 3);

    // A protected space of nothing: the pass counts the tally, gives the read entry its second
    // chance, and demotes it on the next turn, unread.
    policy.protectedMaximum = 0;
    policy.afterMaintenance();
    assertThat(policy.sketch.frequency(hash)).isEqualTo(5);
    assertThat(policy.sketch.size()).as("counted once, not twice").isEqualTo(sampleBefore + 3);
    assertThat(node.state).isEqualTo(WTinyLfuPolicy.PROBATION);
    assertThat(policy.protectedWeight).isZero();
  }

  @Test
  void aTallyStopsAtFifteenAndIsCountedWhenItsEntryLeaves() {
    PolicyHarness harness = largeStoreFilled();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    PolicyNode node = harness.resident.get(0);
    harness.access(0);
    for (int i = 0; i < 40; i++) {
      harness.access(0);
    }
    assertThat(PolicyNode.pending(node.state)).isEqualTo(15);
    int before = node.state;
    node.markQuietRead();
    assertThat(node.state).as("a full tally is not written again").isEqualTo(before);

    policy.onRemove(node);
    assertThat(policy.sketch.frequency(Integer.hashCode(0))).isEqualTo(FrequencySketch.MAX_COUNT);
    assertThat(node.state).isZero();
  }

  @Test
  void aHalvingHalvesTalliesNotYetCounted() {
    PolicyHarness harness = largeStoreFilled();
    WTinyLfuPolicy policy = (WTinyLfuPolicy) harness.policy;
    PolicyNode node = harness.resident.get(0);
    harness.access(0);
    for (int i = 0; i < 7; i++) {
      harness.access(0);
    }
    assertThat(PolicyNode.pending(node.state)).isEqualTo(7);

    policy.sketch.halve();
    policy.afterMaintenance();
    assertThat(PolicyNode.pending(node.state)).isEqualTo(3);
    assertThat(PolicyNode.wasRead(node.state)).isTrue();
    assertThat(policy.sketch.frequency(Integer.hashCode(0))).isEqualTo(1);
  }
}
