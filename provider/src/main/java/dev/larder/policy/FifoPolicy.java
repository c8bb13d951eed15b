package dev.larder.policy;

/**
 * First in, first out: one queue in insertion order; reads and updates do not reorder it.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class FifoPolicy implements Policy {

  private static final int QUEUED = 1;
  private final NodeDeque queue = new NodeDeque();

  @Override
  public String name() {
    return "FIFO";
  }

  @Override
  public boolean makesRoomFirst() {
    return true;
  }

  @Override
  public void onAdd(PolicyNode node) {
    node.state = QUEUED;
    queue.addLast(node);
  }

  @Override
  public boolean usesReads() {
    return false;
  }

  @Override
  public void onAccess(PolicyNode node) {
    // insertion order only
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    // insertion order only
  }

  @Override
  public void onRemove(PolicyNode node) {
    if (node.state != 0) {
      queue.remove(node);
      node.state = 0;
    }
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound() && !queue.isEmpty()) {
      eviction.evict(queue.first);
    }
  }
}
