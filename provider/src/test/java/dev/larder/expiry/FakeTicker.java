package dev.larder.expiry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test advances it; shared by the tests of every package. Thread-safe. */
public final class FakeTicker implements Ticker {

  private final AtomicLong nanos;

  /** Starts at one second. */
  public FakeTicker() {
    this(1_000_000_000L);
  }

  /** Starts at {@code start} nanoseconds (negative times are valid ticker readings). */
  public FakeTicker(long start) {
    this.nanos = new AtomicLong(start);
  }

  @Override
  public long read() {
    return nanos.get();
  }

  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** The reading {@code duration} from now. */
  public long plus(Duration duration) {
    return nanos.get() + duration.toNanos();
  }
}
