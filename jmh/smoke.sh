#!/usr/bin/env bash
# CI smoke run of the JMH suites: one tiny measurement iteration (no warm-up) of every benchmark
# and every @Param value, to prove that each one starts, runs and verifies its replies. The
# figures it prints are NOT measurements; use the reference settings in results/jmh/README.md.
#
#   jmh/smoke.sh                      every suite (build first: ./bench build, or mvn -pl jmh -am package)
#   jmh/smoke.sh RoundTripBenchmark   only the benchmarks matching a JMH regex (other JMH options pass
#                                     through, but -p overrides would break the result count check)
#   JAVA=/path/to/jdk/bin/java jmh/smoke.sh
#
# Exits 0 only if JMH exited 0, no benchmark reported a failure, and the result file holds one
# result per benchmark and parameter combination that `-lp` lists (JMH's exit code alone can be 0
# after a benchmark threw, and a skipped combination must not pass silently).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAVA=${JAVA:-java}
JAR=jmh/target/benchmarks.jar
say() { printf 'smoke: %s\n' "$*" >&2; }

[[ -f $JAR ]] || { say "$JAR is missing; build it first (./bench build)"; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Expected results: per listed benchmark, the product of its parameter value counts.
"$JAVA" -jar "$JAR" -lp "$@" >"$work/list.txt"
expected=$(awk '
    /^Benchmarks:/ { listing = 1; next }
    !listing { next }
    /^[^ ]/ { total += combos; combos = 1; next }
    /^ +param / { sub(/^[^{]*\{/, ""); sub(/\}.*$/, ""); combos *= split($0, values, ", ") }
    END { total += combos; print total }' "$work/list.txt")
[[ $expected -gt 0 ]] || { say "no benchmark matches: $*"; exit 2; }

# Runs JMH once, tiny, with "$@"; fails unless every one of $expected results came back clean.
smoke() {
    local expected=$1 status=0 start=$SECONDS failures results
    shift
    say "running $expected benchmark/parameter combinations, one 100 ms iteration each"
    "$JAVA" -jar "$JAR" -f 1 -wi 0 -i 1 -w 100ms -r 100ms -foe true \
        -rf json -rff "$work/smoke.json" "$@" 2>&1 | tee "$work/smoke.log" || status=$?
    failures=$(grep -c '<failure>' "$work/smoke.log" || true)
    results=$(grep -c '"benchmark" :' "$work/smoke.json" 2>/dev/null || true)
    if [[ $status -ne 0 || $failures -ne 0 || ${results:-0} -ne $expected ]]; then
        say "FAILED after $((SECONDS - start))s: JMH exit code $status, $failures benchmark failure(s), ${results:-0} of $expected results"
        exit 1
    fi
    say "OK: $results results in $((SECONDS - start))s"
}

smoke "$expected" "$@"

# The poller mode is a start-up flag that PollerModes sets per trial: prove that each mode the
# JDK accepts applies in a fresh fork (the default list runs only the JDK's default).
if [[ $# -eq 0 ]]; then
    smoke 2 'RoundTripBenchmark.throughput' -p impl=virtual -p protocol=echo -p pollerMode=1,2
fi
