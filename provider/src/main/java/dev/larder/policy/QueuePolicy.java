package dev.larder.policy;

/**
 * One queue in insertion order with an update counted as a read, shared by {@link LruPolicy} and
 * {@link FifoPolicy}, whose victim is the oldest node (they differ only in whether a read moves a
 * node to the young end), and by {@link SievePolicy}, which chooses its victim with a hand instead.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
abstract class QueuePolicy implements Policy {

  /** The state of a node in the queue; subclasses may add bits of their own. */
  static final int QUEUED = 1;
  final NodeDeque queue = new NodeDeque();

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
