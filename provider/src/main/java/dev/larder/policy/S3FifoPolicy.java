package dev.larder.policy;

/**
 * S3-FIFO (Yang et al., SOSP 2023): a small FIFO queue S (a tenth of the space) for newcomers, a main
 * FIFO queue M, and a ghost FIFO G of the hashes of entries evicted from S (as many as M holds at
 * most). Each entry keeps a two-bit read counter. Eviction follows the paper's Algorithm 1: when S
 * holds at least a tenth of the space (or M is empty), its oldest entry moves to M if it was read more than once and
 * otherwise leaves (its hash goes to G); else M's oldest entry is reinserted with its counter
 * decremented while the counter is positive, and leaves when it is zero. A newcomer whose hash is in
 * G goes straight to M.
 *
 * <p>Sizes are weights (entry counts when the store has no weigher); the ghost capacity is counted in
 * entries (by weight: as many as M holds at the time).
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class S3FifoPolicy implements Policy {

  private static final int SMALL = 1;
  private static final int MAIN = 2;
  private static final int QUEUE_MASK = 3;
  private static final int FREQUENCY_SHIFT = 2;
  private static final int MAX_FREQUENCY = 3;

  private final long maximum;
  private final boolean weighted;
  /** S holds "a tenth" once {@code 10 × S ≥ maximum}, i.e. S ≥ ⌈maximum / 10⌉ (no overflow). */
  private final long smallShare;
  /** M is full once {@code 10 × M ≥ 9 × maximum}, i.e. M ≥ maximum − ⌊maximum / 10⌋. */
  private final long mainShare;
  private final NodeDeque small = new NodeDeque();
  private final NodeDeque main = new NodeDeque();
  private final GhostList ghosts = new GhostList();
  private long smallWeight;
  private long mainWeight;

  S3FifoPolicy(long maximum, boolean weighted) {
    this.maximum = maximum;
    this.weighted = weighted;
    this.smallShare = maximum / 10 + (maximum % 10 == 0 ? 0 : 1);
    this.mainShare = maximum - maximum / 10;
  }

  /** As many ghosts as M can hold entries: 90% of the maximum, or by weight the entries M holds now. */
  private long ghostCapacity() {
    return weighted ? Math.max(16, main.size) : Math.max(1, maximum - maximum / 10);
  }

  @Override
  public String name() {
    return "S3-FIFO";
  }

  @Override
  public boolean makesRoomFirst() {
    return true;
  }

  @Override
  public void onAdd(PolicyNode node) {
    if (ghosts.remove(node.keyHash())) {
      node.state = MAIN;
      main.addLast(node);
      mainWeight += node.policyWeight();
    } else {
      node.state = SMALL;
      small.addLast(node);
      smallWeight += node.policyWeight();
    }
  }

  @Override
  public void onAccess(PolicyNode node) {
    if (node.state == 0) {
      return;
    }
    int frequency = node.state >>> FREQUENCY_SHIFT;
    if (frequency < MAX_FREQUENCY) {
      node.state += 1 << FREQUENCY_SHIFT;
    }
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    if (node.state == 0) {
      return;
    }
    int delta = node.policyWeight() - oldWeight;
    if ((node.state & QUEUE_MASK) == SMALL) {
      smallWeight += delta;
    } else {
      mainWeight += delta;
    }
    onAccess(node);
  }

  @Override
  public void onRemove(PolicyNode node) {
    int queue = node.state & QUEUE_MASK;
    if (queue == SMALL) {
      small.remove(node);
      smallWeight -= node.policyWeight();
    } else if (queue == MAIN) {
      main.remove(node);
      mainWeight -= node.policyWeight();
    } else {
      return;
    }
    node.state = 0;
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound() && !(small.isEmpty() && main.isEmpty())) {
      if (!small.isEmpty() && (smallWeight >= smallShare || main.isEmpty())) {
        evictFromSmall(eviction);
      } else {
        evictFromMain(eviction);
      }
    }
  }

  private void evictFromSmall(Eviction eviction) {
    while (!small.isEmpty()) {
      PolicyNode oldest = small.first;
      if ((oldest.state >>> FREQUENCY_SHIFT) > 1) {
        small.remove(oldest);
        smallWeight -= oldest.policyWeight();
        oldest.state = (oldest.state & ~QUEUE_MASK) | MAIN;
        main.addLast(oldest);
        mainWeight += oldest.policyWeight();
        if (mainWeight >= mainShare) {
          evictFromMain(eviction);
        }
      } else {
        if (ghosts.size() >= ghostCapacity()) {
          ghosts.removeOldest();
        }
        ghosts.addNewest(oldest.keyHash());
        eviction.evict(oldest);
        return;
      }
    }
  }

  private void evictFromMain(Eviction eviction) {
    while (!main.isEmpty()) {
      PolicyNode oldest = main.first;
      int frequency = oldest.state >>> FREQUENCY_SHIFT;
      if (frequency > 0) {
        oldest.state -= 1 << FREQUENCY_SHIFT;
        main.moveToLast(oldest);
      } else {
        eviction.evict(oldest);
        return;
      }
    }
  }
}
