package dev.larder.benchmarks.simulator;

import dev.larder.benchmarks.workload.Zipf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The catalogue of what the simulator replays: every trace of {@code shared/traces} with the access
 * and distinct-key counts its README publishes (checked on load), and three seeded synthetic
 * workloads.
 *
 * <p>Cache sizes: the ARC traces use sizes from the ARC paper's tables (so its LRU and ARC figures
 * can be compared); every other trace uses fixed fractions of its distinct keys, from 1 % (where
 * policies differ most) to 70 % (near the point where every policy converges).
 *
 * <p>Thread-safety: static factories; the workloads they return are thread-safe.
 */
final class Workloads {

  /** Fractions of a trace's distinct keys used as cache sizes for traces without published sizes. */
  static final double[] SIZE_FRACTIONS = {0.01, 0.02, 0.05, 0.10, 0.20, 0.40, 0.70};

  static final long SEED = 0x1A2DE2L;
  static final int ZIPF_KEYS = 1_000_000;
  static final double ZIPF_EXPONENT = 0.9;
  static final int ZIPF_ACCESSES = 3_000_000;
  static final int SCAN_EVERY = 100_000;
  static final int SCAN_LENGTH = 50_000;
  static final int LOOP_ACCESSES = 2_200_000;

  private Workloads() {}

  /** Every trace file, in the README's order. */
  static List<Workload> traces(Path directory) {
    List<Workload> traces = new ArrayList<>();
    lirs(traces, directory, "2_pools", 100_000, 9_939, "two pools of blocks, different frequencies (synthetic)");
    lirs(traces, directory, "cpp", 9_047, 1_223, "GNU C preprocessor");
    lirs(traces, directory, "cs", 6_781, 1_409, "cs, a C source query tool; loop-like");
    lirs(traces, directory, "gli", 6_015, 2_529, "glimpse text retrieval; loops");
    lirs(traces, directory, "loop", 505_500, 1_011, "strict cycle over 1,011 blocks");
    lirs(traces, directory, "multi1", 15_858, 2_606, "cs + cpp concurrently");
    lirs(traces, directory, "multi2", 26_311, 5_684, "cs + cpp + postgres concurrently");
    lirs(traces, directory, "multi3", 30_241, 7_454, "cpp + gnuplot + glimpse + postgres concurrently");
    lirs(traces, directory, "ps", 10_448, 3_083, "postgres join queries");
    lirs(traces, directory, "sprite", 133_996, 7_075, "Sprite network file system; recency-friendly");
    traces.add(trace(directory, "arc/OLTP.lis.zst", TraceFormat.ARC, 914_145, 186_880,
        "ARC: one hour of a CODASYL database", new int[] {1_000, 2_000, 5_000, 10_000, 15_000}));
    int[] workstation = {1_024, 4_096, 16_384, 32_768, 131_072, 524_288};
    traces.add(trace(directory, "arc/P3.lis.zst", TraceFormat.ARC, 3_912_296, 762_543,
        "ARC: Windows NT workstation disk", workstation));
    traces.add(trace(directory, "arc/P6.lis.zst", TraceFormat.ARC, 12_672_123, 773_770,
        "ARC: Windows NT workstation disk", workstation));
    traces.add(trace(directory, "cache2k/orm-night.trace.xz", TraceFormat.INT32, 5_000_000, 86_466,
        "cache2k: e-commerce ORM object accesses at night", fractionsOf(86_466)));
    traces.add(trace(directory, "cache2k/web07.trace.xz", TraceFormat.INT32, 76_118, 20_484,
        "cache2k: product page HTTP requests, July 2013", fractionsOf(20_484)));
    traces.add(trace(directory, "cache2k/web12.trace.xz", TraceFormat.INT32, 95_607, 13_756,
        "cache2k: product page HTTP requests, December 2013", fractionsOf(13_756)));
    traces.add(trace(directory, "lirs2/w106.trace.xz", TraceFormat.UINT32, 5_292_456, 275_171,
        "CloudPhysics block I/O w106 (LIRS2)", fractionsOf(275_171)));
    traces.add(trace(directory, "corda/trace_vaultservice.gz", TraceFormat.INT64, 135_702, 90_468,
        "R3 Corda vault service; recency only", fractionsOf(90_468)));
    return traces;
  }

