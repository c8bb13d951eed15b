package dev.larder.config;

import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.configuration.LarderConfiguration.WarmUpMode;
import dev.larder.policy.PolicyKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * What one block of the file ({@code defaults}, a template, or a named cache) sets; {@code null}
 * fields are left to the layer below. Layers stack with {@link #overlay}: defaults, then the matching
 * template, then the named cache. {@link #applyTo} then lays the result over the configuration the
 * application asked for (the merge rule is in {@link ConfigFile}).
 *
 * <p>Thread-safety: built by one thread while the file is read, then only read (safely published
 * through {@link ConfigFile}'s final fields).
 */
final class CacheSettings {

  /**
   * A bound by entry count ({@code weight == false}) or by total weight; {@code value} {@link #NONE}
   * is the file's {@code unbounded}, which removes a bound a lower layer set.
   */
  record Bound(boolean weight, long value) {

    /** The value of {@code maximum-size = unbounded} / {@code maximum-weight = unbounded}. */
    static final long NONE = -1;

    boolean limited() {
      return value != NONE;
    }

    @Override
    public String toString() {
      return (weight ? "maximum-weight = " : "maximum-size = ") + (limited() ? String.valueOf(value) : "unbounded");
    }
  }

  /** The warm-up key source: either keys written in the file, or a supplier class. */
  record WarmUpKeys(List<Setting<Object>> keys, NamedClassFactory<Iterable<?>> supplier) {}

  Setting<Class<?>> keyType;
  Setting<Class<?>> valueType;
  Setting<Boolean> storeByValue;
  Setting<Boolean> statistics;
  Setting<Boolean> management;
  Setting<Boolean> readThrough;
  Setting<Boolean> writeThrough;
  Setting<PolicyKind> policy;
  Setting<Bound> bound;
  Setting<NamedClassFactory<Weigher<?, ?>>> weigher;
  Setting<NamedClassFactory<Ticker>> ticker;
  Setting<NamedClassFactory<Executor>> executor;
  Setting<Factory<ExpiryPolicy>> expiry;
  Setting<NamedClassFactory<CacheLoader<?, ?>>> loader;
  Setting<NamedClassFactory<CacheWriter<?, ?>>> writer;
  Setting<WriteMode> writeMode;
  /** Write-behind fields by key; each sets one field of a {@link WriteBehindSettings}. */
  Map<String, Setting<Consumer<WriteBehindSettings>>> writeBehind = new LinkedHashMap<>();
  Setting<List<CacheEntryListenerConfiguration<Object, Object>>> listeners;
  Setting<WarmUpKeys> warmUpKeys;
  Setting<WarmUpMode> warmUpMode;

  /** Returns a new layer: {@code upper}'s settings where it has them, else this one's. */
  CacheSettings overlay(CacheSettings upper) {
    CacheSettings r = new CacheSettings();
    r.keyType = pick(upper.keyType, keyType);
    r.valueType = pick(upper.valueType, valueType);
    r.storeByValue = pick(upper.storeByValue, storeByValue);
    r.statistics = pick(upper.statistics, statistics);
    r.management = pick(upper.management, management);
    r.readThrough = pick(upper.readThrough, readThrough);
    r.writeThrough = pick(upper.writeThrough, writeThrough);
    r.policy = pick(upper.policy, policy);
    r.bound = pick(upper.bound, bound);
    r.weigher = pick(upper.weigher, weigher);
    r.ticker = pick(upper.ticker, ticker);
    r.executor = pick(upper.executor, executor);
    r.expiry = pick(upper.expiry, expiry);
    r.loader = pick(upper.loader, loader);
    r.writer = pick(upper.writer, writer);
    r.writeMode = pick(upper.writeMode, writeMode);
    r.writeBehind.putAll(writeBehind);
    r.writeBehind.putAll(upper.writeBehind);
    r.listeners = pick(upper.listeners, listeners);
    r.warmUpKeys = pick(upper.warmUpKeys, warmUpKeys);
    r.warmUpMode = pick(upper.warmUpMode, warmUpMode);
    return r;
  }

  /**
   * A copy without the bound and expiry that come from {@code defaults} or a template, keeping those set
   * in the cache's own block under {@code caches} (or a system property naming that block).
   */
  CacheSettings withoutInheritedLimits() {
    CacheSettings r = new CacheSettings().overlay(this);
    r.bound = ownEntry(bound) ? bound : null;
    r.expiry = ownEntry(expiry) ? expiry : null;
    return r;
  }

  /**
   * The bound and the expiry these settings take from {@code defaults} or a template and that can lose
   * an entry (a limited bound, an expiry policy that is not eternal), each as {@code (setting, where)}.
   */
  List<Setting<String>> inheritedLimits() {
    List<Setting<String>> limits = new ArrayList<>();
    if (bound != null && !ownEntry(bound) && bound.value().limited()) {
      limits.add(new Setting<>(bound.value().toString(), bound.where()));
    }
    if (expiry != null && !ownEntry(expiry) && !(expiry.value().create() instanceof EternalExpiryPolicy)) {
      limits.add(new Setting<>("expiry", expiry.where()));
    }
    return limits;
  }

  private static boolean ownEntry(Setting<?> setting) {
    return setting != null && setting.where().key().startsWith("caches.");
  }

  private static <T> T pick(T upper, T lower) {
    return upper != null ? upper : lower;
  }

  /**
   * Checks what only the stacked layers can tell (a weight bound needs a weigher; warm-up keys must fit
   * the key type), and for a cache the file creates itself ({@code standalone}), that what it needs
   * comes from the file.
   */
  void checkStacked(boolean standalone, Collection<Problem> problems) {
    if (bound != null && bound.value().weight() && bound.value().limited() && weigher == null) {
      problems.add(new Problem(bound.where(), "maximum-weight needs a weigher; set weigher = <class name of a dev.larder.engine.Weigher>"));
    }
    if (keyType != null && warmUpKeys != null && warmUpKeys.value().keys() != null) {
      for (Setting<Object> key : warmUpKeys.value().keys()) {
        try {
          convertKey(key.value(), keyType.value());
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(key.where(), e.getMessage()));
        }
      }
    }
    if (!standalone) {
      return;
    }
    if (warmUpKeys != null && loader == null) {
      problems.add(new Problem(warmUpKeys.where(), "warm-up needs a loader; set loader = <class name of a CacheLoader>"));
    }
    if (writeMode != null && writeMode.value() != WriteMode.THROUGH) {
      String mode = "write-mode " + writeMode.value().name().toLowerCase(Locale.ROOT);
      if (writer == null) {
        problems.add(new Problem(writeMode.where(), mode + " needs a writer; set writer = <class name of a CacheWriter>"));
      } else if (writeThrough == null || !writeThrough.value()) {
        problems.add(new Problem(writeMode.where(), mode + " takes effect only with write-through = true"));
      }
    }
  }

  /**
   * Lays these settings over {@code target} (a copy of what the application asked for): Larder's own
   * options wherever the file sets them; JCache options only where {@code target} still has the
   * spec's default.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <K, V> void applyTo(LarderConfiguration<K, V> target) {
    Class<K> keys = target.getKeyType();
    Class<V> values = target.getValueType();
    if (keyType != null && keys == Object.class) {
      keys = (Class<K>) keyType.value();
    }
    if (valueType != null && values == Object.class) {
      values = (Class<V>) valueType.value();
    }
    target.setTypes(keys, values);
    if (storeByValue != null && target.isStoreByValue()) {
      target.setStoreByValue(storeByValue.value());
    }
    if (statistics != null && !target.isStatisticsEnabled()) {
      target.setStatisticsEnabled(statistics.value());
    }
    if (management != null && !target.isManagementEnabled()) {
      target.setManagementEnabled(management.value());
    }
    if (readThrough != null && !target.isReadThrough()) {
      target.setReadThrough(readThrough.value());
    }
    if (writeThrough != null && !target.isWriteThrough()) {
      target.setWriteThrough(writeThrough.value());
    }
    if (loader != null && target.getCacheLoaderFactory() == null) {
      target.setCacheLoaderFactory((Factory) loader.value());
    }
    if (writer != null && target.getCacheWriterFactory() == null) {
      target.setCacheWriterFactory((Factory) writer.value());
    }
    if (expiry != null && hasDefaultExpiry(target)) {
      target.setExpiryPolicyFactory(expiry.value());
    }
    if (listeners != null && !target.getCacheEntryListenerConfigurations().iterator().hasNext()) {
      for (CacheEntryListenerConfiguration<Object, Object> listener : listeners.value()) {
        target.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration(listener));
      }
    }
    if (policy != null) {
      target.setPolicy(policy.value());
    }
    if (bound != null) {
      if (!bound.value().limited()) {
        target.setMaximumSize(-1);
        target.setMaximumWeight(-1);
      } else if (bound.value().weight()) {
        target.setMaximumWeight(bound.value().value());
      } else {
        target.setMaximumSize(bound.value().value());
      }
    }
    if (weigher != null) {
      target.setWeigherFactory((Factory) weigher.value());
    }
    if (ticker != null) {
      target.setTickerFactory(ticker.value());
    }
    if (executor != null) {
      target.setExecutorFactory(executor.value());
    }
    if (writeMode != null) {
      target.setWriteMode(writeMode.value());
    }
    if (!writeBehind.isEmpty()) {
      WriteBehindSettings settings = new WriteBehindSettings(target.getWriteBehind());
      writeBehind.values().forEach(field -> field.value().accept(settings));
      target.setWriteBehind(settings);
    }
    if (warmUpKeys != null) {
      target.setWarmUpKeysFactory((Factory) warmUpFactory(target.getKeyType()));
    }
    if (warmUpMode != null) {
      target.setWarmUpMode(warmUpMode.value());
    }
  }

  private Factory<? extends Iterable<?>> warmUpFactory(Class<?> keyClass) {
    WarmUpKeys source = warmUpKeys.value();
    if (source.supplier() != null) {
      return source.supplier();
    }
    List<Object> converted = new ArrayList<>(source.keys().size());
    for (Setting<Object> key : source.keys()) {
      try {
        converted.add(convertKey(key.value(), keyClass));
      } catch (IllegalArgumentException e) {
        throw new LarderConfigException(key.where(), e.getMessage());
      }
    }
    return new KeyListFactory<>(converted);
  }

  private static boolean hasDefaultExpiry(LarderConfiguration<?, ?> target) {
    Factory<? extends ExpiryPolicy> factory = target.getExpiryPolicyFactory();
    return factory == null || factory.create() instanceof EternalExpiryPolicy;
  }

  /**
   * Converts a key as the file wrote it (a string, number or boolean) to {@code keyClass}.
   *
   * @throws IllegalArgumentException when it cannot
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object convertKey(Object raw, Class<?> keyClass) {
    String text = String.valueOf(raw);
    try {
      if (keyClass == Object.class) {
        return raw;
      } else if (keyClass == String.class) {
        return text;
      } else if (keyClass == Long.class) {
        return Long.valueOf(text);
      } else if (keyClass == Integer.class) {
        return Integer.valueOf(text);
      } else if (keyClass == Short.class) {
        return Short.valueOf(text);
      } else if (keyClass == Byte.class) {
        return Byte.valueOf(text);
      } else if (keyClass == Double.class) {
        return Double.valueOf(text);
      } else if (keyClass == Float.class) {
        return Float.valueOf(text);
      } else if (keyClass == Boolean.class && ("true".equals(text) || "false".equals(text))) {
        return Boolean.valueOf(text);
      } else if (keyClass == Character.class && text.length() == 1) {
        return text.charAt(0);
      } else if (keyClass == UUID.class) {
        return UUID.fromString(text);
      } else if (keyClass.isEnum()) {
        return Enum.valueOf((Class) keyClass, text);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("warm-up key '" + text + "' is not a valid " + keyClass.getName());
    }
    if (keyClass == Boolean.class || keyClass == Character.class) {
      throw new IllegalArgumentException("warm-up key '" + text + "' is not a valid " + keyClass.getName());
    }
    throw new IllegalArgumentException("keys of type " + keyClass.getName()
        + " cannot be written in the file; list String, number, boolean, Character, UUID or enum keys,"
        + " or use warm-up.keys-supplier");
  }
}
