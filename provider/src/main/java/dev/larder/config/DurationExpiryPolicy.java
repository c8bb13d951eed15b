package dev.larder.config;

import java.io.Serializable;
import java.util.Objects;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The expiry policy an {@code expiry { creation, access, update }} block describes: a fixed duration
 * after creation, and optionally after each access and each update ({@code null} there keeps the
 * entry's current deadline, as the spec defines). The JCache built-in policies each set one of these;
 * the file can set any combination.
 *
 * <p>Thread-safety: immutable.
 */
record DurationExpiryPolicy(Duration creation, Duration access, Duration update) implements ExpiryPolicy, Serializable {

  DurationExpiryPolicy {
    Objects.requireNonNull(creation, "creation");
  }

  @Override
  public Duration getExpiryForCreation() {
    return creation;
  }

  @Override
  public Duration getExpiryForAccess() {
    return access;
  }

  @Override
  public Duration getExpiryForUpdate() {
    return update;
  }

  /** Its factory; equal factories create equal policies. */
  Factory<ExpiryPolicy> factory() {
    return new PolicyFactory(this);
  }

  private record PolicyFactory(DurationExpiryPolicy policy) implements Factory<ExpiryPolicy> {
    private static final long serialVersionUID = 1L;

    @Override
    public ExpiryPolicy create() {
      return policy;
    }
  }
}
