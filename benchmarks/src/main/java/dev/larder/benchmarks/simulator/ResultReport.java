package dev.larder.benchmarks.simulator;

import dev.larder.policy.PolicyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the simulator's results into a markdown table (trace x size x policy), a CSV file and one
 * hand-built SVG line chart per workload (hit ratio against cache size, log-scaled x axis).
 *
 * <p>Thread-safety: immutable after construction.
 */
final class ResultReport {

  private static final String[] COLOURS = {
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
      "#17becf", "#000000"};
  private static final Set<String> LARDER = Arrays.stream(PolicyKind.values()).map(Enum::name)
      .collect(Collectors.toUnmodifiableSet());

  private final List<Workload> workloads;
  private final List<String> policies;
  private final List<Result> results;
  private final Map<String, Result> byKey = new HashMap<>();

  ResultReport(List<Workload> workloads, List<String> policies, List<Result> results) {
    this.workloads = List.copyOf(workloads);
    this.policies = List.copyOf(policies);
    this.results = List.copyOf(results);
    for (Result r : results) {
      byKey.put(key(r.workload(), r.size(), r.policy()), r);
    }
  }

  private static String key(String workload, int size, String policy) {
    return workload + '\u0000' + size + '\u0000' + policy;
  }

  private Result find(String workload, int size, String policy) {
    return byKey.get(key(workload, size, policy));
  }

  /** The table: one row per (workload, size), hit ratios in percent, then the two comparisons. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| trace | size |");
    for (String p : policies) {
      md.append(' ').append(p).append(" |");
    }
    md.append(" W_TINYLFU − Caffeine (pp) | best Larder | OPT − best Larder (pp) |\n|---|---:|");
    md.append("---:|".repeat(policies.size())).append("---:|---|---:|\n");
    for (Workload w : workloads) {
      for (int size : w.sizes()) {
        if (find(w.name(), size, policies.get(0)) == null) {
          continue;
        }
        md.append("| ").append(w.name()).append(" | ").append(size).append(" |");
        for (String p : policies) {
          Result r = find(w.name(), size, p);
          md.append(' ').append(r == null ? "" : format(r.hitRatioPercent())).append(" |");
        }
        Result tiny = find(w.name(), size, PolicyKind.W_TINYLFU.name());
        Result caffeine = find(w.name(), size, Simulator.CAFFEINE);
        Result opt = find(w.name(), size, Simulator.OPT);
        Result best = bestLarder(w.name(), size);
        md.append(' ').append(tiny == null || caffeine == null ? "n/a"
            : signed(tiny.hitRatioPercent() - caffeine.hitRatioPercent())).append(" |");
        md.append(' ').append(best == null ? "n/a" : best.policy()).append(" |");
        md.append(' ').append(best == null || opt == null ? "n/a"
            : format(opt.hitRatioPercent() - best.hitRatioPercent())).append(" |\n");
      }
    }
    return md.toString();
  }

  private Result bestLarder(String workload, int size) {
    Result best = null;
    for (String p : policies) {
      Result r = find(workload, size, p);
      if (r != null && LARDER.contains(p) && (best == null || r.hits() > best.hits())) {
        best = r;
      }
    }
    return best;
  }

  /** Replay speed per policy over the whole run (informative: wall time on a shared machine). */
  String throughputSummary() {
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (String p : policies) {
      totals.put(p, new long[2]);
    }
    for (Result r : results) {
      long[] t = totals.get(r.policy());
      t[0] += r.accesses();
      t[1] += r.nanos();
    }
    StringBuilder s = new StringBuilder("replay speed (million accesses/s):");
    totals.forEach((p, t) -> s.append(String.format(Locale.ROOT, " %s %.1f", p,
        t[1] == 0 ? 0.0 : t[0] * 1e3 / t[1])));
    long overflowing = results.stream().filter(r -> r.overflows() > 0).count();
    s.append(String.format(Locale.ROOT, "%n%d of %d replays needed an explicit cleanUp() to stay within the bound",
        overflowing, results.size()));
    return s.toString();
  }

