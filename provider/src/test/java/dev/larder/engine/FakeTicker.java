package dev.larder.engine;

import dev.larder.expiry.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test advances it. */
final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(-Duration.ofDays(1).toNanos());

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  long plus(Duration duration) {
    return nanos.get() + duration.toNanos();
  }
}
