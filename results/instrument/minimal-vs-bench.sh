#!/usr/bin/env bash
# The floor under the load client's CPU per request: MinimalClient (one Selector, 64-byte closed-loop
# echo, nothing measured but CPU) and `bench` against the same `nio` server, pinned the same way,
# interleaved. Run it alone on the machine.
#
#   results/instrument/minimal-vs-bench.sh [--client-cpu 0|1] [--no-meters] [PAIRS]
#
#   --client-cpu the client's CPU, the server on the other (default 1: client CPU 1, server CPU 0,
#                as bench pins by default on 2 cores)
#   --no-meters  a third client each round: bench built from a git worktree of HEAD with
#                no-meters.patch applied (no hiccup meter, no noise guard), to weigh those two
#   PAIRS        rounds (default 5)
#
# Prints one line per run (req/s, server and client µs CPU per verified request, client ÷ server),
# then the median (min–max) of each client's ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
usage() { sed -n '5,15p' "$0" >&2; exit 2; }
client_cpu=1; no_meters=false; pairs=5
while (($#)); do
    case "$1" in
        --client-cpu) [[ "${2:-}" == [01] ]] || usage; client_cpu=$2; shift ;;
        --no-meters) no_meters=true ;;
        ''|*[!0-9]*) usage ;;
        *) pairs=$1 ;;
    esac
    shift
done
server_cpu=$((1 - client_cpu))
./bench --help >/dev/null                       # builds the jars if needed
JDK=""; for c in /usr/lib/jvm/*/ "${JAVA_HOME:-}"; do  # the newest JDK 21+, as bench picks one
    c=${c%/}; [[ -x "$c/bin/javac" ]] || continue
    v=$("$c/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    [[ -n "$v" && "$v" -ge 21 ]] && JDK=$c
done
[[ -n "$JDK" ]] || { echo "no JDK 21+ found" >&2; exit 2; }
out=$(mktemp -d)
nometers="$out/no-meters"
cleanup() {
    if [[ -d "$nometers" ]]; then git worktree remove --force "$nometers" >/dev/null 2>&1 || true; fi
    rm -rf "$out"
}
trap cleanup EXIT
"$JDK/bin/javac" -d "$out" results/instrument/MinimalClient.java
if $no_meters; then
    git worktree add --detach -q "$nometers" HEAD
    git -C "$nometers" apply "$ROOT/results/instrument/no-meters.patch"
    (cd "$nometers" && ./bench --help >/dev/null)
fi
: > "$out/lines"

minimal() {
    coproc SRV { exec taskset -c "$server_cpu" "$JDK/bin/java" -jar server-impls/target/loombench-server.jar serve --impl nio --port 0 --exit-on-stdin-eof 2>/dev/null; }
    local line port
    read -r line <&"${SRV[0]}"
    port=$(grep -o '"port":[0-9]*' <<<"$line" | head -1 | cut -d: -f2)
    printf 'minimal    %s\n' "$(taskset -c "$client_cpu" "$JDK/bin/java" -cp "$out" MinimalClient "$port" "$SRV_PID" 100 2 8)" | tee -a "$out/lines"
    kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true
}

# bench NAME DIR: one run of DIR's bench, printed as MinimalClient prints its own
bench() {
    local text
    text=$(cd "$2" && ./bench --impl nio --clients 100 --warmup 2s --duration 8s \
        --client-cpus "$client_cpu" --server-cpus "$server_cpu" --results "$out/runs" 2>/dev/null)
    awk -v name="$1" '
        /^ +throughput / { gsub(",", "", $2); rps = $2 }
        /^ +server +CPU / { server = $3 }
        /^ +client +CPU / { client = $3 }
        END { printf "%-10s req/s %d server %.2f client %.2f ratio %.3f\n", name, rps, server, client, client / server }' \
        <<<"$text" | tee -a "$out/lines"
}

for i in $(seq 1 "$pairs"); do
    minimal
    bench bench "$ROOT"
    if $no_meters; then bench no-meters "$nometers"; fi
done
echo "client $client_cpu, server $server_cpu; ratio = client ÷ server CPU per verified request, median (min–max):"
for name in minimal bench no-meters; do
    ratios=$(awk -v n="$name" '$1 == n { print $NF }' "$out/lines" | sort -n)
    [[ -n "$ratios" ]] || continue
    awk -v name="$name" '{ v[NR] = $1 }
        END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "  %-10s %.3f (%.3f–%.3f), %d runs\n", name, m, v[1], v[NR], NR }' <<<"$ratios"
done
