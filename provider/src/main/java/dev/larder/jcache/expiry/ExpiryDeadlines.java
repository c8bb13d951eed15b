package dev.larder.jcache.expiry;

import dev.larder.expiry.Ticker;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Turns a JCache {@link ExpiryPolicy} into engine deadlines: absolute {@link Ticker} nanoseconds,
 * {@link Long#MAX_VALUE} for never. {@code Duration.ZERO} gives a deadline of "now", which is already
 * expired; a {@code null} duration for access or update gives {@link #UNCHANGED}.
 *
 * <p>A policy that throws is treated as the spec allows ("an implementation specific default"): on
 * creation the entry never expires, on access or update its deadline is left unchanged.
 *
 * <p>Thread-safety: immutable; the policy itself must be thread-safe, as JCache requires.
 */
public final class ExpiryDeadlines {

  /** Returned for access and update when the policy leaves the deadline as it is. */
  public static final long UNCHANGED = Long.MIN_VALUE;

  private final ExpiryPolicy policy;
  private final Ticker ticker;
  private final boolean tracksAccess;
  private final boolean eternal;

  /** Wraps {@code policy}, reading time from {@code ticker}. */
  public ExpiryDeadlines(ExpiryPolicy policy, Ticker ticker) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    // The spec's own policies that never change a deadline on access: reads need no atomic step.
    Class<?> type = policy.getClass();
    this.tracksAccess = type != EternalExpiryPolicy.class
        && type != CreatedExpiryPolicy.class
        && type != ModifiedExpiryPolicy.class;
    this.eternal = type == EternalExpiryPolicy.class;
  }

  /** The policy, for closing it with the cache. */
  public ExpiryPolicy policy() {
    return policy;
  }

  /** Returns {@code false} when reads can never change a deadline, so a hit needs no atomic step. */
  public boolean tracksAccess() {
    return tracksAccess;
  }

  /** Returns {@code true} under the spec's eternal policy: no entry ever expires. */
  public boolean isEternal() {
    return eternal;
  }

  /**
   * Reads the ticker. Under the spec's eternal policy no deadline ever depends on the time, so this
   * returns {@code 0} without reading it: writes then cost no clock read.
   */
  public long now() {
    return eternal ? 0L : ticker.read();
  }

  /** Returns the deadline of an entry created at {@code now}. */
  public long creation(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException policyFailure) {
      return Long.MAX_VALUE;
    }
    return duration == null ? Long.MAX_VALUE : deadline(now, duration);
  }

  /** Returns the new deadline of an entry read at {@code now}, or {@link #UNCHANGED}. */
  public long access(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForAccess();
    } catch (RuntimeException policyFailure) {
      return UNCHANGED;
    }
    return duration == null ? UNCHANGED : deadline(now, duration);
  }

  /** Returns the new deadline of an entry updated at {@code now}, or {@link #UNCHANGED}. */
  public long update(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForUpdate();
    } catch (RuntimeException policyFailure) {
      return UNCHANGED;
    }
    return duration == null ? UNCHANGED : deadline(now, duration);
  }

  /** Returns {@code true} when an entry with {@code deadline} is expired at {@code now}. */
  public static boolean isExpired(long deadline, long now) {
    return deadline != Long.MAX_VALUE && deadline - now <= 0;
  }

  private static long deadline(long now, Duration duration) {
    if (duration.isEternal()) {
      return Long.MAX_VALUE;
    }
    if (duration.isZero()) {
      return now;
    }
    long nanos = TimeUnit.NANOSECONDS.convert(duration.getDurationAmount(), duration.getTimeUnit());
    long deadline = now + nanos;
    // Saturate: a deadline past the ticker's range means never.
    if (((now ^ deadline) & (nanos ^ deadline)) < 0 || deadline == Long.MAX_VALUE || deadline == UNCHANGED) {
      return Long.MAX_VALUE;
    }
    return deadline;
  }
}