  /** The three seeded synthetic workloads. */
  static List<Workload> synthetic() {
    int[] zipfSizes = {1_000, 5_000, 20_000, 50_000, 100_000, 250_000};
    Zipf zipf = new Zipf(ZIPF_KEYS, ZIPF_EXPONENT);
    Workload plain = Workload.generated("synthetic/zipf-0.9",
        "Zipf 0.9 over 1M keys, 3M accesses, seed " + SEED, zipfSizes, ZIPF_ACCESSES,
        size -> zipfKeys(zipf, ZIPF_ACCESSES, SEED));
    Workload scans = Workload.generated("synthetic/zipf-0.9+scans",
        "the same Zipf, with a scan of 50k one-time keys after every 100k accesses", zipfSizes,
        ZIPF_ACCESSES + (long) (ZIPF_ACCESSES / SCAN_EVERY) * SCAN_LENGTH,
        size -> zipfWithScans(zipf, SEED + 1));
    Workload loop = Workload.perSize("synthetic/loop+10%",
        "a cycle over 1.1 x the cache size keys, 2.2M accesses", new int[] {1_000, 10_000, 100_000},
        LOOP_ACCESSES, Workloads::loop);
    return List.of(plain, scans, loop);
  }

  static Workload trace(Path directory, String relative, TraceFormat format, long accesses, long distinct,
      String description, int[] sizes) {
    Path file = directory.resolve(relative);
    return Workload.fixed(relative.replaceFirst("(\\.trace|\\.lis)?\\.(gz|xz|zst)$", ""),
        description, sizes, size -> read(format, file), accesses, distinct);
  }

  private static void lirs(List<Workload> traces, Path directory, String name, long accesses, long distinct,
      String description) {
    traces.add(trace(directory, "lirs/" + name + ".trace.gz", TraceFormat.LIRS, accesses, distinct, description,
        fractionsOf(distinct)));
  }

  static int[] fractionsOf(long distinct) {
    return java.util.Arrays.stream(SIZE_FRACTIONS)
        .mapToInt(f -> (int) Math.max(1, Math.round(distinct * f)))
        .distinct()
        .toArray();
  }

  private static long[] read(TraceFormat format, Path file) {
    try {
      return format.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + file, e);
    }
  }

  static long[] zipfKeys(Zipf zipf, int accesses, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[accesses];
    for (int i = 0; i < accesses; i++) {
      keys[i] = Zipf.scramble((long) zipf.sample(random));
    }
    return keys;
  }

  /** Zipf accesses with, after every {@link #SCAN_EVERY} of them, {@link #SCAN_LENGTH} keys never seen before or after. */
  static long[] zipfWithScans(Zipf zipf, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int scans = ZIPF_ACCESSES / SCAN_EVERY;
    long[] keys = new long[ZIPF_ACCESSES + scans * SCAN_LENGTH];
    long oneTime = zipf.size();
    int at = 0;
    for (int i = 1; i <= ZIPF_ACCESSES; i++) {
      keys[at++] = Zipf.scramble((long) zipf.sample(random));
      if (i % SCAN_EVERY == 0) {
        for (int s = 0; s < SCAN_LENGTH; s++) {
          keys[at++] = Zipf.scramble(oneTime++);
        }
      }
    }
    return keys;
  }

  /** A strict cycle over {@code 1.1 * cacheSize} keys. */
  static long[] loop(int cacheSize) {
    int length = (int) Math.round(cacheSize * 1.1);
    long[] keys = new long[LOOP_ACCESSES];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Zipf.scramble((long) (i % length));
    }
    return keys;
  }
}
