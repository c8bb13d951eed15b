package dev.larder.policy;

/**
 * Least recently used: one queue in access order; the victim is its oldest node.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class LruPolicy extends QueuePolicy {

  @Override
  public String name() {
    return "LRU";
  }

  @Override
  public void onAccess(PolicyNode node) {
    if (node.state != 0) {
      queue.moveToLast(node);
    }
  }
}
