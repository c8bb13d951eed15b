package dev.larder.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.expiry.FakeTicker;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-behind journal: replay, torn tails, corruption, compaction, serializers. */
class WriteBehindJournalTest {

  @TempDir
  Path dir;

  private final FakeTicker ticker = new FakeTicker();
  private DataSource db;
  private final List<WriteBehindWriter<String, String>> opened = new ArrayList<>();
  private final Logger journalLog = Logger.getLogger(Journal.class.getName());
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public synchronized void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void setUp() {
    db = H2.newInMemory();
    journalLog.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    journalLog.removeHandler(capture);
    opened.forEach(WriteBehindWriter::close);
  }

  private Path journal() {
    return dir.resolve("orders.journal");
  }

  private WriteBehindSettings settings() {
    return new WriteBehindSettings()
        .setJournalPath(journal())
        .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.EVERY_WRITE)
        .setFlushDelay(Duration.ofMillis(100))
        .setRetryInitialBackoff(Duration.ofMillis(10))
        .setRetryMaxBackoff(Duration.ofMillis(10));
  }

  private WriteBehindWriter<String, String> open(WriteBehindSettings settings, CacheWriter<? super String, ? super String> delegate,
      ManualScheduler scheduler) {
    var writer = WriteBehindWriter.<String, String>builder("orders", delegate)
        .settings(settings).ticker(ticker).scheduler(scheduler).build();
    opened.add(writer);
    return writer;
  }

  /** Queues operations and stops without flushing, as if the process had died. */
  private void queueAndStop(WriteBehindSettings settings, java.util.function.Consumer<WriteBehindWriter<String, String>> work) {
    var writer = open(settings.setCloseTimeout(Duration.ZERO), H2.stringStore(db), new ManualScheduler(ticker));
    work.accept(writer);
    writer.close();
  }

  private List<Path> segments() throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("orders\\.journal\\.\\d+")).sorted().toList();
    }
  }

  private static Cache.Entry<String, String> entry(String key, String value) {
    return new Cache.Entry<>() {
      @Override
      public String getKey() {
        return key;
      }

      @Override
      public String getValue() {
        return value;
      }

      @Override
      public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException();
      }
    };
  }

  @Test
  void queuedOperationsAreReplayedByTheNextWriterOnTheSameJournal() {
    H2.stringStore(db).write(entry("c", "old"));
    queueAndStop(settings(), w -> {
      w.write(entry("a", "1"));
      w.write(entry("b", "2"));
      w.delete("c");
    });
    assertThat(H2.rows(db)).isEqualTo(Map.of("c", "old"));

    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings(), H2.stringStore(db), scheduler);
    assertThat(writer.lookupPending("a").value()).isEqualTo("1");
    assertThat(writer.lookupPending("c").isDelete()).isTrue();
    assertThat(writer.getBacklogSize()).isEqualTo(3);

    scheduler.runDue();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void laterOperationsOfAKeySupersedeEarlierOnesOnReplay() {
    queueAndStop(settings(), w -> {
      w.write(entry("a", "1"));
      w.write(entry("b", "1"));
      w.write(entry("a", "2"));
      w.delete("b");
      w.write(entry("c", "1"));
      w.delete("c");
      w.write(entry("c", "3"));
    });
    var recorder = new RecordingWriter<>(H2.stringStore(db));
    var scheduler = new ManualScheduler(ticker);
    open(settings(), recorder, scheduler);
    scheduler.runDue();
    assertThat(recorder.operations()).containsExactlyInAnyOrder("put a=2", "delete b", "put c=3");
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "2", "c", "3"));
  }

  @Test
  void aTornLastRecordIsDroppedWithAWarning() throws IOException {
    queueAndStop(settings(), w -> {
      w.write(entry("a", "1"));
      w.write(entry("b", "2"));
    });
    Path last = segments().get(segments().size() - 1);
    long size = Files.size(last);
    try (var file = new RandomAccessFile(last.toFile(), "rw")) {
      file.setLength(size - 3);
    }

    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings(), H2.stringStore(db), scheduler);
    assertThat(writer.lookupPending("a").value()).isEqualTo("1");
    assertThat(writer.lookupPending("b")).isNull();
    assertThat(logged).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
      assertThat(r.getMessage()).contains(last.toString()).contains("record cut short").contains("dropping it");
    });
    scheduler.runDue();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aZeroFilledTailIsTreatedAsTorn() throws IOException {
    queueAndStop(settings(), w -> w.write(entry("a", "1")));
    Path last = segments().get(segments().size() - 1);
    Files.write(last, new byte[64], java.nio.file.StandardOpenOption.APPEND);

    var writer = open(settings(), H2.stringStore(db), new ManualScheduler(ticker));
    assertThat(writer.lookupPending("a").value()).isEqualTo("1");
    assertThat(logged).anySatisfy(r -> assertThat(r.getMessage()).contains("zero-filled tail"));
  }

  @Test
  void corruptionBeforeTheLastRecordStopsTheStartNamingTheFileAndOffset() throws IOException {
    queueAndStop(settings(), w -> {
      w.write(entry("a", "1"));
      w.write(entry("b", "2"));
    });
    Path last = segments().get(segments().size() - 1);
    try (var file = new RandomAccessFile(last.toFile(), "rw")) {
      file.seek(Journal.HEADER_BYTES + Journal.FRAME_BYTES + 2); // inside the first record's sequence number
      file.write(file.read() ^ 0x40);
    }

    assertThatThrownBy(() -> open(settings(), H2.stringStore(db), new ManualScheduler(ticker)))
        .isInstanceOfSatisfying(JournalCorruptedException.class, e -> {
          assertThat(e.file()).isEqualTo(last);
          assertThat(e.offset()).isEqualTo(Journal.HEADER_BYTES);
        })
        .hasMessageContaining(last.toString())
        .hasMessageContaining("byte offset 8")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aDamagedEndOfASealedSegmentIsCorruptionNotATornTail() throws IOException {
    queueAndStop(settings().setJournalSegmentSize(4096), w -> {
      for (int i = 0; i < 40; i++) {
        w.write(entry("k" + i, "x".repeat(200)));
      }
    });
    List<Path> files = segments();
    assertThat(files.size()).isGreaterThan(1);
    Path first = files.get(0);
    long size = Files.size(first);
    try (var file = new RandomAccessFile(first.toFile(), "rw")) {
      file.setLength(size - 1);
    }
    assertThatThrownBy(() -> open(settings(), H2.stringStore(db), new ManualScheduler(ticker)))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining(first.toString())
        .hasMessageContaining("sealed segment");
  }

  @Test
  void theJournalIsTruncatedOnceEverythingInItIsWritten() throws IOException {
    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings(), H2.stringStore(db), scheduler);
    writer.write(entry("a", "1"));
    writer.write(entry("a", "2"));
    assertThat(Files.size(segments().get(0))).isGreaterThan(Journal.HEADER_BYTES);

    scheduler.advanceAndRun(Duration.ofMillis(100));

    assertThat(segments()).hasSize(1);
    assertThat(Files.size(segments().get(0))).isEqualTo(Journal.HEADER_BYTES);
  }

  @Test
  void writtenSegmentsAreDeletedSoTheJournalDoesNotGrowForever() throws IOException {
    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings().setJournalSegmentSize(4096).setBatchSize(1000), H2.stringStore(db), scheduler);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 40; i++) {
        writer.write(entry("k" + i, round + "x".repeat(200)));
      }
      assertThat(segments().size()).isGreaterThan(1);
      scheduler.advanceAndRun(Duration.ofMillis(100));
      assertThat(segments()).hasSize(1);
    }
    assertThat(H2.rows(db)).hasSize(40).containsEntry("k0", "4" + "x".repeat(200));
  }

  @Test
  void aSegmentHeldByAStuckWriteKeepsTheNewerSegmentsSoReplayNeverResurrectsOldValues() throws IOException {
    CacheWriter<String, Object> failsForStuck = new FailingForKey(H2.stringStore(db), "stuck");
    var scheduler = new ManualScheduler(ticker);
    var settings = settings().setJournalSegmentSize(4096).setCloseTimeout(Duration.ZERO);
    var writer = open(settings, failsForStuck, scheduler);
    writer.write(entry("stuck", "1"));
    writer.write(entry("x", "old"));
    scheduler.advanceAndRun(Duration.ofMillis(100)); // x=old written, stuck keeps failing
    for (int i = 0; i < 40; i++) {
      writer.write(entry("filler" + i, "y".repeat(200)));
    }
    writer.write(entry("x", "new"));
    scheduler.advanceAndRun(Duration.ofMillis(100)); // x=new written, in a later segment
    assertThat(H2.rows(db)).containsEntry("x", "new");
    writer.close(); // leaves "stuck" in the journal

    var next = new ManualScheduler(ticker);
    open(settings(), H2.stringStore(db), next);
    next.runDue();
    assertThat(H2.rows(db)).containsEntry("x", "new").containsEntry("stuck", "1");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void closeGivesUpOnAStuckWriterAfterItsTimeoutAndTheJournalKeepsTheWrite() throws Exception {
    var recorder = new RecordingWriter<>(H2.stringStore(db));
    recorder.gate = new java.util.concurrent.CountDownLatch(1);
    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings().setFlushDelay(Duration.ZERO).setCloseTimeout(Duration.ofMillis(50)), recorder, scheduler);
    writer.write(entry("a", "1"));
    var flusher = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var round = flusher.submit(scheduler::runDue);
      recorder.entered.await();

      writer.close(); // returns although the writer is stuck in writeAll
      long bytes = 0;
      for (Path segment : segments()) {
        bytes += Files.size(segment);
      }
      assertThat(bytes).isGreaterThan(Journal.HEADER_BYTES);

      recorder.gate.countDown();
      round.get();
    } finally {
      recorder.gate.countDown();
      flusher.shutdownNow();
    }
    var next = new ManualScheduler(ticker);
    open(settings(), H2.stringStore(db), next);
    next.runDue();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void theIntervalPolicySyncsTheJournalOnTheSchedulerEveryInterval() {
    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings().setFsyncPolicy(WriteBehindSettings.FsyncPolicy.INTERVAL)
        .setFsyncInterval(Duration.ofMillis(30)).setFlushDelay(Duration.ofHours(1)), H2.stringStore(db), scheduler);
    writer.write(entry("a", "1"));
    assertThat(scheduler.advanceAndRun(Duration.ofMillis(29))).isZero();
    assertThat(scheduler.advanceAndRun(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(scheduler.advanceAndRun(Duration.ofMillis(30))).isEqualTo(1);
  }

  @Test
  void anInterruptedCallerCannotBreakTheJournalForOthers() {
    var writer = open(settings(), H2.stringStore(db), new ManualScheduler(ticker));
    Thread.currentThread().interrupt();
    try {
      writer.write(entry("a", "1"));
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
    }
    writer.write(entry("b", "2"));
    writer.close();
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void writesFromManyThreadsSyncedTogetherAreAllReplayed() throws Exception {
    int threads = 8;
    int keys = 20;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      queueAndStop(settings().setJournalSegmentSize(4096), w -> {
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 100; i++) {
              w.write(entry("t" + thread + "-" + (i % keys), "v" + i));
            }
            return null;
          }));
        }
        start.countDown();
        for (var f : done) {
          try {
            f.get();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }
      });
    } finally {
      pool.shutdownNow();
    }
    var writer = open(settings(), H2.stringStore(db), new ManualScheduler(ticker));
    assertThat(writer.getBacklogSize()).isEqualTo(threads * keys);
    for (int t = 0; t < threads; t++) {
      for (int k = 0; k < keys; k++) {
        assertThat(writer.lookupPending("t" + t + "-" + k).value()).isEqualTo("v" + (80 + k));
      }
    }
  }

  @Test
  void twoWritersCannotShareAJournal() {
    open(settings(), H2.stringStore(db), new ManualScheduler(ticker));
    assertThatThrownBy(() -> open(settings(), H2.stringStore(db), new ManualScheduler(ticker)))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("is in use by another cache")
        .hasMessageContaining(journal().toString());
  }

  @Test
  void aCleanCloseDeletesTheJournal() throws IOException {
    var writer = open(settings(), H2.stringStore(db), new ManualScheduler(ticker));
    writer.write(entry("a", "1"));
    writer.close();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(H2.rows(db)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void theSerializerNamedInTheSettingsWritesTheJournal() throws IOException {
    queueAndStop(settings().setSerializerClass(Utf8Serializer.class.getName()), w -> w.write(entry("key-1", "value-1")));
    String journalText = new String(Files.readAllBytes(segments().get(0)), StandardCharsets.ISO_8859_1);
    assertThat(journalText).contains("value-1").doesNotContain("java.lang.String");

    var scheduler = new ManualScheduler(ticker);
    var writer = open(settings().setSerializerClass(Utf8Serializer.class.getName()), H2.stringStore(db), scheduler);
    assertThat(writer.lookupPending("key-1").value()).isEqualTo("value-1");
  }

  @Test
  void anUnusableSerializerClassIsAClearError() {
    assertThatThrownBy(() -> open(settings().setSerializerClass("no.such.Serializer"), H2.stringStore(db),
        new ManualScheduler(ticker)))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("no.such.Serializer")
        .hasMessageContaining("public no-argument constructor");
  }

  @Test
  void aValueThatCannotBeSerializedIsRejectedAndNotQueued() {
    var writer = WriteBehindWriter.<String, Object>builder("orders", new FailingForKey(H2.stringStore(db), "none"))
        .settings(settings()).ticker(ticker).scheduler(new ManualScheduler(ticker)).build();
    try {
      assertThatThrownBy(() -> writer.write(new Cache.Entry<String, Object>() {
        @Override
        public String getKey() {
          return "a";
        }

        @Override
        public Object getValue() {
          return new Object();
        }

        @Override
        public <T> T unwrap(Class<T> clazz) {
          throw new IllegalArgumentException();
        }
      })).isInstanceOf(CacheWriterException.class).hasMessageContaining("not Serializable");
      assertThat(writer.getBacklogSize()).isZero();
    } finally {
      writer.close();
    }
  }

  /** Stores strings as plain UTF-8 (so the test can see them in the file). */
  public static final class Utf8Serializer implements JournalSerializer {
    @Override
    public byte[] serialize(Object object) {
      return ((String) object).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object deserialize(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A writer that fails every batch containing one given key, and writes the others. */
  private static final class FailingForKey implements CacheWriter<String, Object> {
    private final CacheWriter<String, String> target;
    private final String bad;

    FailingForKey(CacheWriter<String, String> target, String bad) {
      this.target = target;
      this.bad = bad;
    }

    @Override
    public void write(Cache.Entry<? extends String, ?> entry) {
      throw new UnsupportedOperationException("write-behind only calls writeAll");
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ?>> entries) {
      var it = entries.iterator();
      while (it.hasNext()) {
        Cache.Entry<? extends String, ?> e = it.next();
        if (!e.getKey().equals(bad)) {
          target.write(entry(e.getKey(), (String) e.getValue()));
          it.remove();
        }
      }
      if (!entries.isEmpty()) {
        throw new CacheWriterException("cannot write " + bad);
      }
    }

    @Override
    public void delete(Object key) {
      target.delete(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      target.deleteAll(keys);
    }
  }
}
