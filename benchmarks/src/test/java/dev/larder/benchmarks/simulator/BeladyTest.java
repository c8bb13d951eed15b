package dev.larder.benchmarks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Belady's optimal policy, checked against an exhaustive search over every eviction choice. */
class BeladyTest {

  private static long optimal(long[] keys, int capacity) {
    int[] next = new int[keys.length];
    Belady.nextUses(keys, next);
    return Belady.hits(next, capacity);
  }

  @Test
  void optimalBypassesAKeyNeededLaterThanEveryResident() {
    // Capacity 1: keeping A through the single access to B gives the one possible hit.
    assertThat(optimal(new long[] {1, 2, 1}, 1)).isEqualTo(1);
  }

  @Test
  void nextUsesPointsAtTheFollowingAccessOrPastTheEnd() {
    int[] next = new int[4];
    int distinct = Belady.nextUses(new long[] {7, 8, 7, 9}, next);
    assertThat(distinct).isEqualTo(3);
    assertThat(next).containsExactly(2, 5, 6, 7);
  }

  @Test
  void optimalEqualsExhaustiveSearchOnRandomSmallTraces() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 300; round++) {
      int length = 1 + random.nextInt(14);
      int alphabet = 1 + random.nextInt(6);
      int capacity = 1 + random.nextInt(3);
      long[] keys = new long[length];
      for (int i = 0; i < length; i++) {
        keys[i] = random.nextInt(alphabet);
      }
      assertThat(optimal(keys, capacity))
          .as("trace %s, capacity %d", java.util.Arrays.toString(keys), capacity)
          .isEqualTo(exhaustive(keys, capacity, 0, 0L, new HashMap<>()));
    }
  }

  /** Best hits from position {@code i} with residents {@code mask} (keys are below 64), trying every choice. */
  private static long exhaustive(long[] keys, int capacity, int i, long mask, Map<String, Long> memo) {
    if (i == keys.length) {
      return 0;
    }
    String state = i + ":" + mask;
    Long known = memo.get(state);
    if (known != null) {
      return known;
    }
    long bit = 1L << keys[i];
    long best;
    if ((mask & bit) != 0) {
      best = 1 + exhaustive(keys, capacity, i + 1, mask, memo);
    } else {
      best = exhaustive(keys, capacity, i + 1, mask, memo);
      if (Long.bitCount(mask) < capacity) {
        best = Math.max(best, exhaustive(keys, capacity, i + 1, mask | bit, memo));
      } else {
        for (long rest = mask; rest != 0; rest &= rest - 1) {
          long victim = Long.lowestOneBit(rest);
          best = Math.max(best, exhaustive(keys, capacity, i + 1, (mask & ~victim) | bit, memo));
        }
      }
    }
    memo.put(state, best);
    return best;
  }
}
