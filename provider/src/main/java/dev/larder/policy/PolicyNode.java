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
 * or fewer) and {@link #markQuietRead()}, whose compare-and-set only moves one quiet state to the next
 * (read flag set, tally raised), so any state the lock holder stores meanwhile either wins or makes
 * it fail, losing at most that read's mark;
 * {@link #policyWeight()} and {@link #keyHash()} must be stable while the node is inside a policy.
 */
public abstract class PolicyNode {

  /*
   * Quiet states are negative: ~state holds a read flag in bit 0 and, for a node whose reads the
   * policy wants counted later rather than replayed now, the COUNTING bit and the reads not yet
   * counted in bits 1-4 (saturating at 15).
   */
  private static final int READ_FLAG = 1;
  private static final int PENDING_UNIT = 2;
  private static final int PENDING_MAX = 15;
  private static final int COUNTING = 32;
  /** A state for a node whose reads the policy does not want replayed, not read since it was set. */
  static final int QUIET = ~0;
  /** A {@link #QUIET} node that a reader has read since (a reference bit, as in CLOCK). */
  static final int QUIET_READ = ~READ_FLAG;
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
   * Zero while the node is in no policy queue; otherwise policy-defined, never zero, and negative (a
   * quiet state: {@link #QUIET}, {@link #QUIET_READ} or a tally) only while the policy does not want
   * the node's reads replayed.
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
   * Notes a read of a node that does not want reads replayed: marks it read (a reference bit, as in
   * CLOCK) and, when the policy tallies its reads, adds one to the tally. Writes only when that changes
   * the state, so a node read over and over is not written over and over once its tally is full.
   */
  public final void markQuietRead() {
    int current = state;
    int next = quietRead(current);
    if (next != current) {
      STATE.compareAndSet(this, current, next);
    }
  }

  /** The quiet {@code state} after one more read. */
  static int quietRead(int state) {
    int bits = ~state;
    if ((bits & COUNTING) != 0 && pending(state) < PENDING_MAX) {
      bits += PENDING_UNIT;
    }
    return ~(bits | READ_FLAG);
  }

  /** A quiet {@code state} with its read flag set and its tally unchanged (a read counted elsewhere). */
  static int markedRead(int state) {
    return state & ~READ_FLAG;
  }

  /** Whether a quiet {@code state} was read since the flag was last cleared. */
  static boolean wasRead(int state) {
    return (~state & READ_FLAG) != 0;
  }

  /** A quiet {@code state} with its read flag cleared and its tally kept. */
  static int unread(int state) {
    return state | READ_FLAG;
  }

  /** The reads tallied in a quiet {@code state} and not yet counted. */
  static int pending(int state) {
    return (~state >>> 1) & PENDING_MAX;
  }

  /** A quiet {@code state} that tallies reads, with {@code pending} of them and the read flag given. */
  static int tallying(int pending, boolean read) {
    return ~(COUNTING | pending * PENDING_UNIT | (read ? READ_FLAG : 0));
  }

  /** Returns whether a policy currently holds this node. */
  public final boolean isInPolicy() {
    return state != 0;
  }
}
