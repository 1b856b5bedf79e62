#!/usr/bin/env bash
# The floor under the load client's CPU per request: MinimalClient (one Selector, 64-byte closed-loop
# echo, nothing measured but CPU) and `bench` against the same `nio` server, pinned the same way
# (client CPU 0, server CPU 1), interleaved. Usage: results/instrument/minimal-vs-bench.sh [PAIRS]
# Run it alone on the machine. Prints one line per run: req/s, server and client µs CPU per request.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
pairs=${1:-5}
./bench --help >/dev/null                       # builds the jars if needed
JDK=""; for c in /usr/lib/jvm/*/ "${JAVA_HOME:-}"; do  # the newest JDK 21+, as bench picks one
    c=${c%/}; [[ -x "$c/bin/javac" ]] || continue
    v=$("$c/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    [[ -n "$v" && "$v" -ge 21 ]] && JDK=$c
done
[[ -n "$JDK" ]] || { echo "no JDK 21+ found" >&2; exit 2; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$JDK/bin/javac" -d "$out" results/instrument/MinimalClient.java
minimal() {
    coproc SRV { exec taskset -c 1 "$JDK/bin/java" -jar server-impls/target/loombench-server.jar serve --impl nio --port 0 --exit-on-stdin-eof 2>/dev/null; }
    local line port
    read -r line <&"${SRV[0]}"
    port=$(grep -o '"port":[0-9]*' <<<"$line" | head -1 | cut -d: -f2)
    printf 'minimal  '; taskset -c 0 "$JDK/bin/java" -cp "$out" MinimalClient "$port" "$SRV_PID" 100 2 8
    kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true
}
for i in $(seq 1 "$pairs"); do
    minimal
    printf 'bench    '
    ./bench --impl nio --clients 100 --warmup 2s --duration 8s --results "$out/runs" 2>/dev/null \
        | grep -E '^ +(throughput|server|client) ' | sed -E 's/^ +//; s/, (peak|mean).*//' | tr '\n' ' '; echo
done
