package dev.larder.benchmarks.footprint;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.benchmarks.jcache.Provider;
import dev.larder.benchmarks.jcache.ValueBean;
import dev.larder.engine.Store;
import dev.larder.engine.StoreBuilder;
import dev.larder.jcache.LarderCache;
import dev.larder.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Retained heap per entry of each JCache provider, of Larder's engine and Caffeine's own API (and a
 * plain {@link ConcurrentHashMap} for scale),
 * measured with JOL: the object graph reachable from the cache after it is filled to its bound,
 * minus the same graph while empty, minus the keys and values themselves, divided by the entries.
 * What remains is each provider's own per-entry cost: map nodes, policy nodes and sketches, timer
 * and statistics fields. Caches are by reference, without statistics or expiry.
 *
 * <p>Usage: {@code HeapFootprint [entries]} (default 65536). Prints a markdown table.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class HeapFootprint {

  private HeapFootprint() {}

  /** One measurement; {@code bytesPerEntry} is negative when the provider could not be measured. */
  record Footprint(String subject, long entries, long graphBytes, double bytesPerEntry, String note) {}

  public static void main(String[] args) {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 16;
    System.out.println("JVM: " + Runtime.version() + ", " + VM.current().details().lines().findFirst().orElse(""));
    System.out.println();
    System.out.println("| cache | entries | graph reachable when full (bytes) | bytes per entry (excl. key and value) | note |");
    System.out.println("|---|---:|---:|---:|---|");
    for (Footprint f : measureAll(entries)) {
      System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", f.subject(), f.entries(),
          f.bytesPerEntry() < 0 ? "n/a" : Long.toString(f.graphBytes()),
          f.bytesPerEntry() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", f.bytesPerEntry()), f.note());
    }
  }

  /** Measures the map and every provider with {@code entries} entries. */
  static List<Footprint> measureAll(int entries) {
    List<Footprint> results = new ArrayList<>();
    results.add(measureMap(entries));
    results.add(measureLarderStore(entries));
    results.add(measureCaffeineCache(entries));
    for (Provider provider : Provider.values()) {
      results.add(measure(provider, entries));
    }
    return results;
  }

  static Footprint measureMap(int entries) {
    ConcurrentHashMap<Integer, ValueBean> map = new ConcurrentHashMap<>();
    return measureFilled("ConcurrentHashMap", map, () -> { }, map::mappingCount, map::put, entries,
        "unbounded, for scale");
  }

  /** Larder's engine alone: a {@link Store} bounded to {@code entries} under W-TinyLFU. */
  static Footprint measureLarderStore(int entries) {
    Store<Integer, ValueBean> store = StoreBuilder.<Integer, ValueBean>newBuilder()
        .policy(PolicyKind.W_TINYLFU).maximumSize(entries).executor(Runnable::run).build();
    return measureFilled("larder engine (Store)", store, store::cleanUp, store::estimatedSize,
        (key, value) -> store.compute(key, (k, slot) -> {
          slot.set(value, Long.MAX_VALUE);
          return null;
        }),
        entries, "bounded to " + entries + ", engine API");
  }

  /** Caffeine's own API (not its JCache layer), with the same bound. */
  static Footprint measureCaffeineCache(int entries) {
    com.github.benmanes.caffeine.cache.Cache<Integer, ValueBean> cache = Caffeine.newBuilder()
        .maximumSize(entries).executor(Runnable::run).build();
    return measureFilled("caffeine (Cache)", cache, cache::cleanUp, cache::estimatedSize, cache::put,
        entries, "bounded to " + entries + ", Caffeine's own API");
  }

  /** Measures {@code root} empty and after {@code put} of {@code entries} entries, settling both times. */
  private static Footprint measureFilled(String subject, Object root, Runnable settle, LongSupplier size,
      BiConsumer<Integer, ValueBean> put, int entries, String note) {
    Object[][] data = data(entries);
    settle.run();
    long empty = GraphLayout.parseInstance(root).totalSize();
    for (int i = 0; i < entries; i++) {
      put.accept((Integer) data[0][i], (ValueBean) data[1][i]);
    }
    settle.run();
    long full = GraphLayout.parseInstance(root).totalSize();
    return footprint(subject, size.getAsLong(), empty, full, data, note);
  }

  static Footprint measure(Provider provider, int entries) {
    Provider.Settings settings = new Provider.Settings(entries, false, false, false);
    Provider.OpenCache<ValueBean> open;
    try {
      open = provider.open("footprint", ValueBean.class, settings);
    } catch (RuntimeException | LinkageError e) {
      return new Footprint(provider.id(), 0, -1, -1, "unavailable: " + e);
    }
    try (open) {
      Cache<Integer, ValueBean> cache = open.cache();
      Object[][] data = data(entries);
      settle(cache);
      long empty = GraphLayout.parseInstance(cache).totalSize();
      for (int i = 0; i < entries; i++) {
        cache.put((Integer) data[0][i], (ValueBean) data[1][i]);
      }
      settle(cache);
      long present = 0;
      for (int i = 0; i < entries; i++) {
        if (cache.containsKey((Integer) data[0][i])) {
          present++;
        }
      }
      long full = GraphLayout.parseInstance(cache).totalSize();
      String note = provider.isBounded() ? "bounded to " + entries : "unbounded (the RI has no bound)";
      if (present != entries) {
        note += "; only " + present + " of " + entries + " entries present";
      }
      return footprint(provider.id(), present, empty, full, data, note);
    }
  }

  /**
   * Runs pending maintenance of the providers that defer it to another thread (Larder, Caffeine),
   * so that lazily sized structures are measured in the same state every time.
   */
  private static void settle(Cache<Integer, ValueBean> cache) {
    if (cache.isClosed()) {
      return;
    }
    for (Class<?> type : List.of(LarderCache.class, com.github.benmanes.caffeine.cache.Cache.class)) {
      Object unwrapped;
      try {
        unwrapped = cache.unwrap(type);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (unwrapped instanceof LarderCache<?, ?> larder) {
        larder.cleanUp();
      } else if (unwrapped instanceof com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine) {
        caffeine.cleanUp();
      }
    }
  }

  /** Distinct key and value objects: {@code data[0]} keys, {@code data[1]} values. */
  private static Object[][] data(int entries) {
    Object[] keys = new Object[entries];
    Object[] values = new Object[entries];
    for (int i = 0; i < entries; i++) {
      keys[i] = Integer.valueOf(1_000_000 + i);
      values[i] = new ValueBean(i, "value-" + i, i);
    }
    return new Object[][] {keys, values};
  }

  private static Footprint footprint(String subject, long entries, long empty, long full, Object[][] data,
      String note) {
    long keysAndValues = GraphLayout.parseInstance(data[0], data[1]).totalSize()
        - VM.current().sizeOf(data[0]) - VM.current().sizeOf(data[1]);
    long keysAndValuesPresent = entries == 0 ? 0 : keysAndValues * entries / data[0].length;
    double perEntry = entries == 0 ? 0 : (double) (full - empty - keysAndValuesPresent) / entries;
    return new Footprint(subject, entries, full, perEntry, note);
  }
}
