package dev.larder.engine;

/** Why the engine itself removed an entry (removals asked for through {@link Store#compute} are not reported). */
public enum RemovalCause {
  /** The entry's deadline passed. */
  EXPIRED,
  /** The eviction policy chose the entry to keep the store within its bound. */
  EVICTED
}
