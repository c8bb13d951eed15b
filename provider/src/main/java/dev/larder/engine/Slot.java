package dev.larder.engine;

/**
 * The view of one key that a {@link Remapping} reads and changes while it holds that key.
 *
 * <p>Thread-safety: valid only inside {@link Remapping#remap} on the calling thread.
 */
public interface Slot<V> {

  /** Returns the live value, or {@code null} when the key is absent or its entry has expired. */
  V value();

  /**
   * Returns the value of an entry that had expired when the remapping started, or {@code null}. The
   * engine drops such an entry unless the remapping sets a new value; reporting the expiry (for
   * example as a JCache {@code EXPIRED} event) is the caller's business.
   */
  V expiredValue();

  /** Returns the live entry's deadline in {@link dev.larder.expiry.Ticker} nanoseconds, or {@link Long#MAX_VALUE}. */
  long expiresAt();

  /** Maps the key to {@code value} with the given deadline ({@link Long#MAX_VALUE}: never). */
  void set(V value, long expiresAt);

  /** Changes the deadline of the live entry without changing its value; ignored when there is none. */
  void setExpiresAt(long expiresAt);

  /** Removes the entry. */
  void remove();
}
