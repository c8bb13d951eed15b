package dev.larder.jcache.configuration;

import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import dev.larder.policy.PolicyKind;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A JCache {@link javax.cache.configuration.MutableConfiguration} with Larder's own options: the
 * eviction policy and bound, the write mode, write-behind settings, cache warming, and the time and
 * maintenance sources. Any {@code CompleteConfiguration} works with Larder; this one adds what the
 * spec has no words for. Unset, a cache is unbounded and writes through.
 *
 * <p>Thread-safety: not thread-safe, like its superclass; a cache copies it on creation.
 */
public class LarderConfiguration<K, V> extends javax.cache.configuration.MutableConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  /** When the keys of {@link #getWarmUpKeysFactory()} are loaded. */
  public enum WarmUpMode {
    /** Before the cache is handed out: the first caller sees a warm cache. */
    BEFORE_FIRST_USE,
    /** On a background thread; the cache serves (and loads on miss) meanwhile. */
    BACKGROUND
  }

  private PolicyKind policy = PolicyKind.W_TINYLFU;
  private long maximumSize = -1;
  private long maximumWeight = -1;
  private Factory<? extends Weigher<? super K, ? super V>> weigherFactory;
  private Factory<? extends Ticker> tickerFactory;
  private Factory<? extends Executor> executorFactory;
  private WriteMode writeMode = WriteMode.THROUGH;
  private WriteBehindSettings writeBehind = new WriteBehindSettings();
  private Factory<? extends Iterable<? extends K>> warmUpKeysFactory;
  private WarmUpMode warmUpMode = WarmUpMode.BEFORE_FIRST_USE;

  /** Creates a configuration with the JCache defaults and no bound. */
  public LarderConfiguration() {}

  /** Copies {@code configuration}; Larder's own options too when it is a {@code LarderConfiguration}. */
  public LarderConfiguration(Configuration<K, V> configuration) {
    super(asComplete(configuration));
    if (configuration instanceof LarderConfiguration<K, V> other) {
      this.policy = other.policy;
      this.maximumSize = other.maximumSize;
      this.maximumWeight = other.maximumWeight;
      this.weigherFactory = other.weigherFactory;
      this.tickerFactory = other.tickerFactory;
      this.executorFactory = other.executorFactory;
      this.writeMode = other.writeMode;
      this.writeBehind = new WriteBehindSettings(other.writeBehind);
      this.warmUpKeysFactory = other.warmUpKeysFactory;
      this.warmUpMode = other.warmUpMode;
    }
  }

  private static <K, V> CompleteConfiguration<K, V> asComplete(Configuration<K, V> configuration) {
    Objects.requireNonNull(configuration, "configuration");
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return complete;
    }
    var basic = new javax.cache.configuration.MutableConfiguration<K, V>();
    basic.setTypes(configuration.getKeyType(), configuration.getValueType());
    basic.setStoreByValue(configuration.isStoreByValue());
    return basic;
  }

  /** The eviction policy of a bounded cache; {@link PolicyKind#W_TINYLFU} unless set. */
  public PolicyKind getPolicy() {
    return policy;
  }

  public LarderConfiguration<K, V> setPolicy(PolicyKind policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** The most entries the cache holds, or {@code -1} for no entry bound. */
  public long getMaximumSize() {
    return maximumSize;
  }

  /** Bounds the cache by entry count; {@code -1} removes the bound. Clears a weight bound. */
  public LarderConfiguration<K, V> setMaximumSize(long maximumSize) {
    if (maximumSize < -1) {
      throw new IllegalArgumentException("maximumSize must be >= 0 (or -1 for none), was " + maximumSize);
    }
    this.maximumSize = maximumSize;
    if (maximumSize >= 0) {
      this.maximumWeight = -1;
    }
    return this;
  }

  /** The most total weight the cache holds, or {@code -1} for no weight bound. */
  public long getMaximumWeight() {
    return maximumWeight;
  }

  /** Bounds the cache by total weight (needs a weigher); {@code -1} removes the bound. Clears an entry bound. */
  public LarderConfiguration<K, V> setMaximumWeight(long maximumWeight) {
    if (maximumWeight < -1) {
      throw new IllegalArgumentException("maximumWeight must be >= 0 (or -1 for none), was " + maximumWeight);
    }
    this.maximumWeight = maximumWeight;
    if (maximumWeight >= 0) {
      this.maximumSize = -1;
    }
    return this;
  }

  /** The factory of the weigher for a weight bound, or {@code null}. */
  public Factory<? extends Weigher<? super K, ? super V>> getWeigherFactory() {
    return weigherFactory;
  }

  public LarderConfiguration<K, V> setWeigherFactory(Factory<? extends Weigher<? super K, ? super V>> weigherFactory) {
    this.weigherFactory = weigherFactory;
    return this;
  }

  /** The factory of the time source, or {@code null} for {@link Ticker#SYSTEM}. */
  public Factory<? extends Ticker> getTickerFactory() {
    return tickerFactory;
  }

  public LarderConfiguration<K, V> setTickerFactory(Factory<? extends Ticker> tickerFactory) {
    this.tickerFactory = tickerFactory;
    return this;
  }

  /** The factory of the executor for maintenance and asynchronous work, or {@code null} for the common pool. */
  public Factory<? extends Executor> getExecutorFactory() {
    return executorFactory;
  }

  public LarderConfiguration<K, V> setExecutorFactory(Factory<? extends Executor> executorFactory) {
    this.executorFactory = executorFactory;
    return this;
  }

  /** How writes reach the writer; {@link WriteMode#THROUGH} unless set. */
  public WriteMode getWriteMode() {
    return writeMode;
  }

  public LarderConfiguration<K, V> setWriteMode(WriteMode writeMode) {
    this.writeMode = Objects.requireNonNull(writeMode, "writeMode");
    return this;
  }

  /** The write-behind settings (live object: change it before the cache is created). */
  public WriteBehindSettings getWriteBehind() {
    return writeBehind;
  }

  public LarderConfiguration<K, V> setWriteBehind(WriteBehindSettings writeBehind) {
    this.writeBehind = Objects.requireNonNull(writeBehind, "writeBehind");
    return this;
  }

  /** The factory of the keys loaded when the cache opens, or {@code null} for no warming. */
  public Factory<? extends Iterable<? extends K>> getWarmUpKeysFactory() {
    return warmUpKeysFactory;
  }

  public LarderConfiguration<K, V> setWarmUpKeysFactory(Factory<? extends Iterable<? extends K>> warmUpKeysFactory) {
    this.warmUpKeysFactory = warmUpKeysFactory;
    return this;
  }

  /** When warming happens. */
  public WarmUpMode getWarmUpMode() {
    return warmUpMode;
  }

  public LarderConfiguration<K, V> setWarmUpMode(WarmUpMode warmUpMode) {
    this.warmUpMode = Objects.requireNonNull(warmUpMode, "warmUpMode");
    return this;
  }

  // Covariant overrides so that a LarderConfiguration can be built in one chain.

  @Override
  public LarderConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
    super.setTypes(keyType, valueType);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> addCacheEntryListenerConfiguration(
      CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    super.addCacheEntryListenerConfiguration(listenerConfiguration);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setCacheLoaderFactory(Factory<? extends CacheLoader<K, V>> factory) {
    super.setCacheLoaderFactory(factory);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setCacheWriterFactory(Factory<? extends CacheWriter<? super K, ? super V>> factory) {
    super.setCacheWriterFactory(factory);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setExpiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
    super.setExpiryPolicyFactory(factory);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setReadThrough(boolean isReadThrough) {
    super.setReadThrough(isReadThrough);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setWriteThrough(boolean isWriteThrough) {
    super.setWriteThrough(isWriteThrough);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setStoreByValue(boolean isStoreByValue) {
    super.setStoreByValue(isStoreByValue);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setStatisticsEnabled(boolean enabled) {
    super.setStatisticsEnabled(enabled);
    return this;
  }

  @Override
  public LarderConfiguration<K, V> setManagementEnabled(boolean enabled) {
    super.setManagementEnabled(enabled);
    return this;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LarderConfiguration<?, ?> other) || !super.equals(o)) {
      return false;
    }
    return policy == other.policy
        && maximumSize == other.maximumSize
        && maximumWeight == other.maximumWeight
        && Objects.equals(weigherFactory, other.weigherFactory)
        && Objects.equals(tickerFactory, other.tickerFactory)
        && Objects.equals(executorFactory, other.executorFactory)
        && writeMode == other.writeMode
        && writeBehind.equals(other.writeBehind)
        && Objects.equals(warmUpKeysFactory, other.warmUpKeysFactory)
        && warmUpMode == other.warmUpMode;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Objects.hash(policy, maximumSize, maximumWeight, writeMode);
  }
}
