package dev.larder.examples;

import java.io.PrintStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.integration.CacheWriterException;

/**
 * Write-through: every {@code put} and {@code remove} calls the writer (an upsert or DELETE on H2)
 * before the cache changes; when the writer fails, the caller gets the exception and the cache keeps
 * its old value.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class WriteThroughExample {

  private WriteThroughExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    var db = new ExampleDatabase("write_through");
    var loader = new Counting.Loader<>(db.products);
    var writer = new Counting.Writer<>(db.products);
    try (CacheManager manager = Examples.manager("write-through")) {
      Cache<Integer, String> cache = manager.createCache("products", Examples.products(loader, writer));
      out.println("Write-through over H2");

      cache.put(1, "apple");
      cache.put(2, "pear");
      out.println("put(1, apple), put(2, pear)   writer calls: " + writer.calls + "   database: " + db.rows());
      cache.remove(2);
      out.println("remove(2)                     writer calls: " + writer.calls + "   database: " + db.rows());

      writer.failing = true;
      try {
        cache.put(1, "banana");
      } catch (CacheWriterException e) {
        out.println("put(1, banana) with the database down failed: " + e.getMessage());
      }
      writer.failing = false;
      out.println("after the failure: cache get(1) -> " + cache.get(1) + ", database: " + db.rows()
          + ", loader calls: " + loader.calls());
    } finally {
      db.drop();
    }
  }
}
