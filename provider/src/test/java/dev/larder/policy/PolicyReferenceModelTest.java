package dev.larder.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.engine.RemovalCause;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random operation sequences replayed through a store (maintenance on the caller) and through a
 * list-based model of the paper's algorithm must evict exactly the same keys in the same order.
 */
class PolicyReferenceModelTest {

  private static final int GET = 0;
  private static final int PUT = 1;

  @Property(tries = 300)
  void lruEvictsLikeTheReferenceModel(@ForAll @Size(max = 300) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    assertSameVictims(PolicyKind.LRU, capacity, ops);
  }

  @Property(tries = 300)
  void fifoEvictsLikeTheReferenceModel(@ForAll @Size(max = 300) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    assertSameVictims(PolicyKind.FIFO, capacity, ops);
  }

  @Property(tries = 300)
  void lfuEvictsLikeTheReferenceModel(@ForAll @Size(max = 400) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    assertSameVictims(PolicyKind.LFU, capacity, ops);
  }

  @Property(tries = 300)
  void arcEvictsLikeTheReferenceModel(@ForAll @Size(max = 300) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    assertSameVictims(PolicyKind.ARC, capacity, ops);
  }

  @Property(tries = 300)
  void sieveEvictsLikeTheReferenceModel(@ForAll @Size(max = 300) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 8) int capacity) {
    assertSameVictims(PolicyKind.SIEVE, capacity, ops);
  }

  @Property(tries = 300)
  void s3FifoEvictsLikeTheReferenceModel(@ForAll @Size(max = 300) List<@IntRange(max = 59) Integer> ops,
      @ForAll @IntRange(min = 1, max = 12) int capacity) {
    assertSameVictims(PolicyKind.S3_FIFO, capacity, ops);
  }

  /**
   * Each op encodes a kind (op / 20: read-then-insert-on-miss, put, remove) and a key (op % 20), so
   * that sequences revisit keys often enough to exercise hits, ghosts and aging.
   */
  private static void assertSameVictims(PolicyKind kind, int capacity, List<Integer> ops) {
    List<Integer> victims = new ArrayList<>();
    Store<Integer, Integer> store = StoreBuilder.<Integer, Integer>newBuilder()
        .policy(kind)
        .maximumSize(capacity)
        .executor(Runnable::run)
        .listener((key, value, cause) -> {
          assertThat(cause).isEqualTo(RemovalCause.EVICTED);
          victims.add(key);
        })
        .build();
    ReferenceModels.Model model = ReferenceModels.create(kind, capacity);

    for (int op : ops) {
      int key = op % 20;
      int action = op / 20;
      if (action == GET) {
        Integer value = store.get(key);
        if (model.contains(key)) {
          assertThat(value).as("hit on %s", key).isNotNull();
          model.hit(key);
        } else {
          assertThat(value).as("miss on %s", key).isNull();
          model.insert(key);
          store.compute(key, (k, slot) -> {
            slot.set(k, Long.MAX_VALUE);
            return null;
          });
        }
      } else if (action == PUT) {
        if (model.contains(key)) {
          model.update(key);
        } else {
          model.insert(key);
        }
        store.compute(key, (k, slot) -> {
          slot.set(k + 1000, Long.MAX_VALUE);
          return null;
        });
      } else {
        model.remove(key);
        store.compute(key, (k, slot) -> {
          slot.remove();
          return null;
        });
      }
    }
    store.cleanUp();

    assertThat(victims).isEqualTo(model.evicted);
    assertThat(keysOf(store)).isEqualTo(model.keys());
    assertThat(store.weightedSize()).isEqualTo(model.keys().size());
  }

  private static Set<Integer> keysOf(Store<Integer, Integer> store) {
    Set<Integer> keys = new TreeSet<>();
    for (Iterator<Integer> it = store.keys(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }
}
