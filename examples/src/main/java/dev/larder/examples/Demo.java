package dev.larder.examples;

import dev.larder.jcache.configuration.LarderConfiguration;
import dev.larder.jcache.management.JmxRegistration;
import dev.larder.jcache.spi.LarderCachingProvider;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;

/**
 * The demo the README starts: a Larder cache reading through to an embedded H2 table. It reads every
 * product twice, cold (each read misses and loads one row over JDBC) and warm (each read hits), and
 * prints the cache's own hit and miss counters (from its JMX statistics bean), the loader calls and
 * the time per read of both passes.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class Demo {

  static final int PRODUCTS = 2_000;

  private Demo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** What the demo measured. */
  record Result(long hits, long misses, int loaderCalls, double coldMicrosPerRead, double warmMicrosPerRead) {}

  static Result run(PrintStream out) {
    var db = new ExampleDatabase("demo");
    db.seed(PRODUCTS);
    var loader = new Counting.Loader<>(db.products);
    var provider = Caching.getCachingProvider(LarderCachingProvider.class.getName());
    try (CacheManager manager = provider.getCacheManager(URI.create("larder:demo"), Demo.class.getClassLoader())) {
      Cache<Integer, String> products = manager.createCache("products", new LarderConfiguration<Integer, String>()
          .setTypes(Integer.class, String.class)
          .setMaximumSize(10_000)
          .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader))
          .setReadThrough(true)
          .setStatisticsEnabled(true));
      CacheStatisticsMXBean statistics = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
          JmxRegistration.objectName(products, JmxRegistration.Kind.STATISTICS), CacheStatisticsMXBean.class);

      out.printf("Larder demo: a read-through cache (W-TinyLFU, 10,000 entries) over an embedded H2 table of %,d products%n",
          PRODUCTS);
      long cold = readAll(products);
      long coldHits = statistics.getCacheHits();
      long coldMisses = statistics.getCacheMisses();
      int coldLoads = loader.calls();
      out.printf("cold pass: %,d reads, %,d hits, %,d misses, %,d loader calls (SELECTs), %.1f us per read%n",
          PRODUCTS, coldHits, coldMisses, coldLoads, micros(cold));
      long warm = readAll(products);
      long hits = statistics.getCacheHits();
      long misses = statistics.getCacheMisses();
      out.printf("warm pass: %,d reads, %,d hits, %,d misses, %,d loader calls (SELECTs), %.1f us per read%n",
          PRODUCTS, hits - coldHits, misses - coldMisses, loader.calls() - coldLoads, micros(warm));
      out.printf("total: %,d hits, %,d misses, hit ratio %.0f%%; warm reads took %.1fx less time than cold ones%n",
          hits, misses, statistics.getCacheHitPercentage(), (double) cold / Math.max(1, warm));
      return new Result(hits, misses, loader.calls(), micros(cold), micros(warm));
    } finally {
      db.drop();
    }
  }

  private static long readAll(Cache<Integer, String> products) {
    long start = System.nanoTime();
    for (int id = 1; id <= PRODUCTS; id++) {
      if (products.get(id) == null) {
        throw new IllegalStateException("product " + id + " is missing");
      }
    }
    return System.nanoTime() - start;
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0 / PRODUCTS;
  }
}
