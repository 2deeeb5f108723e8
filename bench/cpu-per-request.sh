#!/usr/bin/env bash
# Server CPU time per request of two builds of sis, side by side (A B A B A B): on a loaded
# machine requests per second swing with the other work, while the CPU time the server spends
# per answer moves much less, so this is the figure to trust there. Cached reads only (the
# 300x200 thumbnail on the legacy route and /v1, and the ~500 KB original), 16 connections.
# Prints CPU microseconds per request (user + system, from /proc), req/s, and the ratios B / A.
# Usage: bench/cpu-per-request.sh A.jar B.jar [SECONDS per run, default 5]. Needs wrk and Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(readlink -f "$1"); jar_b=$(readlink -f "$2"); seconds="${3:-5}"
sis_needs=java . .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
work="$(mktemp -d)"
declare -A pid port=([a]=14490 [b]=14491) jar=([a]="$jar_a" [b]="$jar_b")
cleanup() { for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for side in a b; do
  "$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} -jar "${jar[$side]}" -host 127.0.0.1 -port "${port[$side]}" \
    -image "$work/data-$side" >"$work/sis-$side.log" 2>&1 &
  pid[$side]=$!
done
thumb=$corpus/storm-2.5mp-baseline-q98.jpg
original=$corpus/wood-5mp-baseline-q87.jpg
md5_t=$(md5sum "$thumb" | cut -c1-32); md5_o=$(md5sum "$original" | cut -c1-32)
declare -A paths=(
  [hot-legacy]="/stretch_simple_down?md5=$md5_t&w=300&h=200"
  [hot-v1]="/v1/images/$md5_t?w=300&h=200&fit=stretch"
  [original]="/v1/images/$md5_o"
)
for side in a b; do
  # /readyz: 503 while the start-up warm-up (--warm-up) runs, whose load is not the one measured
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:${port[$side]}/readyz" >/dev/null && break; sleep 0.1; done
  curl -sf -F "file=@$thumb" -F "file=@$original" "http://127.0.0.1:${port[$side]}/up" >/dev/null
  for w in hot-legacy hot-v1 original; do wrk -t2 -c16 -d3s "http://127.0.0.1:${port[$side]}${paths[$w]}" >/dev/null; done
done
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # user + system, in clock ticks
hz=$(getconf CLK_TCK)
echo "| workload | A µs CPU/req | B µs CPU/req | B / A (CPU) | A req/s | B req/s | B / A (req/s) |"
echo "|---|---|---|---|---|---|---|"
for w in hot-legacy hot-v1 original; do
  declare -A cpu=([a]=0 [b]=0) reqs=([a]=0 [b]=0)
  for _ in 1 2 3; do
    for side in a b; do
      before=$(ticks "${pid[$side]}")
      n=$(wrk -t2 -c16 -d"${seconds}s" "http://127.0.0.1:${port[$side]}${paths[$w]}" | awk '/requests in/ { print $1 }')
      after=$(ticks "${pid[$side]}")
      cpu[$side]=$((cpu[$side] + after - before)); reqs[$side]=$((reqs[$side] + n))
    done
  done
  awk -v w="$w" -v ca="${cpu[a]}" -v cb="${cpu[b]}" -v ra="${reqs[a]}" -v rb="${reqs[b]}" -v hz="$hz" -v s="$seconds" 'BEGIN {
    ua = ca * 1e6 / hz / ra; ub = cb * 1e6 / hz / rb
    printf "| %s | %.1f | %.1f | **%.2f** | %.0f | %.0f | %.2f |\n", w, ua, ub, ub / ua, ra / (3 * s), rb / (3 * s), rb / ra }'
done
echo
echo "(A = $1, B = $2; ${seconds} s a run, 3 rounds; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
