package dev.larder.policy;

/**
 * First in, first out: one queue in insertion order; reads and updates do not reorder it.
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class FifoPolicy extends QueuePolicy {

  @Override
  public String name() {
    return "FIFO";
  }

  @Override
  public boolean usesReads() {
    return false;
  }

  @Override
  public void onAccess(PolicyNode node) {
    // insertion order only
  }
}
