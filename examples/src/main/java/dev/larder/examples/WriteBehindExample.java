package dev.larder.examples;

import dev.larder.integration.WriteBehindSettings;
import dev.larder.integration.WriteMode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Write-behind: {@code put} returns as soon as the write is queued and journaled; a flusher sends the
 * writes later, coalesced per key, in batches. Here 1,000 puts to 10 products reach the database as one
 * {@code writeAll} of 10 rows when the cache closes; a read in between sees the queued value.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class WriteBehindExample {

  private WriteBehindExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    var db = new ExampleDatabase("write_behind");
    var loader = new Counting.Loader<>(db.products);
    var writer = new Counting.Writer<>(db.products);
    Path journalDir = temporaryDirectory();
    try {
      var settings = new WriteBehindSettings()
          .setFlushDelay(Duration.ofMinutes(1)) // long, so that the example shows coalescing; close flushes
          .setBatchSize(100)
          .setJournalPath(journalDir.resolve("products.journal"))
          .setFsyncPolicy(WriteBehindSettings.FsyncPolicy.INTERVAL);
      CacheManager manager = Examples.manager("write-behind");
      Cache<Integer, String> cache = manager.createCache("products",
          Examples.products(loader, writer).setWriteMode(WriteMode.BEHIND).setWriteBehind(settings));
      out.println("Write-behind over H2, journal in " + journalDir);

      for (int i = 1; i <= 1_000; i++) {
        cache.put(1 + i % 10, "version-" + i);
      }
      out.println("1000 puts to 10 products returned   writer calls: " + writer.calls.size()
          + "   database rows: " + db.rows().size());
      cache.clear(); // drops the cached entries (as eviction would); the queue still has the writes
      out.println("after clear(), get(1) -> " + cache.get(1) + " (from the write-behind queue; loader calls: "
          + loader.calls() + ")");

      manager.close(); // flushes the queue
      out.println("after close        writer calls: " + writer.calls + "   database: " + db.rows());
    } finally {
      db.drop();
      deleteRecursively(journalDir);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("larder-write-behind");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
