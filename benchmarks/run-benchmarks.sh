#!/usr/bin/env bash
# Runs Larder's JMH suites on a quiet machine and writes the markdown report.
#
#   benchmarks/run-benchmarks.sh engine   # EngineBenchmark: 12 runs of 3 forks, about 12 minutes
#   benchmarks/run-benchmarks.sh jcache   # JCacheBenchmark, pruned: 100 runs, about 30 minutes
#   benchmarks/run-benchmarks.sh hibernate # HibernateL2Benchmark: 4 runs, about 2 minutes
#   benchmarks/run-benchmarks.sh writes   # WriteStrategyBenchmark: 4 runs, about 2 minutes
#   benchmarks/run-benchmarks.sh all      # all four
#
# JMH_OPTS is appended to every run, e.g. JMH_OPTS="-wi 2 -w 1s -i 3 -r 1s" for a shorter pass.
#
# Build first (from the repository root): mvn -B -q -pl benchmarks -am -DskipTests package
# Results: benchmarks/target/jmh/*.json and *.log; report: benchmarks/target/jmh-report.md
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/benchmarks.jar
OUT=target/jmh
if [[ ! -f "$JAR" ]]; then
  echo "missing $JAR: run 'mvn -B -q -pl benchmarks -am -DskipTests package' from the repository root" >&2
  exit 1
fi
mkdir -p "$OUT"

run() {
  local name=$1
  shift
  # shellcheck disable=SC2086
  java -jar "$JAR" "$@" ${JMH_OPTS:-} -rf json -rff "$OUT/$name.json" | tee "$OUT/$name.log"
}

engine() {
  # Three forks: the two-thread rows are the issue's closest calls and one fork is too noisy for them.
  run engine '\.EngineBenchmark\.' -f 3
}

jcache() {
  local peers=provider=larder,caffeine,ehcache,cache2k,ri
  # Every provider and the map ceiling at every read mix, by reference, no statistics, no expiry.
  run jcache-read-mix '\.JCacheBenchmark\.' -p readPercent=100,95,75,50,0
  # The JCache features, one at a time and then together, at 95 % reads, providers only.
  run jcache-by-value '\.JCacheBenchmark\.' -p "$peers" -p readPercent=95 -p storeByValue=true
  run jcache-statistics '\.JCacheBenchmark\.' -p "$peers" -p readPercent=95 -p statistics=true
  run jcache-expiry '\.JCacheBenchmark\.' -p "$peers" -p readPercent=95 -p expiry=true
  run jcache-all-features '\.JCacheBenchmark\.' -p "$peers" -p readPercent=95 \
    -p storeByValue=true -p statistics=true -p expiry=true
}

hibernate() {
  run hibernate '\.HibernateL2Benchmark\.'
}

writes() {
  run writes '\.WriteStrategyBenchmark\.'
}

case "${1:-all}" in
  engine) engine ;;
  jcache) jcache ;;
  hibernate) hibernate ;;
  writes) writes ;;
  all) engine; jcache; hibernate; writes ;;
  *) echo "usage: $0 [engine|jcache|hibernate|writes|all]" >&2; exit 2 ;;
esac

java -cp "$JAR" dev.larder.benchmarks.report.ReportGenerator target/jmh-report.md "$OUT"
