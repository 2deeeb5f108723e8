#!/usr/bin/env bash
# Time to steady rate of a fresh sis process on the cached 300x200 thumbnail (legacy route), for
# two sets of JVM options side by side, each started ROUNDS times in turn (A B A B): from /readyz,
# one upload and the variant made, then 1 s slices of wrk -c16 (bench/steady-rate.sh). Also the
# time from the start of the process to its first 200 from /readyz.
# Usage: bench/warm-up.sh [ROUNDS, default 2]
# Environment: SIS_JAR (default target/sis.jar), WARM_OPTS_A / WARM_OPTS_B (JVM options of each
#   side, e.g. WARM_OPTS_B="-XX:AOTCache=/tmp/sis.aot"), WARM_FLAGS_A / WARM_FLAGS_B (sis flags of
#   each side, e.g. WARM_FLAGS_A="--warm-up 0" WARM_FLAGS_B="--warm-up 1500ms": sis's own start-up
#   warm-up off and on), SLICES (default 12).
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

echo "| side | JVM options, sis flags | ms to /readyz | seconds to 80 % of steady | steady (req/s) | req/s each second | seconds to 1.25x steady CPU/req | steady µs CPU/req | µs CPU/req each second |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    opts_var=WARM_OPTS_$side
    flags_var=WARM_FLAGS_$side
    rm -rf "$work/data"
    started=$(date +%s%N)
    if [ -n "${SIS_LAUNCHER:-}" ]; then
      aot_var=WARM_AOT_$side
      if [ -n "${!aot_var+set}" ]; then export SIS_AOT_CACHE="${!aot_var}"; else unset SIS_AOT_CACHE; fi
      # shellcheck disable=SC2086 # the flags are words
      SIS_JAVA_OPTS="-Xmx512m ${!opts_var:-}" "$SIS_LAUNCHER" -host 127.0.0.1 -port "$port" -image "$work/data" \
        ${!flags_var:-} >"$work/sis.log" 2>&1 &
    else
      # shellcheck disable=SC2086 # the options are words
      "$java" -Xmx512m ${!opts_var:-} -jar "$jar" -host 127.0.0.1 -port "$port" -image "$work/data" ${!flags_var:-} \
        >"$work/sis.log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 1 3000); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.01; done
    to_ready=$(( ($(date +%s%N) - started) / 1000000 ))
    md5=$(curl -sf -F "file=@$thumb" "http://127.0.0.1:$port/up" | sed -n 's/.*"MD5":"\([0-9a-f]*\)".*/\1/p')
    url="http://127.0.0.1:$port/stretch_simple_down?md5=$md5&w=300&h=200"
    curl -sf -o /dev/null "$url"
    read -r to_steady steady each cpu_to_steady cpu_steady cpu_each <<<"$(time_to_steady "$url" "${SLICES:-12}" "$pid")"
    label="${!opts_var:-none}, ${!flags_var:-no flags}"
    [ -z "${SIS_LAUNCHER:-}" ] || label="bin/sis, SIS_AOT_CACHE=${SIS_AOT_CACHE-unset}, $label"
    echo "| $side | $label | $to_ready | $to_steady | $steady | $each | $cpu_to_steady | $cpu_steady | $cpu_each |"
    echo "$side $to_ready ${to_steady#>} ${cpu_to_steady#>}" >>"$work/summary"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
echo
# Medians of each side over the rounds (a ">N", never reached, counts as N).
awk '{ ready[$1] = ready[$1] " " $2; rate[$1] = rate[$1] " " $3; cpu[$1] = cpu[$1] " " $4 }
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  END { for (s in ready) printf "side %s, median of %d: %s ms to /readyz, %s s to 80 %% of steady req/s, %s s to 1.25x steady CPU/req\n",
          s, split(ready[s], x, " "), median(ready[s]), median(rate[s]), median(cpu[s]) }' "$work/summary" | sort
echo "($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
