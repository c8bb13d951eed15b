package dev.larder.policy;

/** The eviction policies a bounded cache can use; {@link #W_TINYLFU} is the default. */
public enum PolicyKind {
  /** Least recently used. */
  LRU,
  /** Least frequently used, with aging so that formerly hot keys can leave. */
  LFU,
  /** First in, first out. */
  FIFO,
  /** A uniformly random victim. */
  RANDOM,
  /** Adaptive Replacement Cache (Megiddo and Modha, FAST 2003). */
  ARC,
  /** SIEVE (Zhang et al., NSDI 2024). */
  SIEVE,
  /** S3-FIFO (Yang et al., SOSP 2023). */
  S3_FIFO,
  /** Window TinyLFU with a count-min sketch and hill-climbing window (Einziger, Friedman, Manes). */
  W_TINYLFU
}
