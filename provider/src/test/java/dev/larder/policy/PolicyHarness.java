package dev.larder.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Drives a policy directly, as the engine would with maintenance after every operation: a read of a
 * node that does not want reads is only marked and counted.
 */
final class PolicyHarness {

  /** A node keyed by an int, of unit weight unless told otherwise. */
  static final class TestNode extends PolicyNode {
    final int key;
    int weight = 1;

    TestNode(int key) {
      this.key = key;
    }

    @Override
    public int keyHash() {
      return Integer.hashCode(key);
    }

    @Override
    public int policyWeight() {
      return weight;
    }
  }

  final Policy policy;
  final long maximum;
  final Map<Integer, TestNode> resident = new HashMap<>();
  long weight;
  long hits;
  long requests;
  private long reserve;

  private final Policy.Eviction eviction = new Policy.Eviction() {
    @Override
    public boolean overBound() {
      return weight + reserve > maximum;
    }

    @Override
    public void evict(PolicyNode victim) {
      TestNode node = (TestNode) victim;
      resident.remove(node.key);
      policy.onRemove(node);
      weight -= node.weight;
    }
  };

  PolicyHarness(PolicyKind kind, long maximum) {
    this.policy = Policy.create(kind, maximum, false);
    this.maximum = maximum;
  }

  /** A read that inserts on a miss; returns whether it hit. */
  boolean access(int key) {
    requests++;
    TestNode node = resident.get(key);
    if (node != null) {
      hits++;
      if (node.wantsReads()) {
        policy.onAccess(node);
      } else {
        node.markQuietRead();
        policy.onUnrecordedReads(1);
      }
      policy.afterMaintenance();
      return true;
    }
    node = new TestNode(key);
    resident.put(key, node);
    if (policy.makesRoomFirst()) {
      policy.beforeAdd(node);
      reserve = node.weight;
      policy.evict(eviction);
      reserve = 0;
    }
    policy.onAdd(node);
    weight += node.weight;
    policy.evict(eviction);
    policy.afterMaintenance();
    return false;
  }

  double hitRate() {
    return (double) hits / requests;
  }
}
