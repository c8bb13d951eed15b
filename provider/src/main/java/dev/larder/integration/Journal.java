package dev.larder.integration;

import dev.larder.integration.WriteBehindSettings.FsyncPolicy;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The write-behind journal: an append-only log of the operations a {@link WriteBehindWriter} has
 * accepted but not yet handed to its writer, so that they survive a crash and are replayed at the next
 * start. Package-private; the writer is its only user.
 *
 * <h2>Format</h2>
 * The journal for base path {@code P} is a sequence of segment files {@code P.000001}, {@code P.000002},
 * ... Each starts with an 8-byte header (magic {@code LRDJ}, version) followed by records
 * {@code [int length][int CRC32C of payload][payload]}; the payload is
 * {@code [long seq][byte op][int keyLength][key][int valueLength][value]} (value length {@code -1} for a
 * delete). Sequence numbers grow across segments, so file order is sequence order.
 *
 * <h2>Replay</h2>
 * Every segment is read in order; for each key the record with the highest sequence wins. A damaged
 * last record of the newest segment is a torn write from a crash: it is dropped with a warning and cut
 * off. Damage anywhere else stops the start with a {@link JournalCorruptedException} naming the file
 * and the byte offset.
 *
 * <h2>Compaction</h2>
 * Each segment counts its <em>live</em> records: those whose operation is still queued or in flight.
 * The writer releases a record when its operation has been written or superseded by a newer one. Only
 * a <em>prefix</em> of segments with no live records is deleted: a superseded record may then only be
 * replayed together with the newer record that superseded it (which is in the same or a later, kept,
 * segment), so replay never resurrects an old value. When no record at all is live, the current segment
 * is truncated back to its header. A segment is sealed, and a new one started, past
 * {@link WriteBehindSettings#getJournalSegmentSize()} bytes.
 *
 * <h2>Implementation notes</h2>
 * Thread-safety: thread-safe. Appends, rotation, compaction and close hold this object's monitor, so a
 * sequence number is assigned in file order. {@link Segment#live} is an atomic counter, incremented
 * under the monitor at append and decremented by the flusher without it; a segment is only deleted
 * under the monitor after re-reading its counter. An {@link FsyncPolicy#INTERVAL} sync forces the
 * current file outside the monitor; a concurrent rotation syncs and closes that file itself. Files are
 * written through {@link RandomAccessFile}, whose I/O an interrupt does not abort: an interrupted
 * caller cannot close the journal for everyone, as it would an interruptible {@code FileChannel}.
 * {@link #awaitDurable} syncs under {@code syncLock}, reading the file and the last sequence number
 * under the monitor first; {@code durableSeq} only grows. Lock order: {@code syncLock}, then the
 * monitor.
 */
final class Journal implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Journal.class.getName());

  static final int MAGIC = 0x4C52444A; // "LRDJ"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8;
  static final int FRAME_BYTES = 8;
  static final int MIN_PAYLOAD = 8 + 1 + 4 + 4;
  static final int MAX_PAYLOAD = 256 << 20;
  static final byte PUT = 1;
  static final byte DELETE = 2;

  /** One segment file. */
  static final class Segment {
    final long number;
    final Path path;
    /** Records of this segment whose operation is still queued or in flight. */
    final AtomicInteger live = new AtomicInteger();
    /** Bytes in the file (guarded by the journal's monitor). */
    long size;

    Segment(long number, Path path, long size) {
      this.number = number;
      this.path = path;
      this.size = size;
    }
  }

  /** Where an appended record went. */
  record Position(long seq, Segment segment) {}

  /** The winning record of one key, read back at start. */
  record Replayed(long seq, boolean delete, Object key, Object value, Segment segment) {}

  private final Path base;
  private final FsyncPolicy fsyncPolicy;
  private final long segmentSize;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final CRC32C crc = new CRC32C();
  private FileChannel lockChannel;
  private FileLock lock;

  // Guarded by this.
  private Segment current;
  /** The current segment's file; a RandomAccessFile, not a FileChannel, so that an interrupted caller cannot close it. */
  private RandomAccessFile file;
  private long lastSeq;
  private boolean closed;
  private volatile boolean dirty;
  /** Every record up to this sequence number is on disk. */
  private final AtomicLong durableSeq = new AtomicLong();
  /** Held by the thread that syncs for a group of appenders ({@link #awaitDurable}). */
  private final Object syncLock = new Object();

  private Journal(Path base, FsyncPolicy fsyncPolicy, long segmentSize) {
    this.base = base;
    this.fsyncPolicy = fsyncPolicy;
    this.segmentSize = segmentSize;
  }

  /**
   * Opens the journal at {@code base}, replays what it holds into {@code replayed} (one record per key,
   * the latest) and starts a new segment for appends.
   */
  static Journal open(Path base, FsyncPolicy fsyncPolicy, long segmentSize, JournalSerializer serializer,
      List<Replayed> replayed) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    var journal = new Journal(base.toAbsolutePath(), fsyncPolicy, segmentSize);
    journal.lock();
    try {
      journal.replay(serializer, replayed);
    } catch (IOException | RuntimeException e) {
      journal.unlock();
      throw e;
    }
    return journal;
  }

  private void replay(JournalSerializer serializer, List<Replayed> replayed) throws IOException {
    List<Path> files = existingSegments();
    Map<Object, Replayed> latest = new LinkedHashMap<>();
    long maxNumber = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long number = segmentNumber(file);
      var segment = new Segment(number, file, 0);
      readSegment(segment, i == files.size() - 1, serializer, latest);
      segments.addLast(segment);
      maxNumber = number;
    }
    for (Replayed record : latest.values()) {
      record.segment().live.incrementAndGet();
      replayed.add(record);
    }
    synchronized (this) {
      startSegment(maxNumber + 1);
      compact();
    }
  }

  /** Takes the journal's lock file, so that two caches (in one process or two) never share a journal. */
  private void lock() throws IOException {
    Path lockFile = lockFile();
    lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("the write-behind journal " + base + " is in use by another cache (lock file "
          + lockFile + "); each write-behind cache needs a journal path of its own");
    }
  }

  private void unlock() throws IOException {
    try {
      if (lock != null) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }

  private Path lockFile() {
    return base.resolveSibling(base.getFileName() + ".lock");
  }

  /** Appends one operation and returns its sequence number and segment. */
  Position append(boolean delete, byte[] key, byte[] value) throws IOException {
    int payload = MIN_PAYLOAD + key.length + (delete ? 0 : value.length);
    if (payload > MAX_PAYLOAD) {
      throw new IOException("journal record of " + payload + " bytes exceeds the limit of " + MAX_PAYLOAD);
    }
    ByteBuffer buffer = ByteBuffer.allocate(FRAME_BYTES + payload);
    buffer.position(FRAME_BYTES);
    synchronized (this) {
      if (closed) {
        throw new ClosedChannelException();
      }
      long seq = lastSeq + 1;
      buffer.putLong(seq).put(delete ? DELETE : PUT).putInt(key.length).put(key);
      if (delete) {
        buffer.putInt(-1);
      } else {
        buffer.putInt(value.length).put(value);
      }
      crc.reset();
      crc.update(buffer.array(), FRAME_BYTES, payload);
      buffer.putInt(0, payload).putInt(4, (int) crc.getValue());
      buffer.flip();
      if (current.size + buffer.remaining() > segmentSize && current.size > HEADER_BYTES) {
        rotate();
      }
      try {
        file.write(buffer.array(), 0, buffer.limit());
      } catch (IOException e) {
        // Cut off a partly written record, so that later records do not follow garbage.
        try {
          file.setLength(current.size);
          file.seek(current.size);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      lastSeq = seq;
      current.size += FRAME_BYTES + payload;
      current.live.incrementAndGet();
      dirty = true;
      return new Position(seq, current);
    }
  }

  /**
   * Returns once the record {@code seq} is on disk: the {@link FsyncPolicy#EVERY_WRITE} step after
   * {@link #append}. One sync serves every record appended before it, so threads appending together
   * share it (group commit) instead of syncing one after another.
   */
  void awaitDurable(long seq) throws IOException {
    if (durableSeq.get() >= seq) {
      return;
    }
    synchronized (syncLock) {
      if (durableSeq.get() >= seq) {
        return;
      }
      RandomAccessFile target;
      long upTo;
      synchronized (this) {
        if (closed) {
          throw new ClosedChannelException();
        }
        target = file;
        upTo = lastSeq;
      }
      try {
        target.getFD().sync();
      } catch (IOException e) {
        synchronized (this) {
          if (target == file && !closed) {
            throw e;
          }
        }
        // Rotated or closed meanwhile, which synced that file first.
      }
      durableSeq.accumulateAndGet(upTo, Math::max);
    }
  }

  /** Records that the operation appended into {@code segment} no longer needs replaying. */
  void release(Segment segment) {
    if (segment.live.decrementAndGet() == 0) {
      synchronized (this) {
        try {
          compact();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not compact write-behind journal " + base + "; will retry", e);
        }
      }
    }
  }

  /** Forces appended records to disk (the {@link FsyncPolicy#INTERVAL} task). */
  void sync() {
    if (!dirty) {
      return;
    }
    RandomAccessFile target;
    synchronized (this) {
      if (closed) {
        return;
      }
      target = file;
      dirty = false;
    }
    try {
      target.getFD().sync();
    } catch (IOException e) {
      synchronized (this) {
        if (closed || target != file) {
          return; // rotated or closed meanwhile, which synced the file first
        }
      }
      dirty = true;
      LOG.log(Level.WARNING, "could not sync write-behind journal " + base, e);
    }
  }

  /** The segment files on disk, oldest first (for tests and messages). */
  synchronized List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Segment segment : segments) {
      files.add(segment.path);
    }
    return files;
  }

  /** Closes the journal; with {@code deleteFiles} (nothing left to replay) its files are removed too. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      file.getFD().sync();
      durableSeq.accumulateAndGet(lastSeq, Math::max);
    } finally {
      try {
        file.close();
      } finally {
        unlock();
      }
    }
    compact();
  }

  /**
   * Closes the journal and, when none of its records is live any more (nothing to replay), deletes its
   * files. Returns whether it deleted them.
   */
  synchronized boolean closeAndDeleteIfSettled() throws IOException {
    close();
    for (Segment segment : segments) {
      if (segment.live.get() > 0) {
        return false;
      }
    }
    for (Segment segment : segments) {
      Files.deleteIfExists(segment.path);
    }
    segments.clear();
    Files.deleteIfExists(lockFile());
    return true;
  }

  // ---- internals, all under the monitor ----

  private void rotate() throws IOException {
    file.getFD().sync();
    durableSeq.accumulateAndGet(lastSeq, Math::max);
    file.close();
    startSegment(current.number + 1);
    compact();
  }

  private void startSegment(long number) throws IOException {
    Path path = segmentPath(number);
    if (Files.exists(path)) {
      throw new IOException("journal segment " + path + " already exists");
    }
    file = new RandomAccessFile(path.toFile(), "rw");
    file.write(ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).array());
    file.getFD().sync();
    current = new Segment(number, path, HEADER_BYTES);
    segments.addLast(current);
  }

  private void compact() throws IOException {
    while (segments.size() > 1 && segments.peekFirst() != current && segments.peekFirst().live.get() == 0) {
      Files.deleteIfExists(segments.removeFirst().path);
    }
    if (!closed && segments.size() == 1 && current.live.get() == 0 && current.size > HEADER_BYTES) {
      file.setLength(HEADER_BYTES);
      file.seek(HEADER_BYTES);
      current.size = HEADER_BYTES;
    }
  }

  private Path segmentPath(long number) {
    return base.resolveSibling(base.getFileName() + "." + String.format("%06d", number));
  }

  private List<Path> existingSegments() throws IOException {
    var pattern = Pattern.compile(Pattern.quote(base.getFileName().toString()) + "\\.(\\d+)");
    List<Path> files = new ArrayList<>();
    try (var stream = Files.list(base.getParent())) {
      stream.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).forEach(files::add);
    }
    files.sort((a, b) -> Long.compare(segmentNumber(a), segmentNumber(b)));
    return files;
  }

  private static long segmentNumber(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
  }

  private void readSegment(Segment segment, boolean newest, JournalSerializer serializer,
      Map<Object, Replayed> latest) throws IOException {
    Path file = segment.path;
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < HEADER_BYTES) {
      if (!newest) {
        throw new JournalCorruptedException(file, 0, "the file is shorter than its header", null);
      }
      tornTail(file, 0, "an incomplete header");
      segment.size = 0;
      return;
    }
    if (in.getInt() != MAGIC || in.getInt() != VERSION) {
      throw new JournalCorruptedException(file, 0, "not a Larder journal (bad magic or version)", null);
    }
    long offset = HEADER_BYTES;
    while (offset < bytes.length) {
      int remaining = (int) (bytes.length - offset);
      String torn = null;
      int length = remaining >= 4 ? in.getInt((int) offset) : 0;
      if (remaining < FRAME_BYTES) {
        torn = "an incomplete record header";
      } else if (length < MIN_PAYLOAD || length > MAX_PAYLOAD) {
        if (!allZero(bytes, (int) offset)) {
          throw new JournalCorruptedException(file, offset, "impossible record length " + length, null);
        }
        torn = "a zero-filled tail";
      } else if (length > remaining - FRAME_BYTES) {
        torn = "a record cut short";
      } else {
        crc.reset();
        crc.update(bytes, (int) offset + FRAME_BYTES, length);
        if ((int) crc.getValue() != in.getInt((int) offset + 4)) {
          if (offset + FRAME_BYTES + length != bytes.length) {
            throw new JournalCorruptedException(file, offset, "checksum mismatch", null);
          }
          torn = "a last record whose checksum does not match";
        }
      }
      if (torn != null) {
        if (!newest) {
          throw new JournalCorruptedException(file, offset, torn + " in a sealed segment", null);
        }
        tornTail(file, offset, torn);
        break;
      }
      decode(segment, bytes, (int) offset + FRAME_BYTES, serializer, latest, offset);
      offset += FRAME_BYTES + length;
    }
    segment.size = offset;
  }

  private void decode(Segment segment, byte[] bytes, int at, JournalSerializer serializer,
      Map<Object, Replayed> latest, long offset) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(at);
    try {
      long seq = in.getLong();
      byte op = in.get();
      if (op != PUT && op != DELETE) {
        throw new JournalCorruptedException(segment.path, offset, "unknown operation " + op, null);
      }
      byte[] key = new byte[in.getInt()];
      in.get(key);
      int valueLength = in.getInt();
      Object value = null;
      if (op == PUT) {
        byte[] valueBytes = new byte[valueLength];
        in.get(valueBytes);
        value = serializer.deserialize(valueBytes);
      }
      Object k = serializer.deserialize(key);
      lastSeq = Math.max(lastSeq, seq);
      latest.remove(k);
      latest.put(k, new Replayed(seq, op == DELETE, k, value, segment));
    } catch (IOException | RuntimeException e) {
      if (e instanceof JournalCorruptedException corrupted) {
        throw corrupted;
      }
      throw new JournalCorruptedException(segment.path, offset, "the record cannot be decoded: " + e, e);
    }
  }

  private static boolean allZero(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void tornTail(Path file, long offset, String what) throws IOException {
    LOG.log(Level.WARNING, "write-behind journal " + file + " ends with " + what + " at byte offset " + offset
        + " (a write torn by a crash; its put had not returned); dropping it");
    try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(offset);
      ch.force(true);
    }
  }
}
