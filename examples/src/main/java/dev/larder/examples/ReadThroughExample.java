package dev.larder.examples;

import java.io.PrintStream;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Read-through: a miss asks the loader (a SELECT on H2), the loaded value is cached, the next read hits.
 * {@code getAll} loads the missing keys in one {@code loadAll} (one SELECT ... IN).
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class ReadThroughExample {

  private ReadThroughExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    var db = new ExampleDatabase("read_through");
    db.seed(10);
    var loader = new Counting.Loader<>(db.products);
    try (CacheManager manager = Examples.manager("read-through")) {
      Cache<Integer, String> cache = manager.createCache("products", Examples.products(loader, null));
      out.println("Read-through over H2; database: " + db.rows().size() + " products");

      out.println("get(1) -> " + cache.get(1) + "   loader calls: load=" + loader.loads + ", loadAll=" + loader.loadAlls);
      out.println("get(1) -> " + cache.get(1) + "   loader calls: load=" + loader.loads + ", loadAll=" + loader.loadAlls
          + " (a hit)");
      out.println("get(99) -> " + cache.get(99) + "   loader calls: load=" + loader.loads + ", loadAll=" + loader.loadAlls
          + " (not in the database)");
      out.println("getAll(1, 2, 3, 4) -> " + new java.util.TreeMap<>(cache.getAll(Set.of(1, 2, 3, 4)))
          + "   loader calls: load=" + loader.loads + ", loadAll=" + loader.loadAlls + " (1 was cached)");
      out.println("database (unchanged by reads): " + db.rows().size() + " products");
    } finally {
      db.drop();
    }
  }
}
