#!/usr/bin/env bash
# Before/after of a change to the hot paths, in one run: two builds of sis side by side
# (default settings, -Xmx512m), each measured in turn on the same workloads, twice, A B A B,
# so that a change in the machine's load hits both. Prints req/s and the ratio B / A.
#   1. hot cached 300x200 thumbnail, legacy route and /v1, 16 connections;
#   2. original download of a ~500 KB JPEG (cached), 16 connections;
#   3. upload of a ~500 KB JPEG, new bytes each time, 4 connections;
#   4. cold resizes (a new size each request, about 400 px) of the 2.5 MP JPEG and the 2.3 MP PNG,
#      2 connections; cold-progressive: the same of the 8 MP progressive JPEG (not in the default list).
# Usage: bench/compare-jars.sh A.jar B.jar [SECONDS per run, default 5]. Needs wrk.
# Environment: COMPARE (the workloads, default: all of hot-legacy hot-v1 original upload cold-jpeg
#   cold-png), SIS_COMPARE_FLAGS (sis flags for both, e.g. "-image-engine java"),
#   SIS_COMPARE_JAVA_OPTS_A / _B (JVM options of one side only, e.g. "-Dsome.switch=false").
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(readlink -f "$1"); jar_b=$(readlink -f "$2"); seconds="${3:-5}"
. .mvn/jdk.sh
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
corpus="${SIS_CORPUS_DIR:-$HOME/.cache/sis-corpus}"
[ -f "$corpus/.complete" ] || bench/corpus.sh "$corpus" >/dev/null
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port_a=14480; port_b=14481
for side in a b; do
  port_var=port_$side; jar_var=jar_$side
  opts_var=SIS_COMPARE_JAVA_OPTS_${side^^}
  "$java" -Xmx512m ${SIS_BENCH_JAVA_OPTS:-} ${!opts_var:-} -jar "${!jar_var}" -host 127.0.0.1 -port "${!port_var}" -image "$work/data-$side" \
    ${SIS_COMPARE_FLAGS:-} >"$work/sis-$side.log" 2>&1 &
  pids+=($!)
done
for port in $port_a $port_b; do
  # /readyz: 503 while the start-up warm-up (--warm-up) runs, whose load is not the one measured
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
done
thumb=$corpus/storm-2.5mp-baseline-q98.jpg
original=$corpus/wood-5mp-baseline-q87.jpg
png=$corpus/stripes-2.3mp.png
progressive=$corpus/elephants-8mp-progressive-q100.jpg
md5_t=$(md5sum "$thumb" | cut -c1-32); md5_o=$(md5sum "$original" | cut -c1-32); md5_p=$(md5sum "$png" | cut -c1-32)
md5_g=$(md5sum "$progressive" | cut -c1-32)
for port in $port_a $port_b; do
  curl -sf -F "file=@$thumb" -F "file=@$original" -F "file=@$png" -F "file=@$progressive" "http://127.0.0.1:$port/up" >/dev/null
done
cat >"$work/cold.lua" <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) n = tonumber(os.getenv("OFFSET")) or 0 end
function request()
  n = n + 1
  local w = 300 + (n % 200)
  local h = 300 + (math.floor(n / 200) % 100) + (id - 1) * 100
  return wrk.format("GET", string.format(os.getenv("COLD_PATH"), w, h))
end
LUA
cat >"$work/upload.lua" <<'LUA'
local f = assert(io.open(os.getenv("UPLOAD_FILE"), "rb")); local data = f:read("*all"); f:close()
local boundary = "sisbenchboundary7MA4YWxkTrZu0gW"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function init(args) n = 0 end
function request()
  n = n + 1
  local tail = string.format("sis-compare-%d-%d-%d", id, n, os.time())
  local body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.jpg\"\r\n"
    .. "Content-Type: image/jpeg\r\n\r\n" .. data .. tail .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/up", { ["Content-Type"] = "multipart/form-data; boundary=" .. boundary }, body)
end
LUA
rps() { wrk -t2 -c"$2" -d"${seconds}s" ${3:+-s "$3"} "$1" | awk '/Requests\/sec/ { print $2 }'; }
offset=0
declare -A paths=(
  [hot-legacy]="/stretch_simple_down?md5=$md5_t&w=300&h=200"
  [hot-v1]="/v1/images/$md5_t?w=300&h=200&fit=stretch"
  [original]="/v1/images/$md5_o"
  [upload]="/"
)
paths[cold-jpeg]="/v1/images/$md5_t?w=%d&h=%d"
paths[cold-png]="/v1/images/$md5_p?w=%d&h=%d"
paths[cold-progressive]="/v1/images/$md5_g?w=%d&h=%d"
read -r -a order <<<"${COMPARE:-hot-legacy hot-v1 original upload cold-jpeg cold-png}"
for port in $port_a $port_b; do   # warm-up: JIT, and the variants made and cached
  for w in hot-legacy hot-v1 original; do wrk -t2 -c16 -d2s "http://127.0.0.1:$port${paths[$w]}" >/dev/null; done
  UPLOAD_FILE="$original" wrk -t2 -c4 -d2s -s "$work/upload.lua" "http://127.0.0.1:$port/" >/dev/null
  for w in cold-jpeg cold-png cold-progressive; do
    OFFSET=900000 COLD_PATH="${paths[$w]}" wrk -t2 -c2 -d2s -s "$work/cold.lua" "http://127.0.0.1:$port/" >/dev/null
  done
done
echo "| workload | A (req/s) | B (req/s) | B / A |"
echo "|---|---|---|---|"
for w in "${order[@]}"; do
  sum_a=0; sum_b=0
  for round in 1 2; do
    for side in a b; do
      port_var=port_$side
      if [ "$w" = upload ]; then
        r=$(UPLOAD_FILE="$original" rps "http://127.0.0.1:${!port_var}/" 4 "$work/upload.lua")
      elif [[ "$w" == cold-* ]]; then
        offset=$((offset + 20000))   # sizes never asked before: every request makes a variant
        r=$(OFFSET=$offset COLD_PATH="${paths[$w]}" rps "http://127.0.0.1:${!port_var}/" 2 "$work/cold.lua")
      else
        r=$(rps "http://127.0.0.1:${!port_var}${paths[$w]}" 16)
      fi
      if [ $side = a ]; then sum_a=$(awk -v s="$sum_a" -v r="$r" 'BEGIN { print s + r }'); else sum_b=$(awk -v s="$sum_b" -v r="$r" 'BEGIN { print s + r }'); fi
    done
  done
  awk -v w="$w" -v a="$sum_a" -v b="$sum_b" 'BEGIN { printf "| %s | %.0f | %.0f | **%.2f** |\n", w, a / 2, b / 2, b / a }'
done
echo
echo "(A = $1, B = $2; ${seconds} s a run, 2 rounds; flags: ${SIS_COMPARE_FLAGS:-none}; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
