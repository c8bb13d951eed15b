package dev.larder.policy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The part of a cache entry that an eviction policy owns: links for one intrusive queue and one int
 * of packed policy state (which queue the node is in, and per-policy bits such as a frequency or a
 * "visited" flag). The engine's nodes extend this class, so an entry carries no separate policy object.
 *
 * <p>Thread-safety: the fields are read and written by the thread that holds the engine's maintenance
 * lock. Readers without the lock only call {@link #wantsReads()} (a stale answer records one read more
 * or fewer) and {@link #markQuietRead()}, whose compare-and-set only turns {@link #QUIET} into
 * {@link #QUIET_READ}, so any state the lock holder stores meanwhile either wins or makes it fail;
 * {@link #policyWeight()} and {@link #keyHash()} must be stable while the node is inside a policy.
 */
public abstract class PolicyNode {

  /** A state for a node whose reads the policy does not want replayed, not read since it was set. */
  static final int QUIET = -1;
  /** A {@link #QUIET} node that a reader has read since (a reference bit, as in CLOCK). */
  static final int QUIET_READ = -2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PolicyNode.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  PolicyNode prev;
  PolicyNode next;
  /**
   * Zero while the node is in no policy queue; otherwise policy-defined, never zero, and negative
   * ({@link #QUIET} or {@link #QUIET_READ}) only while the policy has no use for the node's reads.
   */
  int state;

  /** Creates a node that belongs to no policy yet. */
  protected PolicyNode() {}

  /** Returns the hash of the entry's key, used by frequency sketches and ghost lists. */
  public abstract int keyHash();

  /** Returns the weight the policy accounts for this node (1 for count-bounded stores). */
  public abstract int policyWeight();

  /**
   * Returns whether the engine should replay this node's reads to the policy one by one. False while
   * a read would change nothing the policy keeps (W-TinyLFU: a protected entry whose frequency count
   * is saturated), so the engine only counts such reads (see {@link Policy#onUnrecordedReads}) and
   * calls {@link #markQuietRead()}.
   */
  public final boolean wantsReads() {
    return state >= 0;
  }

  /**
   * Notes a read of a node that does not want reads: a {@link #QUIET} node becomes
   * {@link #QUIET_READ}, which the policy may take as a sign of recent use. Writes only once per
   * mark, so a node read over and over is not written over and over.
   */
  public final void markQuietRead() {
    if (state == QUIET) {
      STATE.compareAndSet(this, QUIET, QUIET_READ);
    }
  }

  /** Returns whether a policy currently holds this node. */
  public final boolean isInPolicy() {
    return state != 0;
  }
}
