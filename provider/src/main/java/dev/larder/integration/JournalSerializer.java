package dev.larder.integration;

import java.io.IOException;

/**
 * Turns the keys and values of write-behind operations into bytes for the journal, and back when the
 * journal is replayed. The default is {@link JavaJournalSerializer}; name another implementation (with a
 * public no-argument constructor) in {@link WriteBehindSettings#setSerializerClass(String)}. The JDBC
 * store also uses one to keep values in a binary column.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once.
 */
public interface JournalSerializer {

  /** Returns the bytes of {@code object} (never {@code null} itself). */
  byte[] serialize(Object object) throws IOException;

  /** Rebuilds the object that {@link #serialize} turned into {@code bytes}. */
  Object deserialize(byte[] bytes) throws IOException;
}
