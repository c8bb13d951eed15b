package dev.larder.policy;

/**
 * SIEVE (Zhang et al., NSDI 2024): one insertion-ordered queue, a "visited" bit per entry, and a hand
 * that sweeps from the oldest entry towards the newest. A read only sets the bit. To evict, the hand
 * skips visited entries (clearing their bit), wrapping to the oldest at the end, and takes the first
 * unvisited one; it then rests on the next newer entry.
 *
 * <p>As in the paper (and in the authors' and Caffeine's simulators, which give the same figures),
 * once the hand has caught up with the newest entries it stays just behind the head: each newcomer
 * is then evicted at the next miss unless read before it. On traces where keys are re-read only
 * after a few other misses (the Corda vault trace) SIEVE therefore stays far below FIFO.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class SievePolicy extends QueuePolicy {

  private static final int VISITED = 2;

  private PolicyNode hand;

  @Override
  public String name() {
    return "SIEVE";
  }

  @Override
  public void onAccess(PolicyNode node) {
    if (node.state != 0) {
      node.state = QUEUED | VISITED;
    }
  }

  @Override
  public void onRemove(PolicyNode node) {
    if (hand == node) {
      hand = node.next;
    }
    super.onRemove(node);
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound() && !queue.isEmpty()) {
      PolicyNode node = (hand == null) ? queue.first : hand;
      while (node.state == (QUEUED | VISITED)) {
        node.state = QUEUED;
        node = (node.next == null) ? queue.first : node.next;
      }
      hand = node.next;
      eviction.evict(node);
    }
  }
}
