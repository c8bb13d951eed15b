package dev.larder.warmup;

/**
 * The management view of one cache's warm-up: how many of the keys have been loaded and whether it
 * has finished. Register a {@link WarmUpProgress} with a {@code javax.management.MBeanServer} to expose it.
 *
 * <p>Thread-safety: implementations are read from any thread.
 */
public interface WarmUpProgressMXBean {

  /**
   * Keys of the batches completed so far, whether the loader had a value for them or not, and including
   * keys skipped because the cache already held them.
   */
  long getKeysLoaded();

  /** Keys to load in all, or {@code -1} before the key source has been read. */
  long getKeysTotal();

  /** True once warming has finished, failed, or been abandoned because the cache closed. */
  boolean isDone();

  /** Why warming stopped early, or {@code null} when it did not. */
  String getFailure();
}
