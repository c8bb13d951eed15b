package dev.larder.integration;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of write-behind: when batches leave, how failures are retried, how large the backlog may
 * grow, and where the journal lives. A plain bean with defaults; validated when set.
 *
 * <p>Thread-safety: not thread-safe; configure it before the cache is created and do not change it after.
 */
public final class WriteBehindSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** When the journal forces its writes to disk. */
  public enum FsyncPolicy {
    /** After every appended record, before the cache operation returns. */
    EVERY_WRITE,
    /** At most every {@link #getFsyncInterval()}, from a background thread. */
    INTERVAL,
    /** Never explicitly; the operating system decides. */
    NEVER
  }

  private Duration flushDelay = Duration.ofMillis(200);
  private int batchSize = 100;
  private int maxBacklog = 10_000;
  private Duration backlogWaitTimeout = Duration.ofSeconds(10);
  private Duration retryInitialBackoff = Duration.ofMillis(100);
  private Duration retryMaxBackoff = Duration.ofSeconds(10);
  private String journalPath;
  private FsyncPolicy fsyncPolicy = FsyncPolicy.INTERVAL;
  private Duration fsyncInterval = Duration.ofMillis(100);
  private String serializerClass;
  private long journalSegmentSize = 16L << 20;
  private Duration closeTimeout = Duration.ofSeconds(30);

  /** Creates settings with the defaults: 200 ms delay, batches of 100, a backlog of 10,000, no journal. */
  public WriteBehindSettings() {}

  /** Copies {@code other}. */
  public WriteBehindSettings(WriteBehindSettings other) {
    this.flushDelay = other.flushDelay;
    this.batchSize = other.batchSize;
    this.maxBacklog = other.maxBacklog;
    this.backlogWaitTimeout = other.backlogWaitTimeout;
    this.retryInitialBackoff = other.retryInitialBackoff;
    this.retryMaxBackoff = other.retryMaxBackoff;
    this.journalPath = other.journalPath;
    this.fsyncPolicy = other.fsyncPolicy;
    this.fsyncInterval = other.fsyncInterval;
    this.serializerClass = other.serializerClass;
    this.journalSegmentSize = other.journalSegmentSize;
    this.closeTimeout = other.closeTimeout;
  }

  /** How long a write waits in the queue, to be coalesced, before it is sent. */
  public Duration getFlushDelay() {
    return flushDelay;
  }

  public WriteBehindSettings setFlushDelay(Duration flushDelay) {
    this.flushDelay = nonNegative("flushDelay", flushDelay);
    return this;
  }

  /** The most entries sent to the writer in one {@code writeAll} or {@code deleteAll}; a full batch leaves at once. */
  public int getBatchSize() {
    return batchSize;
  }

  public WriteBehindSettings setBatchSize(int batchSize) {
    this.batchSize = positive("batchSize", batchSize);
    return this;
  }

  /** The most distinct keys waiting to be written; past it, callers wait. */
  public int getMaxBacklog() {
    return maxBacklog;
  }

  public WriteBehindSettings setMaxBacklog(int maxBacklog) {
    this.maxBacklog = positive("maxBacklog", maxBacklog);
    return this;
  }

  /** How long a caller waits for room in a full backlog before it gets an exception. */
  public Duration getBacklogWaitTimeout() {
    return backlogWaitTimeout;
  }

  public WriteBehindSettings setBacklogWaitTimeout(Duration backlogWaitTimeout) {
    this.backlogWaitTimeout = nonNegative("backlogWaitTimeout", backlogWaitTimeout);
    return this;
  }

  /** The first wait after a failed batch; it doubles on each further failure up to {@link #getRetryMaxBackoff()}. */
  public Duration getRetryInitialBackoff() {
    return retryInitialBackoff;
  }

  public WriteBehindSettings setRetryInitialBackoff(Duration retryInitialBackoff) {
    this.retryInitialBackoff = nonNegative("retryInitialBackoff", retryInitialBackoff);
    return this;
  }

  /** The longest wait between retries. */
  public Duration getRetryMaxBackoff() {
    return retryMaxBackoff;
  }

  public WriteBehindSettings setRetryMaxBackoff(Duration retryMaxBackoff) {
    this.retryMaxBackoff = nonNegative("retryMaxBackoff", retryMaxBackoff);
    return this;
  }

  /** The journal file, or {@code null} for none (queued writes are then lost if the process dies). */
  public Path getJournalPath() {
    return journalPath == null ? null : Path.of(journalPath);
  }

  public WriteBehindSettings setJournalPath(Path journalPath) {
    this.journalPath = journalPath == null ? null : journalPath.toString();
    return this;
  }

  /** When the journal is forced to disk. */
  public FsyncPolicy getFsyncPolicy() {
    return fsyncPolicy;
  }

  public WriteBehindSettings setFsyncPolicy(FsyncPolicy fsyncPolicy) {
    this.fsyncPolicy = Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
    return this;
  }

  /** The period of {@link FsyncPolicy#INTERVAL}. */
  public Duration getFsyncInterval() {
    return fsyncInterval;
  }

  public WriteBehindSettings setFsyncInterval(Duration fsyncInterval) {
    this.fsyncInterval = nonNegative("fsyncInterval", fsyncInterval);
    return this;
  }

  /** The class name of the journal's serializer, or {@code null} for Java serialization. */
  public String getSerializerClass() {
    return serializerClass;
  }

  public WriteBehindSettings setSerializerClass(String serializerClass) {
    this.serializerClass = serializerClass;
    return this;
  }

  /**
   * The size in bytes past which the journal starts a new segment file; segments whose operations have
   * all been written are deleted. 16 MiB unless set.
   */
  public long getJournalSegmentSize() {
    return journalSegmentSize;
  }

  public WriteBehindSettings setJournalSegmentSize(long journalSegmentSize) {
    if (journalSegmentSize < 4096) {
      throw new IllegalArgumentException("journalSegmentSize must be at least 4096 bytes, was " + journalSegmentSize);
    }
    this.journalSegmentSize = journalSegmentSize;
    return this;
  }

  /**
   * How long closing the cache waits for the queued writes to reach the writer; what is left after it
   * stays in the journal (if any) for the next start. 30 seconds unless set.
   */
  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public WriteBehindSettings setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = nonNegative("closeTimeout", closeTimeout);
    return this;
  }

  private static Duration nonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteBehindSettings other
        && flushDelay.equals(other.flushDelay)
        && batchSize == other.batchSize
        && maxBacklog == other.maxBacklog
        && backlogWaitTimeout.equals(other.backlogWaitTimeout)
        && retryInitialBackoff.equals(other.retryInitialBackoff)
        && retryMaxBackoff.equals(other.retryMaxBackoff)
        && Objects.equals(journalPath, other.journalPath)
        && fsyncPolicy == other.fsyncPolicy
        && fsyncInterval.equals(other.fsyncInterval)
        && Objects.equals(serializerClass, other.serializerClass)
        && journalSegmentSize == other.journalSegmentSize
        && closeTimeout.equals(other.closeTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flushDelay, batchSize, maxBacklog, journalPath, fsyncPolicy);
  }
}
