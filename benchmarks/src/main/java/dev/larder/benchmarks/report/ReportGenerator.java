package dev.larder.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns JMH JSON result files into a markdown report: for each benchmark class, a throughput table
 * (one column per provider or implementation, with JMH's error) and tables of ratios to Caffeine and
 * to cache2k, headed by a description of the machine and the JVM.
 *
 * <p>Usage: {@code ReportGenerator OUTPUT.md INPUT...}; an input is a JMH {@code -rf json} file or a
 * directory of them.
 *
 * <p>Thread-safety: a single-threaded program; instances are not shared.
 */
public final class ReportGenerator {

  /** The JMH parameters that name what is compared (one column each). */
  private static final List<String> SUBJECT_PARAMS = List.of("provider", "implementation", "cache", "strategy");
  /** The columns that ratios are taken against, when present (peers; write-through for the write strategies). */
  private static final List<String> REFERENCES = List.of("caffeine", "cache2k", "through");

  /** One JMH result row. */
  record Row(String benchmarkClass, String method, int threads, String subject, Map<String, String> params,
      double score, double error, String unit) {}

  private ReportGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ReportGenerator OUTPUT.md INPUT.json|DIR [INPUT...]");
    }
    List<Path> inputs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path input = Path.of(args[i]);
      if (Files.isDirectory(input)) {
        try (Stream<Path> files = Files.list(input)) {
          files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(inputs::add);
        }
      } else if (Files.isRegularFile(input)) {
        inputs.add(input);
      } else {
        throw new IllegalArgumentException("no such JMH result file or directory: " + input);
      }
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no JMH .json results in " + List.of(args).subList(1, args.length));
    }
    String report = generate(inputs);
    Files.writeString(Path.of(args[0]), report);
    System.out.println(report);
  }

  /** Builds the markdown report from JMH JSON files. */
  static String generate(List<Path> inputs) throws IOException {
    List<Row> rows = new ArrayList<>();
    Set<String> jvms = new LinkedHashSet<>();
    Set<String> settings = new LinkedHashSet<>();
    for (Path input : inputs) {
      Object parsed = Json.parse(Files.readString(input));
      if (!(parsed instanceof List<?> results)) {
        throw new IllegalArgumentException(input + ": not a JMH JSON result (expected an array)");
      }
      for (Object result : results) {
        Map<?, ?> r = (Map<?, ?>) result;
        rows.add(row(input, r));
        jvms.add(r.get("vmName") + " " + r.get("vmVersion") + " (JDK " + r.get("jdkVersion") + "), JMH "
            + r.get("jmhVersion") + ", JVM args " + r.get("jvmArgs"));
        settings.add(r.get("forks").toString().replace(".0", "") + " fork(s), warmup "
            + r.get("warmupIterations").toString().replace(".0", "") + " x " + r.get("warmupTime")
            + ", measurement " + r.get("measurementIterations").toString().replace(".0", "") + " x "
            + r.get("measurementTime"));
      }
    }

    StringBuilder md = new StringBuilder("# JMH results\n\n");
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores")
        .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.arch")).append(" (as seen by the report generator; run it on the"
            + " machine that ran JMH)\n");
    jvms.forEach(j -> md.append("- JVM: ").append(j).append('\n'));
    settings.forEach(s -> md.append("- Runs: ").append(s).append('\n'));
    md.append("- Scores are throughput; `±` is JMH's 99.9 % confidence half-width (NaN with a single"
        + " measurement iteration). Ratios divide the scores and ignore the errors.\n");

    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    rows.forEach(r -> byClass.computeIfAbsent(r.benchmarkClass(), k -> new ArrayList<>()).add(r));
    byClass.forEach((benchmarkClass, classRows) -> section(md, benchmarkClass, classRows));
    return md.toString();
  }

  private static Row row(Path input, Map<?, ?> r) {
    String benchmark = (String) r.get("benchmark");
    int dot = benchmark.lastIndexOf('.');
    Map<String, String> params = new TreeMap<>();
    String subject = null;
    if (r.get("params") instanceof Map<?, ?> p) {
      for (Map.Entry<?, ?> e : p.entrySet()) {
        String name = e.getKey().toString();
        if (SUBJECT_PARAMS.contains(name)) {
          subject = e.getValue().toString();
        } else {
          params.put(name, e.getValue().toString());
        }
      }
    }
    if (subject == null) {
      subject = benchmark.substring(dot + 1);
    }
    Map<?, ?> metric = (Map<?, ?>) r.get("primaryMetric");
    return new Row(benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot), benchmark.substring(dot + 1),
        ((Number) r.get("threads")).intValue(), subject, params, number(metric.get("score")),
        number(metric.get("scoreError")), String.valueOf(metric.get("scoreUnit")));
  }

  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(String.valueOf(value));
  }

  private static void section(StringBuilder md, String benchmarkClass, List<Row> rows) {
    List<String> subjects = new ArrayList<>();
    rows.stream().map(Row::subject).filter(s -> s.equalsIgnoreCase("larder")).distinct().forEach(subjects::add);
    rows.stream().map(Row::subject).filter(s -> !subjects.contains(s)).distinct().forEach(subjects::add);
    List<String> paramNames = rows.stream().flatMap(r -> r.params().keySet().stream()).distinct().sorted().toList();

    // One line per (threads, other parameters); cells per subject.
    Map<String, Map<String, Row>> lines = new LinkedHashMap<>();
    rows.stream()
        .sorted((a, b) -> a.threads() != b.threads() ? Integer.compare(a.threads(), b.threads())
            : lineKey(a, paramNames).compareTo(lineKey(b, paramNames)))
        .forEach(r -> lines.computeIfAbsent(r.threads() + "|" + lineKey(r, paramNames), k -> new LinkedHashMap<>())
            .put(r.subject(), r));

    String unit = rows.get(0).unit();
    // Per-second scores read best in millions; coarser units (ops/ms for whole Hibernate sessions) as they are.
    double scale = unit.endsWith("/s") ? 1e6 : 1;
    md.append("\n## ").append(benchmarkClass).append("\n\n### Throughput (").append(scale == 1 ? "" : "million ")
        .append(unit).append(")\n\n");
    header(md, paramNames, subjects);
    lines.values().forEach(cells -> {
      line(md, cells, paramNames);
      for (String s : subjects) {
        Row r = cells.get(s);
        md.append(' ').append(r == null ? "" : String.format(Locale.ROOT, "%.2f ± %.2f", r.score() / scale,
            r.error() / scale)).append(" |");
      }
      md.append('\n');
    });

    for (String reference : REFERENCES) {
      String column = subjects.stream().filter(s -> s.equalsIgnoreCase(reference)).findFirst().orElse(null);
      if (column == null) {
        continue;
      }
      List<String> others = subjects.stream().filter(s -> !s.equals(column)).toList();
      md.append("\n### Ratio to ").append(column).append(" (higher is faster)\n\n");
      header(md, paramNames, others);
      lines.values().forEach(cells -> {
        Row base = cells.get(column);
        line(md, cells, paramNames);
        for (String s : others) {
          Row r = cells.get(s);
          md.append(' ').append(r == null || base == null || base.score() == 0 ? ""
              : String.format(Locale.ROOT, "%.2f×", r.score() / base.score())).append(" |");
        }
        md.append('\n');
      });
    }
  }

  private static String lineKey(Row r, List<String> paramNames) {
    StringBuilder key = new StringBuilder();
    for (String p : paramNames) {
      String v = r.params().getOrDefault(p, "");
      // Numeric parameters (read shares) sort high to low, the rest alphabetically.
      key.append(v.matches("\\d+") ? String.format(Locale.ROOT, "%08d", 99_999_999 - Integer.parseInt(v)) : v)
          .append('|');
    }
    return key.toString();
  }

  private static void header(StringBuilder md, List<String> paramNames, List<String> columns) {
    md.append("| threads |");
    paramNames.forEach(p -> md.append(' ').append(p).append(" |"));
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---:|").append("---|".repeat(paramNames.size())).append("---:|".repeat(columns.size()))
        .append('\n');
  }

  private static void line(StringBuilder md, Map<String, Row> cells, List<String> paramNames) {
    Row any = cells.values().iterator().next();
    md.append("| ").append(any.threads()).append(" |");
    paramNames.forEach(p -> md.append(' ').append(any.params().getOrDefault(p, "")).append(" |"));
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> " (" + l.substring(l.indexOf(':') + 1).trim() + ")")
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      return "";
    }
  }
}