  /** Replays that beat Belady's optimum at the same size, which would mean a bug in a cache or in OPT. */
  List<String> optimumViolations() {
    List<String> violations = new ArrayList<>();
    for (Result r : results) {
      Result opt = find(r.workload(), r.size(), Simulator.OPT);
      if (opt != null && r.hits() > opt.hits()) {
        violations.add(r.workload() + " at " + r.size() + ": " + r.policy() + " " + r.hits() + " hits > OPT "
            + opt.hits());
      }
    }
    return violations;
  }

  void writeCsv(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("trace,size,policy,accesses,hits,hit_ratio_percent,overflows,millis\n");
    for (Result r : results) {
      csv.append(r.workload()).append(',').append(r.size()).append(',').append(r.policy()).append(',')
          .append(r.accesses()).append(',').append(r.hits()).append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.hitRatioPercent())).append(',')
          .append(r.overflows()).append(',').append(r.nanos() / 1_000_000).append('\n');
    }
    Files.writeString(file, csv);
  }

  /** An SVG line chart of hit ratio against cache size (log scale), one line per policy. */
  String chart(Workload workload) {
    int width = 760;
    int height = 440;
    int left = 60;
    int right = 150;
    int top = 40;
    int bottom = 50;
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    int[] sizes = workload.sizes();
    double minLog = Math.log(sizes[0]);
    double maxLog = Math.log(sizes[sizes.length - 1]);
    double span = maxLog > minLog ? maxLog - minLog : 1;
    double maxRatio = 0;
    for (Result r : results) {
      if (r.workload().equals(workload.name())) {
        maxRatio = Math.max(maxRatio, r.hitRatioPercent());
      }
    }
    double yMax = Math.max(10, Math.ceil(maxRatio / 10) * 10);

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s — hit ratio vs cache size</text>%n",
        left, escape(workload.name())));
    for (int tick = 0; tick <= 10; tick++) {
      double value = yMax * tick / 10;
      double y = top + plotHeight - plotHeight * value / yMax;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f %%</text>%n",
          left, y, left + plotWidth, y, left - 6, y + 4, value));
    }
    for (int size : sizes) {
      double x = left + plotWidth * (Math.log(size) - minLog) / span;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
          x, top, x, top + plotHeight, x, top + plotHeight + 16, size));
    }
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
        left, top, plotWidth, plotHeight));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cache size (entries, log scale)</text>%n",
        left + plotWidth / 2, height - 12));
    List<String> drawn = new ArrayList<>();
    for (String policy : policies) {
      StringBuilder points = new StringBuilder();
      for (int size : sizes) {
        Result r = find(workload.name(), size, policy);
        if (r == null) {
          continue;
        }
        double x = left + plotWidth * (Math.log(size) - minLog) / span;
        double y = top + plotHeight - plotHeight * r.hitRatioPercent() / yMax;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      if (points.length() == 0) {
        continue;
      }
      String colour = COLOURS[drawn.size() % COLOURS.length];
      String dash = policy.equals(Simulator.OPT) ? " stroke-dasharray=\"6 4\""
          : policy.equals(Simulator.CAFFEINE) ? " stroke-dasharray=\"2 3\"" : "";
      svg.append(String.format(Locale.ROOT,
          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
          colour, dash, points.toString().trim()));
      int legendY = top + 10 + 18 * drawn.size();
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
              + "<text x=\"%d\" y=\"%d\">%s</text>%n",
          left + plotWidth + 12, legendY, left + plotWidth + 36, legendY, colour, dash,
          left + plotWidth + 42, legendY + 4, escape(policy)));
      drawn.add(policy);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String format(double percent) {
    return String.format(Locale.ROOT, "%.2f", percent);
  }

  private static String signed(double points) {
    return String.format(Locale.ROOT, "%+.2f", points);
  }
}
