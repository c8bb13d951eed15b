package dev.larder.benchmarks.simulator;

import dev.larder.policy.PolicyKind;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hit-ratio simulator: replays every trace of {@code shared/traces} and three synthetic workloads
 * through each Larder policy, Caffeine and Belady's optimal at several cache sizes, then prints a
 * markdown table and writes {@code results.csv} and one SVG chart per workload.
 *
 * <p>Usage: {@code Simulator [--traces DIR] [--out DIR] [--threads N] [--only NAME,NAME]}; defaults
 * {@code ../shared/traces} (from the {@code benchmarks} directory, falling back to
 * {@code ../../shared/traces}), {@code target/simulator}, 2 threads, everything.
 *
 * <p>Thread-safety: replays run on a fixed pool; each replay owns its cache; workloads memoize their
 * keys under their own lock and are released when their last replay ends.
 */
public final class Simulator {

  /** The name of Caffeine's cache in the results. */
  static final String CAFFEINE = "Caffeine";
  /** The name of Belady's optimal policy in the results. */
  static final String OPT = "OPT";

  private Simulator() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path traces = options.containsKey("traces") ? Path.of(options.get("traces")) : defaultTraces();
    Path out = Path.of(options.getOrDefault("out", "target/simulator"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "2"));

    List<Workload> workloads = new ArrayList<>(Workloads.traces(traces));
    workloads.addAll(Workloads.synthetic());
    if (options.containsKey("only")) {
      List<String> wanted = Arrays.asList(options.get("only").split(","));
      workloads.removeIf(w -> wanted.stream().noneMatch(w.name()::contains));
    }

    List<String> policies = new ArrayList<>();
    boolean bounded = CacheUnderTest.larderIsBounded();
    if (bounded) {
      Arrays.stream(PolicyKind.values()).map(Enum::name).forEach(policies::add);
    } else {
      System.err.println("WARNING: StoreBuilder.build() still returns an unbounded store (the bounded engine is"
          + " not on this branch): the Larder policies are left out of this run.");
    }
    policies.add(CAFFEINE);
    policies.add(OPT);

    long start = System.nanoTime();
    List<Result> results = run(workloads, policies, threads, System.err);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    Files.createDirectories(out);
    ResultReport report = new ResultReport(workloads, policies, results);
    System.out.println(report.markdown());
    System.out.printf(Locale.ROOT, "%d replays in %d s on %d threads (%s, %d cores)%n", results.size(), seconds,
        threads, Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.println(report.throughputSummary());
    List<String> violations = report.optimumViolations();
    if (!violations.isEmpty()) {
      System.out.println("WARNING: results above the optimum (a bug somewhere): " + violations);
    }
    report.writeCsv(out.resolve("results.csv"));
    Files.writeString(out.resolve("results.md"), report.markdown());
    for (Workload workload : workloads) {
      Path chart = out.resolve(workload.name().replace('/', '_') + ".svg");
      Files.writeString(chart, report.chart(workload));
    }
    System.err.println("wrote " + out.toAbsolutePath());
  }

  /** Replays every (workload, size, policy) on {@code threads} threads, the longest workloads first. */
  static List<Result> run(List<Workload> workloads, List<String> policies, int threads, PrintStream progress)
      throws InterruptedException, ExecutionException {
    List<Workload> ordered = new ArrayList<>(workloads);
    ordered.sort(Comparator.comparingLong(Workload::approximateAccesses).reversed());
    Map<Workload, AtomicInteger> remaining = new LinkedHashMap<>();
    for (Workload w : ordered) {
      remaining.put(w, new AtomicInteger(w.sizes().length * policies.size()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "simulator");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Workload w : ordered) {
        for (int size : w.sizes()) {
          for (String policy : policies) {
            futures.add(pool.submit(() -> {
              Result result = replay(w, size, policy);
              if (remaining.get(w).decrementAndGet() == 0) {
                w.release();
              }
              progress.printf(Locale.ROOT, "%-28s %8d %-10s %6.2f %% (%d ms)%n", w.name(), size, policy,
                  result.hitRatioPercent(), result.nanos() / 1_000_000);
              return result;
            }));
          }
        }
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Replays {@code workload} at {@code size} through {@code policy} (a {@link PolicyKind} name, {@link #CAFFEINE} or {@link #OPT}). */
  static Result replay(Workload workload, int size, String policy) {
    Workload.Prepared prepared = workload.prepare(size);
    long start = System.nanoTime();
    long hits;
    long overflows = 0;
    if (policy.equals(OPT)) {
      hits = Belady.hits(prepared.nextUse(), size);
    } else {
      CacheUnderTest cache = policy.equals(CAFFEINE)
          ? CacheUnderTest.caffeine(size)
          : CacheUnderTest.larder(PolicyKind.valueOf(policy), size);
      hits = 0;
      for (long key : prepared.keys()) {
        if (cache.access(key)) {
          hits++;
        }
      }
      cache.verifyBound();
      overflows = cache.overflows();
    }
    return new Result(workload.name(), size, policy, prepared.keys().length, hits, overflows,
        System.nanoTime() - start);
  }

  private static Path defaultTraces() {
    for (String candidate : List.of("../shared/traces", "../../shared/traces")) {
      Path path = Path.of(candidate);
      if (Files.isDirectory(path)) {
        return path;
      }
    }
    throw new IllegalArgumentException("no shared/traces directory found from " + Path.of("").toAbsolutePath()
        + "; pass --traces DIR");
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --traces|--out|--threads|--only followed by a value, got '"
            + arg + "'");
      }
      String name = arg.substring(2);
      if (!List.of("traces", "out", "threads", "only").contains(name)) {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
      options.put(name, args[++i]);
    }
    return options;
  }
}
