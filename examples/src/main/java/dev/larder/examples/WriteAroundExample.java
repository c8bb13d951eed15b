package dev.larder.examples;

import dev.larder.integration.WriteMode;
import java.io.PrintStream;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Write-around: {@code put} writes to the database and drops the cached copy instead of storing the
 * value; the next read loads it. Useful when written data is rarely read back soon.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class WriteAroundExample {

  private WriteAroundExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    var db = new ExampleDatabase("write_around");
    var loader = new Counting.Loader<>(db.products);
    var writer = new Counting.Writer<>(db.products);
    try (CacheManager manager = Examples.manager("write-around")) {
      Cache<Integer, String> cache = manager.createCache("products",
          Examples.products(loader, writer).setWriteMode(WriteMode.AROUND));
      out.println("Write-around over H2");

      cache.put(1, "apple");
      out.println("put(1, apple)    writer calls: " + writer.calls + "   database: " + db.rows()
          + "   cached: " + cache.containsKey(1));
      out.println("get(1) -> " + cache.get(1) + "   loader calls: " + loader.calls() + "   cached: " + cache.containsKey(1));
      cache.put(1, "apricot");
      out.println("put(1, apricot)  writer calls: " + writer.calls + "   database: " + db.rows()
          + "   cached: " + cache.containsKey(1));
      out.println("get(1) -> " + cache.get(1) + "   loader calls: " + loader.calls());
    } finally {
      db.drop();
    }
  }
}
