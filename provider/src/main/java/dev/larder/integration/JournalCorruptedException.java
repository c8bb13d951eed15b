package dev.larder.integration;

import java.nio.file.Path;
import javax.cache.CacheException;

/**
 * Thrown when a write-behind journal cannot be replayed because a record other than the last one of the
 * newest file is damaged. The cache does not start: the queued writes in the journal would otherwise be
 * lost silently. The message names the file and the byte offset of the damaged record.
 *
 * <p>Thread-safety: immutable.
 */
public final class JournalCorruptedException extends CacheException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  JournalCorruptedException(Path file, long offset, String problem, Throwable cause) {
    super("write-behind journal " + file + " is corrupt at byte offset " + offset + ": " + problem
        + " (the cache does not start, so that the queued writes it holds are not lost; repair or move the file)",
        cause);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged journal file. */
  public Path file() {
    return file;
  }

  /** The byte offset of the damaged record within {@link #file()}. */
  public long offset() {
    return offset;
  }
}
