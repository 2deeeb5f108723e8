#!/usr/bin/env bash
# What a cold variant costs beyond libvips, two builds side by side: one cold request at a time
# (a size never asked before), alternating A and B, median and mean time per answer; then the
# fsync calls each server makes for 30 cold requests (strace -c -f on the running server), which
# the machine's load cannot blur. The 2.5 MP baseline JPEG, default engine, -Xmx512m.
# Usage: bench/cold-writes.sh A.jar B.jar [REQUESTS per side, default 60]. Needs curl and strace.
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(readlink -f "$1"); jar_b=$(readlink -f "$2"); requests="${3:-60}"
sis_needs=java . .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
work="$(mktemp -d)"
declare -A pid port=([a]=14495 [b]=14496) jar=([a]="$jar_a" [b]="$jar_b")
cleanup() { for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
jpeg=$corpus/storm-2.5mp-baseline-q98.jpg
md5=$(md5sum "$jpeg" | cut -c1-32)
for side in a b; do
  "$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} -jar "${jar[$side]}" -host 127.0.0.1 -port "${port[$side]}" \
    -image "$work/data-$side" >"$work/sis-$side.log" 2>&1 &
  pid[$side]=$!
done
cold() { # side width: one cold request, its time in seconds
  curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:${port[$1]}/v1/images/$md5?w=$2&h=400"
}
for side in a b; do
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:${port[$side]}/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf -F "file=@$jpeg" "http://127.0.0.1:${port[$side]}/up" >/dev/null
  for i in $(seq 1 40); do cold "$side" $((100 + i)) >/dev/null; done # warm-up (JIT) on other sizes
done
for i in $(seq 1 "$requests"); do
  for side in a b; do cold "$side" $((300 + i)) >>"$work/times-$side"; done
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mean() { awk '{ s += $1 } END { print s / NR }' "$1"; }
echo "| build | median ms | mean ms | fsyncs per 30 cold requests |"
echo "|---|---|---|---|"
for side in a b; do
  strace -f -c -e trace=fsync,fdatasync -o "$work/strace-$side" -p "${pid[$side]}" 2>/dev/null &
  tracer=$!
  sleep 1
  for i in $(seq 1 30); do cold "$side" $((700 + i)) >/dev/null; done
  sleep 2 # writes after the answer land meanwhile
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  fsyncs=$(awk '$NF ~ /^f(data)?sync$/ { s += $4 } END { print s + 0 }' "$work/strace-$side")
  awk -v b="$side" -v m="$(median "$work/times-$side")" -v a="$(mean "$work/times-$side")" -v f="$fsyncs" \
    'BEGIN { printf "| %s | %.1f | %.1f | %d |\n", toupper(b), m * 1000, a * 1000, f }'
done
awk -v a="$(median "$work/times-a")" -v b="$(median "$work/times-b")" \
  'BEGIN { printf "\nmedian time per answer B / A: **%.2f**\n", b / a }'
echo "(A = $1, B = $2; $requests requests each, A B A B; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
