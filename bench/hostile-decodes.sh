#!/usr/bin/env bash
# Issue 14's decode attacks against sis, and what /healthz and a cached read cost meanwhile:
#   stretch  two 5400x4000 PNG stretches of an 800x600 JPEG at once (two rounds);
#   gif      two sizes of a 1000-frame GIF (300x300 canvas) at once;
#   scans    a 1.6 MB progressive 7000x7000 JPEG of 20,000 scans, at w=100 and w=101 at once;
#   ztxt     a 1.5 MB PNG of 200 zTXt chunks (8 MB of text each), at w=100 and w=101 at once;
#   burst    300 new variants at once of a 27 MB original (3000x3000 noise PNG): 503s and peak RSS.
# Each attack runs on a fresh sis (-Xmx1g, defaults otherwise; --decode-timeout 5s for scans and
# ztxt, as in the issue), the jars one after the other, while a poller asks /healthz and the
# cached original every 100 ms (curl, 60 s cap each). Attack requests give up after 120 s (a
# server still working then is killed). Prints one markdown table; docs/reliability.md has one.
#
# Usage: bench/hostile-decodes.sh [JAR...]   (default: target/sis.jar; give two jars to compare)
# Environment: SIS_BENCH_ENGINES (default "java vips"), SIS_BENCH_ATTACKS (default all five),
#   SIS_BENCH_PORT (default 14470), SIS_BENCH_FLAGS (extra sis flags, e.g. "--max-decodes 1").
#   Builds the attack files with the test classes (mvnw test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
port="${SIS_BENCH_PORT:-14470}"
engines="${SIS_BENCH_ENGINES:-java vips}"
attacks="${SIS_BENCH_ATTACKS:-stretch gif scans ztxt burst}"
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(target/sis.jar)
[ -f target/sis.jar ] || ./mvnw -B -q -DskipTests package
[ -d server/target/test-classes/dev/sis/testing ] || ./mvnw -B -q test-compile -pl server -am

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$java" -cp server/target/test-classes:server/target/classes dev.sis.testing.HostileImages "$work/files"
base="http://127.0.0.1:$port"

start() { # jar engine flags...
  local jar=$1 engine=$2
  shift 2
  rm -rf "$work/data"
  # shellcheck disable=SC2086 # SIS_BENCH_FLAGS is a list of flags
  (cd "$work" && exec "$java" -Xmx1g -jar "$jar" -host 127.0.0.1 -port "$port" -image "$work/data" \
      --image-engine "$engine" "$@" ${SIS_BENCH_FLAGS:-} >"$work/sis.log" 2>&1) &
  sis=$!
  pids+=("$sis")
  for _ in $(seq 1 200); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
  echo "bench: sis did not start" >&2; cat "$work/sis.log" >&2; exit 1
}
stop() { kill -9 "$sis" 2>/dev/null || true; wait "$sis" 2>/dev/null || true; }
upload() { # file name -> md5
  curl -sf -X PUT --data-binary "@$1" "$base/v1/images/$2" | sed -n 's/.*"md5":"\([0-9a-f]*\)".*/\1/p'
}
poll() { # url file: one time_total a line until killed
  while :; do
    curl -s -o /dev/null --max-time 60 -w '%{time_total}\n' "$1" >>"$2" || echo 60 >>"$2"
    sleep 0.1
  done
}
worst() { sort -g "$1" | tail -1 | awk '{printf "%.2f s", $1}'; }
get() { # url: the status, or none-in-120s
  local code
  code=$(curl -s -o /dev/null --max-time 120 -w '%{http_code}' "$1") || code=none-in-120s
  echo "$code"
}

echo "| attack | engine | jar | answers | attack took | /healthz worst | cached original worst | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for engine in $engines; do
  for attack in $attacks; do
    for jar in "${jars[@]}"; do # the jars one after the other on each attack, in the same conditions
      timeout=()
      case $attack in scans|ztxt) timeout=(--decode-timeout 5s) ;; esac
      start "$jar" "$engine" "${timeout[@]}"
      photo=$(upload "$work/files/photo.jpg" photo.jpg)
      curl -sf -o /dev/null "$base/v1/images/$photo"  # now cached
      case $attack in
        gif) md5=$(upload "$work/files/animation.gif" animation.gif) ;;
        scans) md5=$(upload "$work/files/scan-bomb.jpg" bomb.jpg) ;;
        ztxt) md5=$(upload "$work/files/ztxt-bomb.png" text.png) ;;
        burst) md5=$(upload "$work/files/noise.png" noise.png) ;;
      esac
      : >"$work/health"; : >"$work/cached"; : >"$work/answers"
      poll "$base/healthz" "$work/health" & hp=$!; pids+=("$hp")
      poll "$base/v1/images/$photo" "$work/cached" & cp=$!; pids+=("$cp")
      began=$(date +%s%N)
      rounds=1; [ "$attack" = stretch ] && rounds=2
      for round in $(seq 1 "$rounds"); do
        case $attack in
          stretch) urls=("$base/v1/images/$photo?w=5400&h=$((4001 - round))&fit=stretch&format=png"
                         "$base/v1/images/$photo?w=5399&h=$((4001 - round))&fit=stretch&format=png") ;;
          gif) urls=("$base/v1/images/$md5?w=299" "$base/v1/images/$md5?w=298") ;;
          scans|ztxt) urls=("$base/v1/images/$md5?w=100" "$base/v1/images/$md5?w=101") ;;
          burst) urls=(); for i in $(seq 1 300); do urls+=("$base/v1/images/$md5?w=$((100 + i))"); done ;;
        esac
        requests=()
        for url in "${urls[@]}"; do
          get "$url" >>"$work/answers" &
          requests+=($!)
        done
        wait "${requests[@]}" 2>/dev/null || true
      done
      took=$(( ($(date +%s%N) - began) / 1000000 ))
      kill "$hp" "$cp" 2>/dev/null || true; pkill -P "$hp" 2>/dev/null || true; pkill -P "$cp" 2>/dev/null || true
      wait "$hp" "$cp" 2>/dev/null || true
      rss=$(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$sis/status")
      answers=$(sort "$work/answers" | uniq -c | awk '{printf "%s%d x %s", sep, $1, $2; sep=", "}')
      printf '| %s | %s | %s | %s | %d.%d s | %s | %s | %s |\n' "$attack" "$engine" "$(basename "$jar")" \
          "$answers" $((took / 1000)) $((took % 1000 / 100)) "$(worst "$work/health")" "$(worst "$work/cached")" "$rss"
      stop
    done
  done
done
