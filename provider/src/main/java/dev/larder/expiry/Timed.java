package dev.larder.expiry;

/**
 * An entry that a {@link TimerWheel} can hold: it has a deadline and two links that only the wheel
 * uses. A node is scheduled exactly when {@link #timerNext()} is non-null.
 *
 * <p>Thread-safety: the links are read and written only by the thread that owns the wheel (the
 * engine's maintenance thread); {@link #deadline()} may be changed by other threads, and the wheel
 * re-reads it before expiring a node.
 */
public interface Timed {

  /** Returns the deadline in {@link Ticker} nanoseconds; {@link Long#MAX_VALUE} means never. */
  long deadline();

  /** Returns the previous node in the wheel bucket. */
  Timed timerPrev();

  /** Sets the previous node in the wheel bucket. */
  void setTimerPrev(Timed prev);

  /** Returns the next node in the wheel bucket, or {@code null} when not scheduled. */
  Timed timerNext();

  /** Sets the next node in the wheel bucket. */
  void setTimerNext(Timed next);
}
