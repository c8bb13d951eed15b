package dev.larder.expiry;

/**
 * A hierarchical timer wheel (Varghese and Lauck, 1987) that finds the entries whose deadline has
 * passed in time proportional to their number, not to the number of entries.
 *
 * <p>Five levels of 64 buckets each; a bucket of level {@code i} spans {@code 2^SHIFT[i]} nanoseconds
 * (about 1 s, 69 s, 73 min, 78 h and 208 days), so the levels reach about 69 s, 73 min, 78 h, 208 days
 * and 36 years ahead; later deadlines wait in the last level and are placed again when it turns.
 * A node goes to the finest level whose reach covers its deadline. {@link #advance} visits, level by
 * level, every bucket from the one of the previous time to the one of the new time (always the current
 * finest one): a node found there expires if its deadline has passed and otherwise is placed again
 * relative to the new time, which is how nodes cascade from coarse to fine levels as the clock enters
 * their coarse bucket. So a node expires at the first advance that reaches its deadline; and because
 * every visit re-reads the deadline, a node that sits in a bucket too early (or whose deadline was
 * moved) is never expired before its time.
 *
 * <p>Implementation notes: each bucket is a circular doubly-linked list through the nodes' own
 * links with a sentinel; a visited bucket is detached whole before its nodes are handled, so the
 * callback may place nodes again (even into the same bucket) or remove other nodes.
 *
 * <p>Thread-safety: not thread-safe; the engine uses it only under its maintenance lock.
 */
public final class TimerWheel {

  /** Receives the nodes whose deadline has passed; they are no longer scheduled when it is called. */
  @FunctionalInterface
  public interface Expirer {
    /** Handles one expired node. */
    void expire(Timed node);
  }

  private static final int[] SHIFT = {30, 36, 42, 48, 54};
  private static final int BUCKETS = 64;
  private static final int MASK = BUCKETS - 1;

  private final Sentinel[][] wheel = new Sentinel[SHIFT.length][BUCKETS];
  private long nanos;

  /** Creates an empty wheel whose clock starts at {@code now}. */
  public TimerWheel(long now) {
    this.nanos = now;
    for (Sentinel[] level : wheel) {
      for (int i = 0; i < BUCKETS; i++) {
        level[i] = new Sentinel();
      }
    }
  }

  /** Returns the time of the last {@link #advance} (or of creation). */
  public long nanos() {
    return nanos;
  }

  /** Places {@code node} by its current deadline, moving it if already scheduled; a never-deadline is not held. */
  public void schedule(Timed node) {
    deschedule(node);
    long deadline = node.deadline();
    if (deadline == Long.MAX_VALUE) {
      return;
    }
    Sentinel bucket = bucketFor(deadline);
    Timed last = bucket.prev;
    node.setTimerPrev(last);
    node.setTimerNext(bucket);
    last.setTimerNext(node);
    bucket.prev = node;
  }

  /** Removes {@code node} from the wheel if it is scheduled. */
  public void deschedule(Timed node) {
    Timed next = node.timerNext();
    if (next == null) {
      return;
    }
    Timed prev = node.timerPrev();
    prev.setTimerNext(next);
    next.setTimerPrev(prev);
    node.setTimerPrev(null);
    node.setTimerNext(null);
  }

  /** Moves the clock to {@code now}, handing every node whose deadline has passed to {@code expirer}. */
  public void advance(long now, Expirer expirer) {
    long previous = nanos;
    if (now - previous <= 0) {
      return;
    }
    nanos = now;
    for (int level = 0; level < SHIFT.length; level++) {
      long previousTicks = previous >> SHIFT[level];
      long currentTicks = now >> SHIFT[level];
      long elapsed = currentTicks - previousTicks;
      if (elapsed <= 0 && level > 0) {
        break;
      }
      // From the bucket of the previous tick up to and including the current one: entering a
      // coarse bucket cascades its nodes to finer levels before their deadlines.
      int count = (int) Math.min(elapsed + 1, BUCKETS);
      for (int i = 0; i < count; i++) {
        visit(wheel[level][(int) ((previousTicks + i) & MASK)], now, expirer);
      }
    }
  }

  private void visit(Sentinel bucket, long now, Expirer expirer) {
    Timed node = bucket.next;
    if (node == bucket) {
      return;
    }
    bucket.prev = bucket;
    bucket.next = bucket;
    while (node != bucket) {
      Timed next = node.timerNext();
      node.setTimerPrev(null);
      node.setTimerNext(null);
      long deadline = node.deadline();
      if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
        expirer.expire(node);
      } else {
        schedule(node);
      }
      node = next;
    }
  }

  private Sentinel bucketFor(long deadline) {
    long delta = deadline - nanos;
    if (delta < 0 && deadline > nanos) {
      delta = Long.MAX_VALUE; // the subtraction overflowed: very far ahead
    }
    // A passed deadline goes to the current finest bucket, visited at the next tick.
    long when = (delta <= 0) ? nanos : deadline;
    for (int level = 0; level < SHIFT.length; level++) {
      if (delta < (1L << (SHIFT[level] + 6))) {
        return wheel[level][(int) ((when >> SHIFT[level]) & MASK)];
      }
    }
    int top = SHIFT.length - 1;
    long capped = nanos + (1L << (SHIFT[top] + 6)) - (1L << SHIFT[top]);
    return wheel[top][(int) ((capped >> SHIFT[top]) & MASK)];
  }

  /** The head of one bucket's circular list. */
  private static final class Sentinel implements Timed {
    Timed prev = this;
    Timed next = this;

    @Override
    public long deadline() {
      return Long.MAX_VALUE;
    }

    @Override
    public Timed timerPrev() {
      return prev;
    }

    @Override
    public void setTimerPrev(Timed prev) {
      this.prev = prev;
    }

    @Override
    public Timed timerNext() {
      return next;
    }

    @Override
    public void setTimerNext(Timed next) {
      this.next = next;
    }
  }
}
