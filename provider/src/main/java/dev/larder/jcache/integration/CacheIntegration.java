package dev.larder.jcache.integration;

import dev.larder.expiry.Ticker;
import dev.larder.integration.SingleFlight;
import dev.larder.integration.WriteBehindWriter;
import dev.larder.integration.WriteMode;
import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.copy.Copier;
import dev.larder.jcache.management.CacheStatistics;
import java.io.Closeable;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A cache's link to its system of record: the loader (read-through, {@code loadAll}), the writer
 * (write-through or write-around) and the miss hook, plus the single-flight group that collapses
 * concurrent loads of a key.
 *
 * <p>This is the seam for write strategies: {@link #create} is the one place that decides which
 * {@link Writer} and {@link PendingValues} a cache gets; the cache calls only {@link #writer()} and
 * {@link #pendingValues()}.
 *
 * <p>Thread-safety: immutable after creation; the parts are thread-safe.
 */
public final class CacheIntegration<K, V> {

  private static final Logger LOG = Logger.getLogger(CacheIntegration.class.getName());

  private final Loader<K, V> loader;
  private final boolean readThrough;
  private final Writer<K, V> writer;
  private final WriteMode writeMode;
  private final PendingValues<K, V> pendingValues;
  private final SingleFlight<K, V> singleFlight = new SingleFlight<>();

  CacheIntegration(Loader<K, V> loader, boolean readThrough, Writer<K, V> writer, WriteMode writeMode,
      PendingValues<K, V> pendingValues) {
    this.loader = loader;
    this.readThrough = readThrough && loader != null;
    this.writer = writer;
    this.writeMode = writeMode;
    this.pendingValues = pendingValues;
  }

  /**
   * Builds the loader and writer that {@code configuration} asks for. In {@link WriteMode#BEHIND} the
   * writer is wrapped in a {@link WriteBehindWriter} (whose journal, if any, is replayed here, before the
   * cache serves; which keeps its own {@code copier} copies of the values it queues), misses consult its queue, and the loader answers queued keys from it. Loader calls
   * are counted and timed in {@code statistics}.
   */
  public static <K, V> CacheIntegration<K, V> create(String cacheName, LarderConfiguration<K, V> configuration,
      Ticker ticker, ClassLoader classLoader, CacheStatistics statistics, Copier copier) {
    Factory<? extends CacheLoader<K, V>> loaderFactory = configuration.getCacheLoaderFactory();
    CacheLoader<K, V> cacheLoader = loaderFactory == null ? null : loaderFactory.create();
    Factory<? extends CacheWriter<? super K, ? super V>> writerFactory = configuration.getCacheWriterFactory();
    Writer<K, V> writer = (configuration.isWriteThrough() && writerFactory != null)
        ? Writer.of(writerFactory.create())
        : Writer.none();
    PendingValues<K, V> pending = PendingValues.none();
    if (configuration.getWriteMode() == WriteMode.BEHIND && writer.isEnabled()) {
      WriteBehindWriter<K, V> behind = WriteBehindWriter.<K, V>builder(cacheName, writer.delegate())
          .settings(configuration.getWriteBehind()).ticker(ticker).classLoader(classLoader)
          .valueCopier(value -> copier.copy(value, classLoader)).build();
      writer = Writer.of(behind);
      pending = key -> {
        WriteBehindWriter.Pending<V> queued = behind.lookupPending(key);
        return queued == null || queued.isDelete() ? null : queued.value();
      };
      cacheLoader = cacheLoader == null ? null : behind.pendingFirst(cacheLoader);
    }
    Loader<K, V> loader = cacheLoader == null ? null : new Loader<>(cacheLoader, statistics);
    return new CacheIntegration<>(loader, configuration.isReadThrough(), writer,
        configuration.getWriteMode(), pending);
  }

  /** The write-behind queue (for its statistics), or {@code null} unless the cache writes behind. */
  public WriteBehindWriter<K, V> writeBehind() {
    return writer.delegate() instanceof WriteBehindWriter<?, ?> behind ? cast(behind) : null;
  }

  @SuppressWarnings("unchecked")
  private static <K, V> WriteBehindWriter<K, V> cast(WriteBehindWriter<?, ?> behind) {
    return (WriteBehindWriter<K, V>) behind;
  }

  /** Returns {@code true} when misses of {@code get}, {@code getAll} and {@code invoke} load. */
  public boolean isReadThrough() {
    return readThrough;
  }

  /** The loader, or {@code null} when none is configured ({@code loadAll} then does nothing). */
  public Loader<K, V> loader() {
    return loader;
  }

  /** The writer the cache calls before each change; disabled without write-through. */
  public Writer<K, V> writer() {
    return writer;
  }

  /** Returns {@code true} when {@code put} writes and then invalidates instead of storing. */
  public boolean isWriteAround() {
    return writeMode == WriteMode.AROUND && writer.isEnabled();
  }

  /** The miss hook. */
  public PendingValues<K, V> pendingValues() {
    return pendingValues;
  }

  /** The group that shares concurrent loads of one key. */
  public SingleFlight<K, V> singleFlight() {
    return singleFlight;
  }

  /** Closes the loader and writer when they are {@link Closeable}; failures are logged. */
  public void close() {
    if (loader != null) {
      closeQuietly(loader.delegate());
    }
    closeQuietly(writer.delegate());
  }

  static void closeQuietly(Object resource) {
    if (resource instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Failed to close " + resource, e);
      }
    }
  }
}
