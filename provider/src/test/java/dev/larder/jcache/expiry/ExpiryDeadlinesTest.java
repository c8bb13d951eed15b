package dev.larder.jcache.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;

class ExpiryDeadlinesTest {

  private static final long NOW = 5_000_000_000L;

  /** A policy whose every method throws. */
  static final class BrokenPolicy implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      throw new IllegalStateException("broken");
    }

    @Override
    public Duration getExpiryForAccess() {
      throw new IllegalStateException("broken");
    }

    @Override
    public Duration getExpiryForUpdate() {
      throw new IllegalStateException("broken");
    }
  }

  private static ExpiryDeadlines deadlines(ExpiryPolicy policy) {
    return new ExpiryDeadlines(policy, () -> NOW);
  }

  @Test
  void durationsBecomeTickerDeadlines() {
    ExpiryDeadlines deadlines = deadlines(new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 250)));

    assertThat(deadlines.creation(NOW)).isEqualTo(NOW + 250_000_000L);
    assertThat(deadlines.access(NOW)).isEqualTo(ExpiryDeadlines.UNCHANGED);
    assertThat(deadlines.update(NOW)).isEqualTo(ExpiryDeadlines.UNCHANGED);
  }

  @Test
  void zeroDurationIsAlreadyExpired() {
    ExpiryDeadlines deadlines = deadlines(new AccessedExpiryPolicy(Duration.ZERO));

    long deadline = deadlines.access(NOW);

    assertThat(ExpiryDeadlines.isExpired(deadline, NOW)).isTrue();
  }

  @Test
  void eternalNeverExpiresAndNeedsNoClock() {
    ExpiryDeadlines deadlines = deadlines(new EternalExpiryPolicy());

    assertThat(deadlines.creation(deadlines.now())).isEqualTo(Long.MAX_VALUE);
    assertThat(deadlines.now()).isZero();
    assertThat(deadlines.tracksAccess()).isFalse();
    assertThat(ExpiryDeadlines.isExpired(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
  }

  @Test
  void hugeDurationSaturatesToNever() {
    ExpiryDeadlines deadlines = deadlines(new CreatedExpiryPolicy(new Duration(TimeUnit.DAYS, Long.MAX_VALUE / 2)));

    assertThat(deadlines.creation(NOW)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void throwingPolicyFallsBackToEternalCreationAndUnchangedDeadlines() {
    ExpiryDeadlines deadlines = deadlines(new BrokenPolicy());

    assertThat(deadlines.creation(NOW)).isEqualTo(Long.MAX_VALUE);
    assertThat(deadlines.access(NOW)).isEqualTo(ExpiryDeadlines.UNCHANGED);
    assertThat(deadlines.update(NOW)).isEqualTo(ExpiryDeadlines.UNCHANGED);
    assertThat(deadlines.tracksAccess()).isTrue();
  }
}
