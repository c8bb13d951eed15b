package dev.larder.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class GhostListTest {

  /**
   * Any mix of appends, removals, drops of the oldest and lookups behaves like an insertion-ordered
   * set. Ops encode the action in op % 4 and the hash in op / 4 (few distinct hashes, many repeats).
   */
  @Property(tries = 500)
  void behavesLikeAnInsertionOrderedSet(@ForAll @Size(max = 2_000) List<@IntRange(max = 399) Integer> ops) {
    GhostList ghosts = new GhostList();
    LinkedHashSet<Integer> model = new LinkedHashSet<>();
    for (int op : ops) {
      int hash = (op / 4) * 0x01000193;
      switch (op % 4) {
        case 0:
          ghosts.addNewest(hash);
          model.remove(hash);
          model.add(hash);
          break;
        case 1:
          assertThat(ghosts.remove(hash)).isEqualTo(model.remove(hash));
          break;
        case 2:
          ghosts.removeOldest();
          Iterator<Integer> oldest = model.iterator();
          if (oldest.hasNext()) {
            oldest.next();
            oldest.remove();
          }
          break;
        default:
          assertThat(ghosts.contains(hash)).isEqualTo(model.contains(hash));
          break;
      }
      assertThat(ghosts.size()).isEqualTo(model.size());
    }
    for (int hash : List.copyOf(model)) {
      assertThat(ghosts.contains(hash)).isTrue();
      ghosts.removeOldest();
      assertThat(ghosts.contains(hash)).isFalse();
    }
    assertThat(ghosts.size()).isZero();
  }
}
