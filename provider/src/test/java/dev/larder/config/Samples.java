package dev.larder.config;

import dev.larder.engine.Weigher;
import dev.larder.expiry.Ticker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** Small classes the sample configuration files name. Thread-safety: all stateless. */
final class Samples {

  private Samples() {}

  /** Loads a key's own string form. */
  public static final class EchoLoader implements CacheLoader<Object, Object> {
    @Override
    public Object load(Object key) {
      return "value-" + key;
    }

    @Override
    public Map<Object, Object> loadAll(Iterable<?> keys) {
      Map<Object, Object> result = new java.util.HashMap<>();
      keys.forEach(k -> result.put(k, load(k)));
      return result;
    }
  }

  /** A factory of {@link EchoLoader}, to show that a Factory class works where a loader is asked for. */
  public static final class EchoLoaderFactory implements Factory<CacheLoader<Object, Object>> {
    @Override
    public CacheLoader<Object, Object> create() {
      return new EchoLoader();
    }
  }

  /** Accepts and forgets every write. */
  public static final class NullWriter implements CacheWriter<Object, Object> {
    @Override
    public void write(javax.cache.Cache.Entry<?, ?> entry) {}

    @Override
    public void writeAll(java.util.Collection<javax.cache.Cache.Entry<?, ?>> entries) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {}
  }

  /** Weighs a value by its string length. */
  public static final class LengthWeigher implements Weigher<Object, Object> {
    @Override
    public int weigh(Object key, Object value) {
      return String.valueOf(value).length();
    }
  }

  /** A ticker stuck at zero. */
  public static final class ZeroTicker implements Ticker {
    @Override
    public long read() {
      return 0;
    }
  }

  /** Runs work on the calling thread. */
  public static final class CallerRunsExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }

  /** A listener that ignores what it hears. */
  public static final class QuietListener implements CacheEntryCreatedListener<Object, Object> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {}
  }

  /** Lets every event through. */
  public static final class PassFilter implements CacheEntryEventFilter<Object, Object> {
    @Override
    public boolean evaluate(CacheEntryEvent<?, ?> event) {
      return true;
    }
  }

  /** Entries live one minute from creation. */
  public static final class MinuteExpiry implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      return Duration.ONE_MINUTE;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  /** Supplies the keys 1, 2 and 3. */
  public static final class FirstKeys implements Supplier<Iterable<Long>> {
    @Override
    public Iterable<Long> get() {
      return List.of(1L, 2L, 3L);
    }
  }

  /** Not a loader: named where a loader is expected, it must be refused. */
  public static final class NotALoader {}
}
