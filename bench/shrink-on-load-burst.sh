#!/usr/bin/env bash
# Whether the decode gate keeps a cold burst of shrink-on-load thumbnails within the heap: two
# builds of sis, A B A B, each in turn alone (-Xmx512m: a 256 MiB decode budget; the java engine;
# 8 decodes allowed by count, a queue of 16). Each run uploads the 18 MP progressive JPEG of the
# corpus (16 MB), waits for its analysis, then asks for 8 different thumbnails at once (w=300 to
# 307: decoded at 1/8, every block's coefficients held, ~90 MB each with the file and its copy).
# Prints each run's HTTP statuses and the OutOfMemoryErrors in its log. A gate that counts the
# coefficient planes admits 2 at a time and all answer 200; one that does not admits all 8.
# Usage: bench/shrink-on-load-burst.sh A.jar B.jar [ROUNDS, default 2]. Needs curl and Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(readlink -f "$1"); jar_b=$(readlink -f "$2"); rounds="${3:-2}"
sis_needs=java . .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
photo=$corpus/elephants-18mp-progressive-q100.jpg
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=14495

burst() { # jar label
  local data="$work/data-$2-$round" log="$work/sis-$2-$round.log" base="http://127.0.0.1:$port"
  "$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} -jar "$1" -host 127.0.0.1 -port "$port" -image "$data" \
    -image-engine java -max-decodes 8 -decode-queue 16 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.2; done
  local md5; md5=$(md5sum "$photo" | cut -c1-32)
  curl -sf -o /dev/null -X PUT --data-binary @"$photo" "$base/v1/images/photo.jpg"
  for _ in $(seq 300); do  # the upload's analysis decodes too: wait until no decode runs
    [ "$(curl -s "$base/metrics" | awk '/^sis_decode_running /{print $2}')" = "0.0" ] && break; sleep 0.2
  done
  local statuses=() clients=()
  for w in $(seq 300 307); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 "$base/v1/images/$md5?w=$w" >"$work/status-$w" &
    clients+=($!)
  done
  wait "${clients[@]}"
  for w in $(seq 300 307); do statuses+=("$(cat "$work/status-$w")"); done
  printf '%-2s round %d: %s  OutOfMemoryError in log: %d\n' "$2" "$round" "${statuses[*]}" \
    "$(grep -c OutOfMemoryError "$log" || true)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

for round in $(seq "$rounds"); do
  burst "$jar_a" A
  burst "$jar_b" B
done
