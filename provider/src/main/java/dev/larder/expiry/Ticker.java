package dev.larder.expiry;

/**
 * The source of time for deadlines, in nanoseconds from an arbitrary origin. Everything in Larder
 * that reads the time reads it from a {@code Ticker}, so tests can drive expiry with a fake one.
 *
 * <p>Thread-safety: implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface Ticker {

  /** The ticker backed by {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** Returns the current time in nanoseconds; only differences between readings are meaningful. */
  long read();
}
