package dev.larder.policy;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evicts a uniformly random entry: the nodes sit in an array and each node's state holds its index
 * plus one, so adding, removing (by swapping in the last node) and choosing are all O(1).
 *
 * <p>Thread-safety: not thread-safe; called under the engine's maintenance lock.
 */
final class RandomPolicy implements Policy {

  private PolicyNode[] nodes = new PolicyNode[16];
  private int size;

  @Override
  public String name() {
    return "RANDOM";
  }

  @Override
  public boolean makesRoomFirst() {
    return true;
  }

  @Override
  public void onAdd(PolicyNode node) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    nodes[size++] = node;
    node.state = size;
  }

  @Override
  public boolean usesReads() {
    return false;
  }

  @Override
  public void onAccess(PolicyNode node) {
    // the choice ignores history
  }

  @Override
  public void onUpdate(PolicyNode node, int oldWeight) {
    // the choice ignores history
  }

  @Override
  public void onRemove(PolicyNode node) {
    if (node.state == 0) {
      return;
    }
    int index = node.state - 1;
    PolicyNode last = nodes[--size];
    nodes[index] = last;
    last.state = index + 1;
    nodes[size] = null;
    node.state = 0;
  }

  @Override
  public void evict(Eviction eviction) {
    while (eviction.overBound() && size > 0) {
      eviction.evict(nodes[ThreadLocalRandom.current().nextInt(size)]);
    }
  }
}
