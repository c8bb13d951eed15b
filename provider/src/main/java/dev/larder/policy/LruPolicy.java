package dev.larder.policy;

/**
 * Least recently used: one queue in access order; the victim is its oldest node.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class LruPolicy implements Policy {

  private static final int QUEUED = 1;
  private final NodeDeque queue = new NodeDeque();

  @Override
  public String name() {
    return "LRU";
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
  public void onAccess(PolicyNode node) {
    if (node.state != 0) {
      queue.moveToLast(node);
    }
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    onAccess(node);
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
