#!/usr/bin/env bash
# Time to steady rate of a fresh sis process on the cached 300x200 thumbnail (legacy route), for
# two sets of JVM options side by side, each started ROUNDS times in turn (A B A B): from /readyz,
# one upload and the variant made, then 1 s slices of wrk -c16 (bench/steady-rate.sh). Also the
# time from the start of the process to its first 200 from /readyz.
# Usage: bench/warm-up.sh [ROUNDS, default 2]
# Environment: SIS_JAR (default target/sis.jar), WARM_OPTS_A / WARM_OPTS_B (JVM options of each
#   side, e.g. WARM_OPTS_B="-XX:AOTCache=/tmp/sis.aot"), SLICES (default 12).
#   SIS_LAUNCHER=DIR/bin/sis starts the tarball's launcher instead of java -jar (the options in
#   SIS_JAVA_OPTS), and WARM_AOT_A / WARM_AOT_B are its SIS_AOT_CACHE on each side (e.g.
#   WARM_AOT_A=off: without the launcher's AOT cache; unset: as a user gets it).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
. .mvn/jdk.sh
. bench/steady-rate.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=$(readlink -f "${SIS_JAR:-target/sis.jar}")
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
thumb=$corpus/storm-2.5mp-baseline-q98.jpg
port=14470
work="$(mktemp -d)"
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "| side | JVM options | ms to /readyz | seconds to 80 % of steady | steady (req/s) | req/s each second |"
echo "|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    opts_var=WARM_OPTS_$side
    rm -rf "$work/data"
    started=$(date +%s%N)
    if [ -n "${SIS_LAUNCHER:-}" ]; then
      aot_var=WARM_AOT_$side
      if [ -n "${!aot_var+set}" ]; then export SIS_AOT_CACHE="${!aot_var}"; else unset SIS_AOT_CACHE; fi
      SIS_JAVA_OPTS="-Xmx512m ${!opts_var:-}" "$SIS_LAUNCHER" -host 127.0.0.1 -port "$port" -image "$work/data" \
        >"$work/sis.log" 2>&1 &
    else
      # shellcheck disable=SC2086 # the options are words
      "$java" -Xmx512m ${!opts_var:-} -jar "$jar" -host 127.0.0.1 -port "$port" -image "$work/data" >"$work/sis.log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 1 1000); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.01; done
    to_ready=$(( ($(date +%s%N) - started) / 1000000 ))
    md5=$(curl -sf -F "file=@$thumb" "http://127.0.0.1:$port/up" | sed -n 's/.*"MD5":"\([0-9a-f]*\)".*/\1/p')
    url="http://127.0.0.1:$port/stretch_simple_down?md5=$md5&w=300&h=200"
    curl -sf -o /dev/null "$url"
    read -r to_steady steady each <<<"$(time_to_steady "$url" "${SLICES:-12}")"
    label="${!opts_var:-none}"
    [ -z "${SIS_LAUNCHER:-}" ] || label="bin/sis, SIS_AOT_CACHE=${SIS_AOT_CACHE-unset}, $label"
    echo "| $side | $label | $to_ready | $to_steady | $steady | $each |"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
echo
echo "($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
