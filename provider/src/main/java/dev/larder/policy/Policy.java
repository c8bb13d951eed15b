package dev.larder.policy;

import java.util.Objects;

/**
 * An eviction policy: decides which entry leaves when a bounded store is over its bound.
 *
 * <p>The engine replays recorded reads and writes onto the policy in batches, so a policy is plain
 * single-threaded code. Nodes reach a policy through {@link #onAdd}, are reordered by
 * {@link #onAccess} and {@link #onUpdate}, and leave through {@link #onRemove}, which the engine calls
 * both for removals it was asked to make and for the victims the policy hands to
 * {@link Eviction#evict}.
 *
 * <p>Thread-safety: not thread-safe; the engine calls it only while holding its maintenance lock.
 */
public interface Policy {

  /** The callback through which a policy evicts while the store is over its bound. */
  interface Eviction {

    /** Returns whether the store is still over its bound (counting room reserved for an incoming node). */
    boolean overBound();

    /** Removes {@code victim} from the store; the engine calls {@link Policy#onRemove} before returning. */
    void evict(PolicyNode victim);
  }

  /**
   * Creates the policy of the given kind for a store bounded to {@code maximum}: entries, or weight
   * when {@code weighted} (then structures sized in entries, such as sketches and ghost lists, follow
   * the number of entries actually held rather than the weight bound).
   */
  static Policy create(PolicyKind kind, long maximum, boolean weighted) {
    Objects.requireNonNull(kind, "kind");
    if (maximum < 0) {
      throw new IllegalArgumentException("maximum must be >= 0, was " + maximum);
    }
    switch (kind) {
      case LRU:
        return new LruPolicy();
      case FIFO:
        return new FifoPolicy();
      case LFU:
        return new LfuPolicy(maximum, weighted);
      case RANDOM:
        return new RandomPolicy();
      case ARC:
        return new ArcPolicy(maximum, weighted);
      case SIEVE:
        return new SievePolicy();
      case S3_FIFO:
        return new S3FifoPolicy(maximum, weighted);
      case W_TINYLFU:
        return new WTinyLfuPolicy(maximum, weighted);
      default:
        throw new IllegalArgumentException("unknown policy " + kind);
    }
  }

  /** Returns the policy's name as reported by {@code Store.policyName()}. */
  String name();

  /**
   * Returns true when the policy makes room before a new node is added (the classic order of LRU,
   * ARC, SIEVE, S3-FIFO), false when the node is added first and the policy then evicts (W-TinyLFU,
   * whose admission compares the newcomer with a victim).
   */
  boolean makesRoomFirst();

  /** Returns false when {@link #onAccess} ignores reads, so the engine need not record them. */
  default boolean usesReads() {
    return true;
  }

  /** Tells the policy which node is about to be added, before the room for it is made. */
  default void beforeAdd(PolicyNode node) {}

  /** Adds a node that is not yet in the policy. */
  void onAdd(PolicyNode node);

  /** Records a read of a node; ignored when the node is not in the policy. */
  void onAccess(PolicyNode node);

  /**
   * Counts {@code count} reads the engine did not replay because their nodes did not want them
   * ({@link PolicyNode#wantsReads()} false): a policy that measures its hit rate counts them as hits.
   */
  default void onUnrecordedReads(long count) {}

  /** Records a value change of a node whose weight was {@code oldWeight}; ignored when not in the policy. */
  void onUpdate(PolicyNode node, int oldWeight);

  /** Removes a node; ignored when the node is not in the policy. */
  void onRemove(PolicyNode node);

  /** Evicts victims through {@code eviction} while it reports the store over its bound. */
  void evict(Eviction eviction);

  /** Called once at the end of each maintenance cycle (for adaptation such as hill climbing). */
  default void afterMaintenance() {}
}
