package dev.larder.integration;

/** How a cache with a {@code CacheWriter} passes writes on to the system of record. */
public enum WriteMode {
  /** The writer runs before the cache changes (the JCache write-through contract). */
  THROUGH,
  /** {@code put} writes through the writer and invalidates the cached entry instead of storing it. */
  AROUND,
  /** The cache and a journal take the write at once; a flusher sends coalesced batches later. */
  BEHIND
}
