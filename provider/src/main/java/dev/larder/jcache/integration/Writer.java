package dev.larder.jcache.integration;

import dev.larder.jcache.LarderEntry;
import java.util.Collection;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * The writer the cache calls before it changes an entry: the configured {@link CacheWriter} (or a
 * decorator of it, such as write-behind) with every failure turned into a {@link
 * CacheWriterException}. A cache without write-through has the {@link #none() disabled} writer, whose
 * calls do nothing.
 *
 * <p>Thread-safety: as thread-safe as the wrapped writer (JCache requires writers to be thread-safe).
 */
public final class Writer<K, V> {

  private static final Writer<?, ?> NONE = new Writer<>(null);

  private final CacheWriter<K, V> writer;

  @SuppressWarnings("unchecked") // a writer of supertypes of K and V accepts K and V
  Writer(CacheWriter<? super K, ? super V> writer) {
    this.writer = (CacheWriter<K, V>) writer;
  }

  /** Wraps {@code writer}. */
  public static <K, V> Writer<K, V> of(CacheWriter<? super K, ? super V> writer) {
    return new Writer<>(Objects.requireNonNull(writer, "writer"));
  }

  /** The writer of caches that do not write through. */
  @SuppressWarnings("unchecked")
  public static <K, V> Writer<K, V> none() {
    return (Writer<K, V>) NONE;
  }

  /** Returns {@code true} when a writer is configured. */
  public boolean isEnabled() {
    return writer != null;
  }

  /** The wrapped writer, or {@code null}; for closing it with the cache. */
  public CacheWriter<? super K, ? super V> delegate() {
    return writer;
  }

  /** Writes one entry. */
  public void write(K key, V value) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(new LarderEntry<>(key, value));
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to write key " + key + ": " + e, e);
    }
  }

  /**
   * Writes entries; those written are removed from {@code entries} by the writer, so on failure what
   * is left in it was not written.
   */
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (writer == null || entries.isEmpty()) {
      return;
    }
    try {
      writer.writeAll(entries);
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to write entries: " + e, e);
    }
  }

  /** Deletes one key. */
  public void delete(K key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to delete key " + key + ": " + e, e);
    }
  }

  /**
   * Deletes keys; those deleted are removed from {@code keys} by the writer, so on failure what is
   * left in it was not deleted.
   */
  public void deleteAll(Collection<?> keys) {
    if (writer == null || keys.isEmpty()) {
      return;
    }
    try {
      writer.deleteAll(keys);
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to delete keys: " + e, e);
    }
  }
}
