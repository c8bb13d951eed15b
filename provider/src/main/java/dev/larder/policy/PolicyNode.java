package dev.larder.policy;

/**
 * The part of a cache entry that an eviction policy owns: links for one intrusive queue and one int
 * of packed policy state (which queue the node is in, and per-policy bits such as a frequency or a
 * "visited" flag). The engine's nodes extend this class, so an entry carries no separate policy object.
 *
 * <p>Thread-safety: the fields are read and written only by the thread that holds the engine's
 * maintenance lock; {@link #policyWeight()} and {@link #keyHash()} must be stable while the node is
 * inside a policy.
 */
public abstract class PolicyNode {

  PolicyNode prev;
  PolicyNode next;
  /** Zero while the node is in no policy queue; otherwise policy-defined, never zero. */
  int state;

  /** Creates a node that belongs to no policy yet. */
  protected PolicyNode() {}

  /** Returns the hash of the entry's key, used by frequency sketches and ghost lists. */
  public abstract int keyHash();

  /** Returns the weight the policy accounts for this node (1 for count-bounded stores). */
  public abstract int policyWeight();

  /** Returns whether a policy currently holds this node. */
  public final boolean isInPolicy() {
    return state != 0;
  }
}
